"""A unit's return by mail, as the tests send it: one builder for every test that needs one."""

from __future__ import annotations

import datetime as dt
from email.message import EmailMessage
from email.utils import format_datetime

SENT = format_datetime(dt.datetime(2022, 3, 15, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=7))))
OCTET = "application/octet-stream"


def return_mail(sender: str, attachments, *, message_id: str = "<return@x>", subject: str = "Báo cáo CCHC quý I/2022",
                date: str = SENT, mime: str = OCTET) -> bytes:
    """The message's bytes. ``attachments``: a dict name → bytes, or (name, bytes[, "type/subtype"]) pairs."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "vp@stttt.example.vn"
    message["Subject"] = subject
    message["Date"] = date
    message["Message-ID"] = message_id
    message.set_content("Kính gửi Văn phòng.")
    for name, data, *kind in (attachments.items() if isinstance(attachments, dict) else attachments):
        main, sub = (kind[0] if kind else mime).split("/")
        message.add_attachment(data, maintype=main, subtype=sub, filename=name)
    return bytes(message)
