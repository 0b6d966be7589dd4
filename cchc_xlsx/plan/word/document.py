"""Open the plan's Word document and lay out its tables as grids.

A ``.docx`` is read with python-docx; ``.doc`` and ``.odt`` are converted to ``.docx`` by
LibreOffice Writer first. Each table becomes a grid of ``Cell``: a cell merged over several
grid positions (``gridSpan`` across, ``vMerge`` down) is the same ``Cell`` object at each of
them, so a merge is told from a value typed twice by identity, never by text.
"""

from __future__ import annotations

import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from cchc_xlsx import text as labels
from cchc_xlsx.core.errors import InputError, InputProblem
from cchc_xlsx.core.values import normalize_text

WORD_SUFFIXES = (".docx", ".doc", ".odt")
_CONVERTED = (".doc", ".odt")


@dataclass(eq=False)
class Cell:
    """One cell of the document (a merged cell once, however many grid positions it covers)."""

    lines: list[str]
    header: bool = False  # the row is marked to repeat at the top of each page

    @property
    def text(self) -> str:
        return normalize_text(" ".join(self.lines))


@dataclass
class Grid:
    """A table as rows of cells; ``number`` counts the document's tables from 1."""

    number: int
    rows: list[list[Cell | None]] = field(default_factory=list)
    header_rows: set[int] = field(default_factory=set)  # indexes of rows marked w:tblHeader

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def cell(self, row: int, col: int) -> Cell | None:
        cells = self.rows[row]
        return cells[col] if col < len(cells) else None


@dataclass
class Document:
    """What the import needs of a document: its name, body paragraphs and tables in order."""

    name: str
    paragraphs: list[str]
    grids: list[Grid]

    def all_text(self) -> list[str]:
        """Every paragraph, the tables' included (a clerk may write the periods inside a cell)."""
        lines = list(self.paragraphs)
        for grid in self.grids:
            seen: set[int] = set()
            for row in grid.rows:
                for cell in row:
                    if cell is not None and id(cell) not in seen:
                        seen.add(id(cell))
                        lines.extend(cell.lines)
        return lines


def open_document(path: Path) -> Document:
    """Read ``path`` (.docx, or .doc/.odt through LibreOffice).

    Raises:
        InputError: not a Word document we read (exit 2: the wrong file was named).
        InputProblem: a damaged file, a broken merge, or LibreOffice missing (exit 1).
    """
    suffix = path.suffix.lower()
    if suffix not in WORD_SUFFIXES:
        raise InputError(labels.IMPORT_NOT_WORD.format(file=path.name))
    if not path.is_file():
        raise InputError(labels.IMPORT_NO_FILE.format(file=path))
    ole2 = _is_ole2(path)
    if ole2 and _encrypted(path):
        raise InputProblem(labels.IMPORT_ENCRYPTED.format(file=path.name))
    if suffix in _CONVERTED or ole2:  # a Word 97 file renamed .docx is converted like a .doc
        with tempfile.TemporaryDirectory(prefix="cchc-doc-") as work:
            return _read_docx(_convert(path, Path(work), ".doc" if ole2 else suffix), path.name)
    return _read_docx(path, path.name)


def _is_ole2(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(8) == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _encrypted(path: Path) -> bool:
    # An encrypted .docx is an OLE2 container too (msoffcrypto-tool tells it from a Word 97 file).
    try:
        import msoffcrypto
        from msoffcrypto.exceptions import FileFormatError
    except ImportError:
        return False
    try:
        with path.open("rb") as handle:
            return bool(msoffcrypto.OfficeFile(handle).is_encrypted())
    except (FileFormatError, OSError, ValueError, KeyError, AttributeError):
        return False  # not an Office container it knows: the reader says what it is


def _convert(path: Path, work: Path, suffix: str) -> Path:
    from cchc_xlsx.xlsx.libreoffice import OfficeMissing, convert

    # LibreOffice cannot open a Vietnamese name under some locales (LIBRARY-FACTS): an ASCII copy.
    source = work / f"document{suffix}"
    source.write_bytes(path.read_bytes())
    try:
        return convert([source], "docx:MS Word 2007 XML", work / "out", timeout=180)[0]
    except OfficeMissing as exc:
        raise InputProblem(labels.IMPORT_NO_OFFICE.format(file=path.name)) from exc
    except RuntimeError as exc:
        raise InputProblem(labels.IMPORT_UNREADABLE.format(file=path.name, reason=exc)) from exc


def _read_docx(path: Path, name: str) -> Document:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputProblem(labels.IMPORT_UNREADABLE.format(file=name, reason=type(exc).__name__)) from exc
    paragraphs = [normalize_text(p.text) for p in document.paragraphs]
    grids = [_grid(table, number, name) for number, table in enumerate(_all_tables(document), start=1)]
    return Document(name, [p for p in paragraphs if p], grids)


def _all_tables(document):
    # Body tables in order; a table nested in a cell is left to its cell's text.
    return list(document.tables)


def _grid(table, number: int, name: str) -> Grid:
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    grid = Grid(number)
    above: list[Cell | None] = []
    for row_index, tr in enumerate(table._tbl.tr_lst):
        cells: list[Cell | None] = []
        trPr = tr.trPr
        if trPr is not None and trPr.find(qn("w:tblHeader")) is not None:
            grid.header_rows.add(row_index)
        before = _int_attr(trPr, "w:gridBefore", qn) if trPr is not None else 0
        cells.extend([None] * before)
        for tc in tr.tc_lst:
            span = max(tc.grid_span, 1)
            column = len(cells)
            if tc.vMerge == "continue":
                upper = above[column] if column < len(above) else None
                starts_here = column == 0 or column >= len(above) or above[column - 1] is not upper
                if upper is None or not starts_here:
                    raise InputProblem(labels.IMPORT_BROKEN_MERGE.format(file=name, table=number,
                                                                         row=row_index + 1, col=column + 1))
                cell = upper
            else:
                lines = [normalize_text(Paragraph(p, table).text) for p in tc.iter(qn("w:p"))]
                # Blank lines stay: a points cell's blank line is a level without points.
                cell = Cell(lines, header=row_index in grid.header_rows)
            cells.extend([cell] * span)
        grid.rows.append(cells)
        above = cells
    return grid


def _int_attr(parent, tag: str, qn) -> int:
    element = parent.find(qn(tag))
    if element is None:
        return 0
    try:
        return int(element.get(qn("w:val")))
    except (TypeError, ValueError):
        return 0
