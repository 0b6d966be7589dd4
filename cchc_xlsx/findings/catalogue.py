"""The catalogue of findings: every code once (``findings/<stage>.py``), with its severity, its
titles in both languages and its message template. Code elsewhere never writes a message by hand:
it calls ``finding(code, where=..., **fields)`` or ``cell_finding(code, file=..., ...)``.

A new code is one row in the table of its stage; a new stage's table is one line in ``TABLES``.
"""

from __future__ import annotations

from cchc_xlsx import text as labels
from cchc_xlsx.findings import appraisal, cells, evidence, plan, returns
from cchc_xlsx.findings.kind import ERROR, INFO, WARNING, Kind
from cchc_xlsx.findings.report import Finding

__all__ = ["CATALOGUE", "ERROR", "FILE_FATAL", "INFO", "SEVERITY", "WARNING", "Kind", "cell_finding", "finding",
           "kind", "message", "reason_text", "title"]

TABLES = (  # one line per stage, alphabetical
    appraisal.KINDS,
    cells.KINDS,
    evidence.KINDS,
    plan.KINDS,
    returns.KINDS,
)


def _index(tables) -> dict[str, Kind]:
    found: dict[str, Kind] = {}
    for table in tables:
        for row in table:
            if row.code in found:
                raise ValueError(f"finding code {row.code!r} is in the catalogue twice")
            found[row.code] = row
    return found


CATALOGUE: dict[str, Kind] = _index(TABLES)
# Views of the catalogue, for code that asks one question of every code.
SEVERITY = {code: row.severity for code, row in CATALOGUE.items()}
FILE_FATAL = frozenset(code for code, row in CATALOGUE.items() if row.fatal)  # nothing of the file is merged

# The title of a code no longer in the catalogue (read from an older ledger): its family's.
FAMILIES = {"vi": {"plan": "Kế hoạch", "file": "Tệp", "meta": "Biểu mẫu", "sheet": "Trang tính", "header": "Tiêu đề",
                   "row": "Dòng", "evidence": "Tài liệu kiểm chứng", "sender": "Người gửi", "value": "Giá trị",
                   "status": "Tình trạng", "completion": "Tỷ lệ hoàn thành", "date": "Ngày", "result": "Kết quả",
                   "unit": "Đơn vị", "link": "Liên kết", "mail": "Thư"},
            "en": {}}


def kind(code: str) -> Kind:
    """The catalogue's row for ``code`` (KeyError when there is none)."""
    return CATALOGUE[code]


def message(code: str, /, **fields: object) -> str:
    """The message of ``code`` with its fields filled in, as a finding would say it."""
    return CATALOGUE[code].message.format(**fields)


def title(code: str, lang: str = "vi") -> str:
    """``code`` as a title in ``lang``: its own, else its family's, else the code as words."""
    row = CATALOGUE.get(code)
    if row is not None:
        return row.title(lang)
    family = FAMILIES.get(lang, {}).get(code.split("-")[0])
    return family or code.replace("-", " ").capitalize()


def finding(code: str, /, where: object = "", **fields: object) -> Finding:
    """Build the finding ``code`` with its catalogue severity and message.

    Args:
        code: a key of the catalogue.
        where: the place (a ``model.Where`` or text); becomes ``{where}`` in the message.
        **fields: the template's other fields.
    """
    row = CATALOGUE[code]
    return Finding(code=code, severity=row.severity, message=row.message.format(where=where, **fields),
                   where=str(where))


def cell_finding(code: str, /, *, file: str, sheet: str = "", cell: str = "", row_code: str = "",
                 field: str = "", value: object = "", **fields: object) -> Finding:
    """A finding about a received file: the place (file, sheet, cell, the row's code and the field)
    and the value found, with the catalogue's severity and message (``{code}`` is the row's code)."""
    row = CATALOGUE[code]
    text = row.message.format(file=file, sheet=sheet, cell=cell, value=value, code=row_code, **fields)
    return Finding(code=code, severity=row.severity, message=text, file=file, sheet=sheet, cell=cell,
                   row_code=row_code, field=field, value=value)


def reason_text(exc: BaseException) -> str:
    """Why a file could not be read, for a finding: the clerk's words, then the reader's own
    (``không phải bảng tính hợp lệ, hoặc tệp đã hỏng (BadZipFile: File is not a zip file)``)."""
    name = type(exc).__name__
    words = next((labels.READ_REASONS[k.__name__] for k in type(exc).__mro__ if k.__name__ in labels.READ_REASONS),
                 labels.READ_REASON_OTHER)
    detail = str(exc).strip()
    return f"{words} ({name}: {detail})" if detail else f"{words} ({name})"
