"""What one kind of finding is: its code, severity, titles and message template. No I/O."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
INFO = "info"


@dataclass(frozen=True, slots=True)
class Kind:
    """One row of the catalogue.

    Attributes:
        code: the stable code (``status-invalid``); tests, the ledger and expected.csv name it.
        severity: ``error``, ``warning`` or ``info``.
        title_vi: the code as a clerk reads it in a list (the console, the page).
        title_en: the same in English (``--lang en``).
        message: the Vietnamese template naming the place (``{where}``, or ``{file}``, ``{sheet}``,
            ``{cell}``, ``{value}``, ``{code}``) and saying what to do.
        fatal: the whole file is unusable: nothing of it is merged.
    """

    code: str
    severity: str
    title_vi: str
    title_en: str
    message: str
    fatal: bool = False

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_vi
