"""Where returned files come from, one module per kind of source: ``folder`` (files and folders),
``message`` (MIME .eml/.mbox, and the one path every message's attachments take), ``zip``,
``imap``, ``msg`` (Outlook .msg) and ``tnef`` (winmail.dat inside any message). ``items`` holds
what they yield and the rules they share, ``arrived`` among them (when the Office received it).
"""

from cchc_xlsx.collect.sources.folder import folder_file, scan
from cchc_xlsx.collect.sources.items import (
    MESSAGE_EXTENSIONS,
    SPREADSHEET_EXTENSIONS,
    Attachment,
    Contained,
    Item,
    Received,
    Skipped,
    arrived,
    office_clock,
)
from cchc_xlsx.core.names import SYSTEM_FILES, is_lock_file
from cchc_xlsx.store.files import open_regular
from cchc_xlsx.collect.sources.message import attachments, claimed_date, message_items
from cchc_xlsx.collect.sources.zip import expand_zip, zip_workbooks

__all__ = ["MESSAGE_EXTENSIONS", "SPREADSHEET_EXTENSIONS", "SYSTEM_FILES", "Attachment", "Contained", "Item",
           "Received", "Skipped", "arrived", "attachments", "claimed_date", "expand_zip", "folder_file",
           "is_lock_file", "message_items", "office_clock", "open_regular", "scan", "zip_workbooks"]
