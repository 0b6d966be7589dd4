"""Run by Debian's /usr/bin/python3 (which has python3-uno): edit one workbook in a running
LibreOffice Calc the way a unit would, then report.

Usage: python3 uno_worker.py PIPE_NAME JOB.json  → prints one JSON object (the results).

The job: {"input": path, "ops": [...]}; each op is a dict with "op" and its fields:
  unprotect {sheet}                       remove the sheet protection (no password)
  delete_rows {sheet, row, count=1}       delete Excel rows (1-based)
  insert_rows {sheet, row, count=1}
  type {sheet, cell, text}                type text as the input line does (FormulaLocal, the profile's locale)
  fill {sheet, range, color}              a background colour over a range (a formatting habit)
  numfmt {sheet, range, code}             a number format code (en-US syntax) over a range, e.g. "0%"
  read {sheet, cell}                      [value, string, format code] of a cell, as Calc holds it
  heights {sheet, first, last}            per row: [height now, LibreOffice's optimal height] in 1/100 mm
  save {path, filter}                     store: "Calc MS Excel 2007 XML", "calc8", "MS Excel 97"
  layout {}                               per sheet (all of them): column widths and, per printed row of
                                          its print area (or used area), [row, height now, optimal height],
                                          in 1/100 mm; with the sheet's print ranges and page breaks
Paths are copied to ASCII names first: UNO under the C locale cannot open Vietnamese paths.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue


def _props(**values):
    out = []
    for key, value in values.items():
        prop = PropertyValue()
        prop.Name, prop.Value = key, value
        out.append(prop)
    return tuple(out)


def _connect(pipe: str):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    last = None
    for _ in range(120):
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except Exception as exc:  # soffice still starting
            last = exc
            time.sleep(0.25)
    raise RuntimeError(f"cannot connect to soffice: {last}")


def _cell(sheet, ref: str):
    return sheet.getCellRangeByName(ref)


def _format_key(doc, code: str) -> int:
    # The document's own locale (an empty Locale): a format's locale is also the one Calc parses typing with.
    from com.sun.star.lang import Locale
    formats, locale = doc.NumberFormats, Locale()
    if code == "General":
        return formats.getStandardIndex(locale)
    key = formats.queryKey(code, locale, False)
    return key if key != -1 else formats.addNew(code, locale)


def run(pipe: str, job: dict) -> dict:
    desktop = _connect(pipe)
    work = Path(tempfile.mkdtemp(prefix="cchc-uno-"))
    source = work / ("in" + Path(job["input"]).suffix)
    shutil.copyfile(job["input"], source)
    doc = desktop.loadComponentFromURL(source.as_uri(), "_blank", 0, _props(Hidden=True))
    results = []
    try:
        for op in job["ops"]:
            results.append(_apply(doc, op, work))
    finally:
        doc.close(True)
        shutil.rmtree(work, ignore_errors=True)
    return {"results": results}


def _apply(doc, op: dict, work: Path):
    kind = op["op"]
    if kind == "save":
        target = work / ("out" + Path(op["path"]).suffix)
        doc.storeToURL(target.as_uri(), _props(FilterName=op["filter"]))
        shutil.copyfile(target, op["path"])
        return op["path"]
    if kind == "layout":
        return _layout(doc)
    sheet = doc.Sheets.getByName(op["sheet"])
    if kind == "unprotect":
        sheet.unprotect("")
    elif kind == "delete_rows":
        sheet.Rows.removeByIndex(op["row"] - 1, op.get("count", 1))
    elif kind == "insert_rows":
        sheet.Rows.insertByIndex(op["row"] - 1, op.get("count", 1))
    elif kind == "type":
        _cell(sheet, op["cell"]).setPropertyValue("FormulaLocal", op["text"])
    elif kind == "fill":
        _cell(sheet, op["range"]).setPropertyValue("CellBackColor", int(op.get("color", 0xFFFF99)))
    elif kind == "numfmt":
        _cell(sheet, op["range"]).setPropertyValue("NumberFormat", _format_key(doc, op["code"]))
    elif kind == "read":
        cell = _cell(sheet, op["cell"])
        key = cell.getPropertyValue("NumberFormat")
        return [cell.getValue(), cell.getString(), doc.NumberFormats.getByKey(key).FormatString]
    elif kind == "heights":
        # The print layout settles text metrics; then each row's optimal height is LibreOffice's own.
        doc.getRendererCount(doc, _props(IsPrinter=True))
        out = []
        for index in range(op["first"] - 1, op["last"]):
            row = sheet.Rows.getByIndex(index)
            now = row.Height
            row.OptimalHeight = True
            out.append([index + 1, now, row.Height])
            row.Height = now
        return out
    else:
        raise ValueError(f"unknown op {kind}")
    return None


def _layout(doc) -> dict:
    # The print layout settles text metrics and page breaks before anything is read.
    doc.getRendererCount(doc, _props(IsPrinter=True))
    out = {}
    for index in range(doc.Sheets.Count):
        sheet = doc.Sheets.getByIndex(index)
        areas = sheet.getPrintAreas()
        if areas:
            area = areas[0]
            first_row, last_row, last_col = area.StartRow, area.EndRow, area.EndColumn
        else:
            cursor = sheet.createCursor()
            cursor.gotoEndOfUsedArea(False)
            first_row, last_row, last_col = 0, cursor.RangeAddress.EndRow, cursor.RangeAddress.EndColumn
        rows = []
        for r in range(first_row, last_row + 1):
            row = sheet.Rows.getByIndex(r)
            if not row.IsVisible:
                continue
            now = row.Height
            row.OptimalHeight = True
            rows.append([r + 1, now, row.Height])
            row.Height = now
        widths = [sheet.Columns.getByIndex(c).Width for c in range(last_col + 1)]
        breaks = [b.Position + 1 for b in sheet.RowPageBreaks]
        out[sheet.Name] = {"rows": rows, "widths": widths, "breaks": breaks, "visible": bool(sheet.IsVisible),
                           "print_area": [first_row + 1, last_row + 1, last_col + 1] if areas else None}
    return out


if __name__ == "__main__":
    print(json.dumps(run(sys.argv[1], json.loads(Path(sys.argv[2]).read_text(encoding="utf-8")))))
