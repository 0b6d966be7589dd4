"""A faster XlsxWriter worksheet for workbooks with tens of thousands of formulas (the scorecard).

``Worksheet.write_formula`` runs about 40 regular-expression substitutions on every formula, to
prefix Excel 2010+ functions with ``_xlfn.``; on a 300-unit scorecard that is most of the time
spent writing. Our formulas use a known set of functions that need no prefix: when a formula
uses only those, it is stored as XlsxWriter itself stores it, without the substitutions; any
other formula goes the usual way.
"""

from __future__ import annotations

import re
from pathlib import Path

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from cchc_xlsx.xlsx import styles

# Functions of Excel 2007 and before, stored without a prefix (XlsxWriter leaves them as they are).
PLAIN_FUNCTIONS = frozenset({
    "ABS", "AND", "AVERAGE", "AVERAGEIF", "AVERAGEIFS", "CHOOSE", "COUNT", "COUNTA", "COUNTBLANK", "COUNTIF",
    "COUNTIFS", "DATE", "FIND", "IF", "IFERROR", "INDEX", "INT", "ISBLANK", "ISNUMBER", "ISTEXT", "LEFT", "LEN",
    "MATCH", "MAX", "MIN", "MOD", "NOT", "OR", "RANK", "RIGHT", "ROUND", "SUM", "SUMIF", "SUMIFS", "SUMPRODUCT",
    "TEXT", "TODAY", "TRIM", "VALUE",
})
_FUNCTION = re.compile(r"([A-Z][A-Z0-9._]*)\(")


class FastWorksheet(Worksheet):
    """A worksheet whose ``write_formula`` skips XlsxWriter's rewriting for plain formulas."""

    def _write_formula(self, row, col, formula, cell_format=None, value=0):
        if not formula or formula[0] == "{" or self.constant_memory or self.use_future_functions:
            return super()._write_formula(row, col, formula, cell_format, value)
        body = formula[1:] if formula[0] == "=" else formula
        if "[" in body or not set(_FUNCTION.findall(_without_strings(body))) <= PLAIN_FUNCTIONS:
            return super()._write_formula(row, col, formula, cell_format, value)
        if self._check_dimensions(row, col):
            return -1
        self.table[row][col] = _CellFormula(body, cell_format, value)
        return 0


def _without_strings(formula: str) -> str:
    # Text in quotes ("Quá hạn(") is not a function call.
    return re.sub(r'"[^"]*"', '""', formula) if '"' in formula else formula


try:
    from xlsxwriter.worksheet import CellFormulaTuple as _CellFormula
except ImportError:  # pragma: no cover - an XlsxWriter without it: FastWorksheet is the plain one
    FastWorksheet = Worksheet  # type: ignore[misc,assignment]


def new_workbook(path: Path | str, in_memory: bool = False) -> xlsxwriter.Workbook:
    """Every workbook we write: user text never becomes a formula or a link
    (``styles.SAFE_WORKBOOK_OPTIONS``), and plain formulas are stored without XlsxWriter's rewriting.

    Args:
        path: where ``close()`` writes it.
        in_memory: build it in memory (no temporary files), for workbooks written whole at once.
    """
    options = {**styles.SAFE_WORKBOOK_OPTIONS, "in_memory": True} if in_memory else styles.SAFE_WORKBOOK_OPTIONS
    workbook = xlsxwriter.Workbook(str(path), options)
    workbook.worksheet_class = FastWorksheet
    return workbook
