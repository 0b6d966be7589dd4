"""The mail stage: compose (pure), drafts (.eml + ledger), send (SMTP). Reading mail (IMAP) is a
collect source: ``collect/sources/imap.py``.

``compose`` builds one message from the plan and a template; ``drafts`` writes them as .eml
files and records them in the ledger's ``mail_log``; ``send`` sends what is not sent yet;
``cli/mail.py`` is the thin command line over them.
"""

from cchc_xlsx.mail.common import MailError, Problem, Server, server_settings
from cchc_xlsx.mail.compose import KINDS, NoAddress, compose_message, with_contacts
from cchc_xlsx.mail.drafts import Draft, Drafts, mail_folder, write_drafts, write_feedback
from cchc_xlsx.mail.send import SendResult, Sent, send_drafts

__all__ = ["KINDS", "Draft", "Drafts", "MailError", "NoAddress", "Problem", "SendResult", "Sent", "Server",
           "compose_message", "mail_folder", "send_drafts", "server_settings", "with_contacts",
           "write_drafts", "write_feedback"]
