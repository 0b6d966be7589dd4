"""How tall a row must be for its wrapped text, in Excel and in LibreOffice.

XlsxWriter cannot measure text and neither Excel nor LibreOffice grows a row with a set height,
so every writer sets row heights from here. Text is measured with the real font metrics:
Times New Roman and Arial themselves where they are installed (Windows, macOS), else the
Liberation fonts that are metric-compatible with them (what LibreOffice prints with on Linux).
Without any font file a conservative per-character estimate is used.

Lines are wrapped as Excel and LibreOffice do (at spaces, a word too long for a line broken
between characters) within the column's width in Excel's pixels; LibreOffice's columns come out
a little wider than Excel's, so a row that fits Excel fits LibreOffice. Results are cached: the
same text in the same column is measured once per process.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

DEFAULT_FONT = "Times New Roman"
DEFAULT_SIZE = 11.0
MAX_ROW_HEIGHT = 409.0  # points: Excel's limit
# LibreOffice wraps a cell with an AutoFilter button in the width left beside the button.
FILTER_BUTTON_WIDTH = 2.6  # Excel units (about 18 px)

# A text of n characters at size s (points) surely fits one line of a column w wide when
# n * s < w * SURELY_FITS: no letter is wider than 1 em, and the column's room is at least
# (7w + 5 - 8) / 1.05 px, over 4.5w points for w >= 5.
SURELY_FITS = 4.5
_DIGIT_PX = 7  # Excel's maximum digit width of the default font (Calibri 11) at 96 dpi
_COLUMN_PADDING_PX = 5  # Excel adds this to every column's width
_CELL_MARGIN_PX = 8  # room a cell keeps between its borders and its text, both sides together
# Measured text is taken 5 % wider: LibreOffice's columns are wider than Excel's (it does not
# round the digit width) but it lays text out at a coarser resolution, and lines up to ~6 %
# shorter than the exact metrics (measured against its optimal row height).
_WIDTH_SAFETY = 1.05
_ROW_PADDING_PT = 2.25  # room above the first line and below the last (3 px)
_PX_PER_PT = 96 / 72

# (family, bold, italic) → file names: the real font first, then its metric-compatible twin.
_FACES = {
    ("Times New Roman", False, False): ("times.ttf", "Times New Roman.ttf", "LiberationSerif-Regular.ttf"),
    ("Times New Roman", True, False): ("timesbd.ttf", "Times New Roman Bold.ttf", "LiberationSerif-Bold.ttf"),
    ("Times New Roman", False, True): ("timesi.ttf", "Times New Roman Italic.ttf", "LiberationSerif-Italic.ttf"),
    ("Times New Roman", True, True): ("timesbi.ttf", "Times New Roman Bold Italic.ttf",
                                      "LiberationSerif-BoldItalic.ttf"),
    ("Arial", False, False): ("arial.ttf", "Arial.ttf", "LiberationSans-Regular.ttf"),
    ("Arial", True, False): ("arialbd.ttf", "Arial Bold.ttf", "LiberationSans-Bold.ttf"),
    ("Arial", False, True): ("ariali.ttf", "Arial Italic.ttf", "LiberationSans-Italic.ttf"),
    ("Arial", True, True): ("arialbi.ttf", "Arial Bold Italic.ttf", "LiberationSans-BoldItalic.ttf"),
}
# Without a font file: a letter this wide (em; capitals wider), a line this tall (em). All are
# above what Times New Roman and Arial need for Vietnamese text on average, so rows come out
# too tall rather than too short.
_FALLBACK_CHAR_EM = 0.56
_FALLBACK_CAPITAL_EM = 0.8
_FALLBACK_LINE_EM = 1.15
_LOAD_SIZE = 1000  # fonts are loaded at this pixel size; widths are scaled from it


def _font_dirs() -> list[Path]:
    # Where fonts live on Windows, macOS and the Linux distributions (Debian's fonts-liberation
    # and fonts-liberation2, Fedora, Arch); CCHC_FONT_DIR first, for an unusual install.
    dirs = [os.environ.get("CCHC_FONT_DIR")]
    windir = os.environ.get("WINDIR") or os.environ.get("SYSTEMROOT")
    if windir:
        dirs.append(str(Path(windir) / "Fonts"))
    if os.environ.get("LOCALAPPDATA"):
        dirs.append(str(Path(os.environ["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts"))
    home = Path.home()
    dirs += [str(home / "Library" / "Fonts"), "/Library/Fonts", "/System/Library/Fonts/Supplemental",
             "/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/liberation",
             "/usr/share/fonts/liberation-serif", "/usr/share/fonts/liberation-sans", "/usr/share/fonts/liberation",
             "/usr/share/fonts/TTF", "/usr/local/share/fonts", str(home / ".local" / "share" / "fonts"),
             str(home / ".fonts")]
    return [Path(d) for d in dirs if d]


@lru_cache(maxsize=None)
def _font_index() -> dict[str, Path]:
    # lower-case file name → paths, over the known folders and, last, all of /usr/share/fonts.
    index: dict[str, list[Path]] = {}
    wanted = {name.lower() for names in _FACES.values() for name in names}
    for folder in _font_dirs():
        try:
            for path in folder.iterdir():
                index.setdefault(path.name.lower(), []).append(path)
        except OSError:
            continue
    if not wanted & index.keys() and Path("/usr/share/fonts").is_dir():
        for path in Path("/usr/share/fonts").rglob("*.ttf"):
            index.setdefault(path.name.lower(), []).append(path)
    return index


@lru_cache(maxsize=None)
def _face(family: str, bold: bool, italic: bool):
    # A Pillow font for the face, or None when neither the font nor its twin is installed.
    names = _FACES.get((family, bold, italic)) or _FACES[(DEFAULT_FONT, bold, italic)]
    try:
        from PIL import ImageFont
    except ImportError:  # Pillow missing: estimate
        return None
    for name in names:
        for path in _font_index().get(name.lower(), []):
            try:
                face = ImageFont.truetype(str(path), _LOAD_SIZE)
            except OSError:
                continue
            if _covers_vietnamese(face):
                return face
    return None


def _covers_vietnamese(face) -> bool:
    # Liberation 1.x (Debian's fonts-liberation) has no Vietnamese letters: LibreOffice then
    # prints them in a wider fallback font, and this face would measure them as a missing glyph.
    missing = face.getlength("\U000F0000")
    return all(face.getlength(ch) != missing for ch in "ựệẫ")


def font_found(family: str = DEFAULT_FONT, bold: bool = False, italic: bool = False) -> bool:
    """Whether real metrics are available for the face (else the estimate is used)."""
    return _face(family, bold, italic) is not None


@lru_cache(maxsize=1 << 16)
def _em_width(text: str, family: str, bold: bool, italic: bool) -> float:
    # The advance width of ``text`` in em: the sum of its letters' (kerning only narrows text,
    # and Pillow's measure of a whole string costs a hundred times more).
    return sum(_char_em(ch, family, bold, italic) for ch in text)


@lru_cache(maxsize=4096)
def _char_em(char: str, family: str, bold: bool, italic: bool) -> float:
    face = _face(family, bold, italic)
    if face is None:
        return (_FALLBACK_CAPITAL_EM if char.isupper() else _FALLBACK_CHAR_EM) * (1.06 if bold else 1.0)
    return face.getlength(char) / _LOAD_SIZE


@lru_cache(maxsize=None)
def _line_em(family: str, bold: bool, italic: bool) -> float:
    face = _face(family, bold, italic)
    if face is None:
        return _FALLBACK_LINE_EM
    ascent, descent = face.getmetrics()
    return (ascent + descent) / _LOAD_SIZE


def column_pixels(width: float) -> int:
    """A column ``width`` in Excel's character units as Excel's pixels (what XlsxWriter writes)."""
    if width < 1:
        return int(width * (_DIGIT_PX + _COLUMN_PADDING_PX) + 0.5)
    return int(width * _DIGIT_PX + 0.5) + _COLUMN_PADDING_PX


@lru_cache(maxsize=256)
def line_height(size: float = DEFAULT_SIZE, family: str = DEFAULT_FONT, bold: bool = False,
                italic: bool = False) -> float:
    """The height of one line of text in points, in whole pixels as Excel draws it: the font's
    size rounded to pixels, times its ascent + descent, rounded up."""
    pixels = math.ceil(round(size * _PX_PER_PT) * _line_em(family, bold, italic))
    return pixels / _PX_PER_PT


@lru_cache(maxsize=1 << 16)
def count_lines(text: str, width: float, size: float = DEFAULT_SIZE, family: str = DEFAULT_FONT,
                bold: bool = False, italic: bool = False) -> int:
    """How many lines ``text`` takes wrapped in a column ``width`` (Excel units) wide.

    Args:
        text: the cell's text; "\\n" starts a new line.
        width: the column's width (or the sum of merged columns' widths) in Excel units.
        size, family, bold, italic: the cell's font.

    Returns:
        At least 1.
    """
    room = max(column_pixels(width) - _CELL_MARGIN_PX, 1) / _PX_PER_PT / _WIDTH_SAFETY  # points
    em_room = room / size
    if len(text) <= em_room and "\n" not in text:  # no letter is wider than 1 em: fits, unmeasured
        return 1
    face = (family, bold, italic)
    space = _em_width(" ", *face)
    lines = 0
    for paragraph in text.split("\n"):
        lines += _paragraph_lines(paragraph.split(), em_room, space, face)
    return max(lines, 1)


def _paragraph_lines(words: list[str], room: float, space: float, face: tuple) -> int:
    # Greedy wrapping at spaces, as Excel and LibreOffice do; a word wider than a line is
    # broken between characters. An empty paragraph still takes a line.
    lines, used = 1, 0.0
    for word in words:
        width = _em_width(word, *face)
        if width > room:  # a long word (a link, a file name): its own lines, cut anywhere
            pieces, last = _break_word(word, room, face)
            lines += (1 if used else 0) + pieces - 1
            used = last
            continue
        needed = width if not used else used + space + width
        if needed <= room:
            used = needed
        else:
            lines += 1
            used = width
    return lines


def _break_word(word: str, room: float, face: tuple) -> tuple[int, float]:
    # (lines, width of the last line) of a word cut between characters.
    pieces, used = 1, 0.0
    for char in word:
        width = _em_width(char, *face)
        if used and used + width > room:
            pieces, used = pieces + 1, width
        else:
            used += width
    return pieces, used


def row_height(cells: Iterable[tuple[object, float] | tuple[object, float, dict]], minimum: float = 0.0) -> float:
    """The row height (points) that shows every cell's text whole.

    Args:
        cells: (text, column width in Excel units[, font]) per cell; ``font`` may hold
            ``font_size``, ``font_name``, ``bold``, ``italic`` (an XlsxWriter format's keys).
            Non-text values take one line.
        minimum: the least height to return (for example a header's).

    Returns:
        Points, at most Excel's limit of 409.
    """
    height = minimum
    for cell in cells:
        font = font_key(cell[2]) if len(cell) > 2 else _DEFAULT_KEY
        text = cell[0] if isinstance(cell[0], str) else ""
        height = max(height, cell_height(text, float(cell[1]), *font))
    return min(round(height, 2), MAX_ROW_HEIGHT)


def font_key(font: dict) -> tuple[float, str, bool, bool]:
    """(size, family, bold, italic) of a font given as XlsxWriter format properties."""
    return (float(font.get("font_size", DEFAULT_SIZE)), font.get("font_name", DEFAULT_FONT), bool(font.get("bold")),
            bool(font.get("italic")))


_DEFAULT_KEY = (DEFAULT_SIZE, DEFAULT_FONT, False, False)


@lru_cache(maxsize=1 << 16)
def cell_height(text: str, width: float, size: float = DEFAULT_SIZE, family: str = DEFAULT_FONT,
                bold: bool = False, italic: bool = False) -> float:
    """The height (points) a cell's text needs: its lines, plus the row's padding."""
    lines = count_lines(text, width, size, family, bold, italic) if text else 1
    return lines * line_height(size, family, bold, italic) + _ROW_PADDING_PT
