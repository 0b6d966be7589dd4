"""What the ``cchc`` console says, in the clerk's language, and JSON written as UTF-8 bytes.

Vietnamese by default; English with ``--lang en`` or ``CCHC_LANG=en``. The texts live in
``labels.CONSOLE_LINES``; code asks for a line by key: ``say("wrote", path=...)``.
"""

from __future__ import annotations

import os
import sys

from cchc_xlsx import text as labels
from cchc_xlsx.findings import catalogue

LANGUAGES = ("vi", "en")
_chosen: str | None = None


def set_language(language: str | None) -> None:
    """Choose the console's language for this process (None: back to CCHC_LANG, else Vietnamese)."""
    global _chosen
    _chosen = _normalise(language) if language else None


def language() -> str:
    """The console's language: ``--lang``, else ``CCHC_LANG``, else Vietnamese."""
    return _chosen or _normalise(os.environ.get("CCHC_LANG", "")) or "vi"


def _normalise(value: str) -> str:
    # "en", "EN", "en_US.UTF-8" → "en"; anything not offered → "" (the default).
    code = value.strip().lower()[:2]
    return code if code in LANGUAGES else ""


def say(key: str, lang: str | None = None, **fields: object) -> str:
    """The console line ``key`` in the chosen language, its fields filled in (Vietnamese numbers
    with a decimal comma: 54,23)."""
    lang = lang or language()
    table = labels.CONSOLE_LINES[lang]
    if lang == "vi":
        fields = {k: _Comma(v) if isinstance(v, float) else v for k, v in fields.items()}
    return table.get(key, labels.CONSOLE_LINES["en"][key]).format(**fields)


class _Comma(float):
    # A number that formats with a decimal comma, whatever the format spec.
    def __format__(self, spec: str) -> str:
        return format(float(self), spec).replace(".", ",")


def state_text(state: str, lang: str | None = None) -> str:
    """A unit's state for the period ("Chưa gửi", "late", "Chờ Văn phòng xác nhận" ...)."""
    return labels.CONSOLE_STATE[lang or language()].get(state, state)


def verdict_text(verdict: str, lang: str | None = None) -> str:
    return labels.CONSOLE_VERDICT[lang or language()].get(verdict, verdict)


def severity_text(severity: str, lang: str | None = None) -> str:
    return labels.CONSOLE_SEVERITY[lang or language()].get(severity, severity)


def mail_state_text(state: str, lang: str | None = None) -> str:
    return labels.CONSOLE_MAIL_STATE[lang or language()].get(state, state)


def finding_title(code: str, lang: str | None = None) -> str:
    """A finding code as a title (the catalogue's; see ``findings.catalogue.title``)."""
    return catalogue.title(code, lang or language())


def echo_json(text: str) -> None:
    """Print JSON as UTF-8 bytes whatever the console's code page (cp1258 would lose letters)."""
    data = (text + "\n").encode("utf-8")
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # a stream without bytes underneath (some test runners): text is all there is
        stream.write(text + "\n")
        stream.flush()
        return
    stream.flush()
    buffer.write(data)
    buffer.flush()


def choose_from_argv(argv: list[str]) -> list[str]:
    """Take ``--lang X`` / ``--lang=X`` from anywhere in the arguments (it may follow the command)."""
    rest, index = [], 0
    while index < len(argv):
        arg = argv[index]
        if arg == "--lang" and index + 1 < len(argv):
            set_language(argv[index + 1])
            index += 2
            continue
        if arg.startswith("--lang="):
            set_language(arg.split("=", 1)[1])
        else:
            rest.append(arg)
        index += 1
    return rest

