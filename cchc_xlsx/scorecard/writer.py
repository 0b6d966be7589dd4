"""Write the scorecard workbook: every derived number a formula over the cells it summarises,
written with its value computed in Python (``data``), so viewers that do not recalculate show
the right numbers and a person can follow any figure back to its inputs.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from cchc_xlsx import text as labels
from cchc_xlsx.findings import catalogue
from cchc_xlsx.rules import scoring
from cchc_xlsx.xlsx import styles
from cchc_xlsx.xlsx import textfit
from cchc_xlsx.core.model import DEADLINE
from cchc_xlsx.scorecard.agency import AgencySheets
from cchc_xlsx.scorecard.data import (LeafAnswer, ScorecardData, band, rank, scores,
                                      task_flag, task_rows, unit_row)
from cchc_xlsx.core.values import format_date
from cchc_xlsx.core.safetext import cell_text
from cchc_xlsx.xlsx.fast import FastWorksheet

HEADER_ROW = 3  # 0-based, as in the unit workbooks
FIRST = HEADER_ROW + 1
NAMES = {"points": "TongDiem", "max": "TongDiemToiDa", "index": "ChiSoCCHC", "cutoff": "NgayChotSoLieu"}
CRITERIA_WIDTHS = {"code": 10, "title": 48, "unit": 8, "rule": 34, "result": 26, "na": 8, "evidence": 28,
                   "max": 8, "na_max": 8, "self": 9, "appraised": 10, "final": 9, "diff": 9, "ratio": 8}
TASK_WIDTHS = {"code": 8, "description": 50, "unit": 8, "unit_name": 26, "role": 9, "deadline": 11, "status": 15,
               "completion": 8, "completed_on": 11, "evidence": 32, "flag": 10}
CHECK_WIDTHS = {"message": 100, "file": 30, "unit": 9}
SUMMARY_WIDTHS = (10, 46, 13, 13, 13, 13, 13, 13)
CHART_HEIGHT = 320  # pixels: both summary charts
UNIT_WIDTHS = {"unit": 9, "unit_name": 34, "returned": 10, "assigned": 9, "done_on_time": 11, "done_late": 11,
               "overdue": 9, "not_started": 10, "not_arisen": 10, "completion": 11, "points": 9, "max": 9,
               "points_pct": 10, "score": 10, "rank": 8, "band": 12}
EXTRA_FORMATS = {
    "cf_red": {"bg_color": "#F4B6B6", "fg_color": "#F4B6B6", "pattern": 1, "font_color": "#9C0006"},
    "cf_amber": {"bg_color": "#FFE699", "fg_color": "#FFE699", "pattern": 1, "font_color": "#7F6000"},
    "cf_orange": {"bg_color": "#F8CBAD", "fg_color": "#F8CBAD", "pattern": 1},
    "headline_label": {"bold": True, "font_size": 12},
    "headline": {"bold": True, "font_size": 16, "num_format": "0.00", "border": 1},
    "headline_date": {"bold": True, "font_size": 12, "num_format": styles.DATE_FORMAT, "border": 1},
    "input_points": {"locked": False, "border": 1, "bg_color": styles.INPUT_FILL, "fg_color": styles.INPUT_FILL,
                     "pattern": 1, "num_format": "0.00##"},
    "ratio": {"border": 1, "num_format": "0.0%", "valign": "top"},
    "pct": {"border": 1, "num_format": "0.0", "valign": "top"},
    "int": {"border": 1, "num_format": "0", "valign": "top"},
    "group_ratio": {"bold": True, "border": 1, "num_format": "0.0%", "bg_color": styles.GROUP_FILL,
                    "fg_color": styles.GROUP_FILL, "pattern": 1},
    "link": {"border": 1, "valign": "top", "text_wrap": True, "font_color": "#0563C1", "underline": 1},
}
CRITERIA_WIDTHS["files"] = TASK_WIDTHS["files"] = 26  # issue 16: the evidence files column


def _q(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


def _ref(sheet: str, row: int, col: int, absolute: bool = True) -> str:
    return f"{_q(sheet)}!{xl_rowcol_to_cell(row, col, absolute, absolute)}"


class ScorecardWriter(AgencySheets):
    HEADER_ROW, FIRST = HEADER_ROW, FIRST

    def __init__(self, path: Path, data: ScorecardData, bands: dict[str, float], department: str,
                 today: dt.date):
        self.data, self.plan, self.bands, self.today = data, data.plan, bands, today
        self.period = self.plan.period(data.period)
        self.department = department
        self.workbook = xlsxwriter.Workbook(str(path), {**styles.SAFE_WORKBOOK_OPTIONS, "in_memory": True})
        self.workbook.worksheet_class = FastWorksheet  # tens of thousands of formulas: see xlsxfast
        self.formats = styles.Formats(self.workbook)
        self.extra = {name: self.workbook.add_format({**styles.FONT, **props}) for name, props in EXTRA_FORMATS.items()}
        self.sheets = {key: self.workbook.add_worksheet(name) for key, name in labels.SC_SHEETS.items()
                       if key != "trend" or data.trend}
        self.criteria_rows: dict[str, int] = {}
        self.unit_rows: dict[str, int] = {}
        self.area_rows: dict[str, int] = {}
        self._agency_setup()

    def write(self) -> None:
        self._criteria()
        self._tasks()
        self._units()
        self._checks()
        self._agency_sheets()
        self._summary()
        if "trend" in self.sheets:
            self._trend()
        self.sheets["summary"].activate()
        self.workbook.close()

    # --- shared -----------------------------------------------------------------------

    def _header(self, key: str, headers: dict[str, str], widths: dict[str, int], title: str) -> Any:
        sheet = self.sheets[key]
        self._titles(sheet, title)
        for col, (name, text) in enumerate(headers.items()):
            sheet.write_string(HEADER_ROW, col, text, self.formats.header)
            sheet.set_column(col, col, widths.get(name, 12))
        sheet.set_row(HEADER_ROW, styles.header_height(headers, {k: widths.get(k, 12) for k in headers}))
        return sheet

    def _titles(self, sheet, title: str) -> None:
        # Titles are not wrapped (they run across the table): one line each, in their own size.
        sheet.write_string(0, 0, title, self.formats.title)
        sheet.write_string(1, 0, self._subtitle(), self.formats.subtitle)
        sheet.set_row(0, styles.title_height("title"))
        sheet.set_row(1, styles.title_height("subtitle"))

    def _subtitle(self) -> str:
        return labels.SC_SUBTITLE.format(department=self.department, cutoff=format_date(self.period.cutoff),
                                         today=format_date(self.today))

    def _print(self, sheet, last_row: int, last_col: int, repeat: int | bool | None = HEADER_ROW,
               one_page: bool = False) -> None:
        # Every page says whose, which period and when: department and period in the header,
        # the date (as text, not the locale-dependent &D) and page numbers in the footer.
        sheet.set_landscape()
        sheet.set_paper(9)
        sheet.fit_to_pages(1, 1 if one_page else 0)
        sheet.hide_gridlines(2)
        sheet.set_margins(left=0.4, right=0.4, top=0.7, bottom=0.7)
        if repeat is True:
            repeat = HEADER_ROW
        if repeat is not None and repeat is not False:  # the row repeated atop every page
            sheet.repeat_rows(repeat)
        sheet.print_area(0, 0, max(last_row, HEADER_ROW), last_col)
        sheet.set_header(styles.page_header(self.department, self.period.name))
        sheet.set_footer(styles.page_footer(self.today))

    def _table_end(self, sheet, last_row: int, columns: int) -> None:
        sheet.freeze_panes(FIRST, 2)
        sheet.autofilter(HEADER_ROW, 0, max(last_row, FIRST), columns - 1)
        self._print(sheet, last_row, columns - 1)

    # --- Chấm điểm ---------------------------------------------------------------------

    def _criteria(self) -> None:
        headers = labels.SC_CRITERIA_HEADERS
        sheet = self._header("criteria", headers, CRITERIA_WIDTHS, labels.SC_TITLE.format(period=self.period.name))
        c = {k: i for i, k in enumerate(headers)}
        self.criteria_cols = c
        for index, criterion in enumerate(self.plan.criteria):
            self.criteria_rows[criterion.code] = FIRST + index
        breaks = []
        for criterion in self.plan.criteria:
            row = self.criteria_rows[criterion.code]
            depth = len(self.plan.ancestors(criterion.code))
            if depth == self.plan.area_level - 1 and row > FIRST + 1:
                breaks.append(row)  # each area starts on a new page
            if criterion.is_leaf:
                self._leaf(sheet, row, c, criterion)
            else:
                self._group(sheet, row, c, criterion, scores(self.data)[criterion.code])
            answer = self.data.leaves.get(criterion.code, LeafAnswer())
            texts = {"code": criterion.code, "title": criterion.title}
            if criterion.is_leaf:
                texts.update(unit=self.plan.scorer_of(criterion.code) or "",
                             rule=scoring.rule_text(criterion, self.plan.not_applicable_text(criterion.code)),
                             result=answer.shown, evidence=answer.evidence)
            font = "cell" if criterion.is_leaf else "group"  # parent rows are bold: wider text
            sheet.set_row(row, styles.row_height(texts, CRITERIA_WIDTHS, default=font), None,
                          {"level": min(depth, 7)})
        last = FIRST + len(self.plan.criteria) - 1
        sheet.set_h_pagebreaks(breaks)
        self._criteria_formats(sheet, c, last)
        sheet.protect("", {"autofilter": True, "sort": True, "format_columns": True, "format_rows": True})
        self._table_end(sheet, last, len(headers))

    def _leaf(self, sheet, row: int, c: dict[str, int], criterion) -> None:
        if self.unit_scope:
            return self._pooled_leaf(sheet, row, c, criterion)
        f, x = self.formats, self.extra
        answer = self.data.leaves.get(criterion.code, LeafAnswer())
        totals = scores(self.data)[criterion.code]
        scorer = self.plan.scorer_of(criterion.code) or ""
        allows_na = self.plan.allows_not_applicable(criterion.code)
        sheet.write_string(row, c["code"], criterion.code, f.cell)
        sheet.write_string(row, c["title"], criterion.title, f.cell)
        sheet.write_string(row, c["unit"], scorer, f.cell)
        sheet.write_string(row, c["rule"], scoring.rule_text(criterion, self.plan.not_applicable_text(criterion.code)),
                           f.cell)
        styles.write_value(sheet, row, c["result"], answer.shown, f.cell, labels.YES, labels.NO)
        self._left_out(sheet, row, c, answer.left_out, {"result": "result", "not_applicable": "na"})
        na = bool(answer.result and answer.result.not_applicable and allows_na)
        sheet.write_string(row, c["na"], labels.YES if na else "", f.cell)
        sheet.write_string(row, c["evidence"], answer.evidence or "", f.cell)
        sheet.write_number(row, c["max"], totals.max, f.points)
        cell = lambda key: xl_rowcol_to_cell(row, c[key])  # noqa: E731
        if allows_na:
            sheet.write_formula(row, c["na_max"], f'=IF({cell("na")}="{labels.YES}",{cell("max")},0)', f.points,
                                totals.not_applicable_max)
        else:
            sheet.write_number(row, c["na_max"], 0, f.points)
        formula = scoring.points_formula(criterion, cell("result"), cell("na") if allows_na else None)
        sheet.write_formula(row, c["self"], "=" + formula, f.points, totals.points)
        self._files(sheet, row, c["files"], self.data.evidence_files.get(("criterion", criterion.code)))
        if answer.appraised is not None:
            sheet.write_number(row, c["appraised"], answer.appraised, x["input_points"])
        else:
            sheet.write_blank(row, c["appraised"], None, x["input_points"])
        k, j = cell("appraised"), cell("self")
        sheet.write_formula(row, c["final"], f"=IF(ISNUMBER({k}),{k},{j})", f.points, totals.final)
        diff = answer.appraised - totals.points if answer.appraised is not None else ""
        sheet.write_formula(row, c["diff"], f'=IF(ISNUMBER({k}),{k}-{j},"")', f.points, diff)
        self._ratio(sheet, row, c, totals.ratio, x["ratio"])

    def _left_out(self, sheet, row: int, c: dict[str, int], left_out, columns: dict[str, str]) -> None:
        # A cell of the unit's row that was not counted (its value was unusable): a note says so.
        for key in left_out:
            if key in columns:
                sheet.write_comment(row, c[columns[key]], labels.LEFT_OUT_NOTE, {"x_scale": 2, "y_scale": 1.2})

    def _ratio(self, sheet, row: int, c: dict[str, int], value: float, fmt) -> None:
        h, i, l_ = (xl_rowcol_to_cell(row, c[k]) for k in ("max", "na_max", "final"))
        sheet.write_formula(row, c["ratio"], f"=IF({h}-{i}>0,{l_}/({h}-{i}),0)", fmt, value)

    def _group(self, sheet, row: int, c: dict[str, int], criterion, totals) -> None:
        f = self.formats
        children = [self.criteria_rows[ch.code] for ch in self.plan.children(criterion.code)]
        sheet.write_string(row, c["code"], criterion.code, f.group)
        sheet.write_string(row, c["title"], criterion.title, f.group)
        for key in ("unit", "rule", "result", "na", "evidence", "appraised", "files"):
            sheet.write_blank(row, c[key], None, f.group)
        for key, value in (("max", totals.max), ("na_max", totals.not_applicable_max), ("self", totals.points),
                           ("final", totals.final)):
            cells = ",".join(xl_rowcol_to_cell(r, c[key]) for r in children)
            sheet.write_formula(row, c[key], f"=SUM({cells})", f.group_points, value)
        j, l_ = xl_rowcol_to_cell(row, c["self"]), xl_rowcol_to_cell(row, c["final"])
        sheet.write_formula(row, c["diff"], f"={l_}-{j}", f.group_points, totals.final - totals.points)
        self._ratio(sheet, row, c, totals.ratio, self.extra["group_ratio"])

    def _criteria_formats(self, sheet, c: dict[str, int], last: int) -> None:
        x = self.extra
        col = lambda key: xl_col_to_name(c[key])  # noqa: E731
        first = FIRST + 1
        sheet.conditional_format(FIRST, c["ratio"], last, c["ratio"], {
            "type": "3_color_scale", "min_color": "#F8696B", "mid_color": "#FFEB84", "max_color": "#63BE7B"})
        sheet.conditional_format(FIRST, c["final"], last, c["final"], {
            "type": "formula", "criteria": f"=${col('final')}{first}>${col('max')}{first}+1E-9", "format": x["cf_red"]})
        # Missing evidence (points claimed, neither a text nor a file) is highlighted beside the score.
        for key in ("evidence", "files"):
            sheet.conditional_format(FIRST, c[key], last, c[key], {
                "type": "formula", "format": x["cf_amber"],
                "criteria": f'=AND(${col("unit")}{first}<>"",${col("self")}{first}>0,LEN(${col("evidence")}{first})=0,'
                            f'LEN(${col("files")}{first})=0)'})

    def _files(self, sheet, row: int, col: int, files: list[tuple[str, str]] | None) -> None:
        # A relative link ("evidence/…") keeps working when reports/P/ is copied elsewhere; a cell
        # holds one link, so further files are counted in its text (all are in the evidence pack).
        if not files:
            sheet.write_blank(row, col, None, self.formats.cell)
            return
        target, name = files[0]
        shown = name if len(files) == 1 else labels.EVIDENCE_MORE.format(name=name, more=len(files) - 1)
        tip = "\n".join(n for _, n in files)[:250]
        sheet.write_url(row, col, f"external:{target}", self.extra["link"], shown[:250], tip)

    # --- Tiến độ nhiệm vụ -----------------------------------------------------------------

    def _tasks(self) -> None:
        headers = labels.SC_TASK_HEADERS
        sheet = self._header("tasks", headers, TASK_WIDTHS, labels.SC_SHEETS["tasks"].upper())
        c = {k: i for i, k in enumerate(headers)}
        self.task_cols = c
        f = self.formats
        rows = task_rows(self.data)
        for index, (task, unit, answer) in enumerate(rows):
            row = FIRST + index
            sheet.write_string(row, c["code"], task.code, f.cell)
            sheet.write_string(row, c["description"], task.description, f.cell)
            sheet.write_string(row, c["unit"], unit, f.cell)
            sheet.write_string(row, c["unit_name"], self.plan.units_by_code[unit].name, f.cell)
            sheet.write_string(row, c["role"], labels.ROLE[task.role_of(unit)], f.cell)
            if task.schedule == DEADLINE and task.deadline:
                sheet.write_datetime(row, c["deadline"], styles.as_datetime(task.deadline), f.date_cell)
            else:
                sheet.write_string(row, c["deadline"], task.timeframe or "", f.cell)
            sheet.write_string(row, c["status"], answer.status or "", f.cell)
            styles.write_value(sheet, row, c["completion"], answer.completion, self.extra["pct"], labels.YES, labels.NO)
            if answer.completed_on:
                sheet.write_datetime(row, c["completed_on"], styles.as_datetime(answer.completed_on), f.date_cell)
            else:
                sheet.write_blank(row, c["completed_on"], None, f.date_cell)
            sheet.write_string(row, c["evidence"], answer.evidence or "", f.cell)
            self._files(sheet, row, c["files"], self.data.evidence_files.get(("task", task.code, unit)))
            self._left_out(sheet, row, c, answer.left_out, {k: k for k in ("status", "completion", "completed_on")})
            sheet.set_row(row, styles.row_height({
                "code": task.code, "description": task.description, "unit": unit,
                "role": labels.ROLE[task.role_of(unit)], "unit_name": self.plan.units_by_code[unit].name,
                "deadline": "" if task.schedule == DEADLINE and task.deadline else task.timeframe or "",
                "status": answer.status or "", "evidence": answer.evidence, "flag": labels.FLAG_OVERDUE}, TASK_WIDTHS))
            cell = lambda key: xl_rowcol_to_cell(row, c[key])  # noqa: E731
            d, g, i = cell("deadline"), cell("status"), cell("completed_on")
            formula = (f'=IF(AND(ISNUMBER({d}),{d}<={NAMES["cutoff"]},{g}<>"{labels.STATUS_DONE}",'
                       f'{g}<>"{labels.STATUS_NOT_ARISEN}"),"{labels.FLAG_OVERDUE}",IF(AND({g}="{labels.STATUS_DONE}",'
                       f'ISNUMBER({i}),ISNUMBER({d}),{i}>{d}),"{labels.FLAG_LATE}",""))')
            sheet.write_formula(row, c["flag"], formula, f.cell, task_flag(task, answer, self.period.cutoff))
        last = FIRST + len(rows) - 1
        self.task_last = last
        flag = c["flag"]
        sheet.conditional_format(FIRST, flag, last, flag, {"type": "cell", "criteria": "==",
                                                           "value": f'"{labels.FLAG_OVERDUE}"',
                                                           "format": self.extra["cf_red"]})
        sheet.conditional_format(FIRST, flag, last, flag, {"type": "cell", "criteria": "==",
                                                           "value": f'"{labels.FLAG_LATE}"',
                                                           "format": self.extra["cf_orange"]})
        sheet.conditional_format(FIRST, c["completion"], last, c["completion"], {"type": "data_bar",
                                                                                "bar_solid": True})
        self._table_end(sheet, last, len(headers))

    # --- Xếp loại đơn vị -------------------------------------------------------------------

    def _units(self) -> None:
        headers = labels.SC_UNIT_HEADERS
        sheet = self._header("units", headers, UNIT_WIDTHS, labels.SC_SHEETS["units"].upper())
        c = {k: i for i, k in enumerate(headers)}
        self.units_cols = c
        f, x = self.formats, self.extra
        units = self._ranked_units()
        values = {u.code: unit_row(self.data, u.code) for u in units}
        scores = [v["score"] for v in values.values()]
        first, last = FIRST, FIRST + len(units) - 1
        tasks, crit = labels.SC_SHEETS["tasks"], labels.SC_SHEETS["criteria"]
        t_range = lambda key: _range(tasks, FIRST, self.task_last, self.task_cols[key])  # noqa: E731
        c_last = FIRST + len(self.plan.criteria) - 1
        c_range = lambda key: _range(crit, FIRST, c_last, self.criteria_cols[key])  # noqa: E731
        if self.unit_scope:  # each unit's own points, from its rows of Điểm theo đơn vị
            c_range = self.scores_range
        for index, unit in enumerate(units):
            row = first + index
            self.unit_rows[unit.code] = row
            v = values[unit.code]
            cell = lambda key: xl_rowcol_to_cell(row, c[key])  # noqa: E731
            a = cell("unit")
            sheet.write_string(row, c["unit"], unit.code, f.cell)
            sheet.write_string(row, c["unit_name"], unit.name, f.cell)
            sheet.write_string(row, c["returned"], labels.RETURNED[unit.code in self.data.returned], f.cell)
            sheet.set_row(row, styles.row_height({"unit": unit.code, "unit_name": unit.name,
                                                  "returned": labels.RETURNED[unit.code in self.data.returned],
                                                  "band": band(v["score"], self.bands)}, UNIT_WIDTHS))
            lead = f'{t_range("unit")},{a},{t_range("role")},"{labels.ROLE["lead"]}"'
            count = lambda column, value: f'COUNTIFS({lead},{t_range(column)},"{value}")'  # noqa: E731
            formulas = {
                "assigned": (f"=COUNTIFS({lead})", v["assigned"]),
                "done_on_time": (f"={count('status', labels.STATUS_DONE)}-{count('flag', labels.FLAG_LATE)}",
                                 v["done_on_time"]),
                "done_late": (f"={count('flag', labels.FLAG_LATE)}", v["done_late"]),
                "overdue": (f"={count('flag', labels.FLAG_OVERDUE)}", v["overdue"]),
                "not_started": (f"={count('status', labels.STATUS_NOT_STARTED)}", v["not_started"]),
                "not_arisen": (f"={count('status', labels.STATUS_NOT_ARISEN)}", v["not_arisen"]),
            }
            for key, (formula, value) in formulas.items():
                sheet.write_formula(row, c[key], formula, x["int"], value)
            d, e, f_, i = cell("assigned"), cell("done_on_time"), cell("done_late"), cell("not_arisen")
            sheet.write_formula(row, c["completion"], f"=IF({d}-{i}>0,({e}+{f_})/({d}-{i})*100,0)", x["pct"],
                                v["completion"])
            sheet.write_formula(row, c["points"], f"=SUMIFS({c_range('final')},{c_range('unit')},{a})", f.points,
                                v["points"])
            sheet.write_formula(row, c["max"], f"=SUMIFS({c_range('max')},{c_range('unit')},{a})"
                                f"-SUMIFS({c_range('na_max')},{c_range('unit')},{a})", f.points, v["max"])
            k, l_, j, m = cell("points"), cell("max"), cell("completion"), cell("points_pct")
            sheet.write_formula(row, c["points_pct"], f"=IF({l_}>0,{k}/{l_}*100,0)", x["pct"], v["points_pct"])
            sheet.write_formula(row, c["score"], f"=ROUND(IF({l_}>0,IF({d}-{i}>0,({j}+{m})/2,{m}),{j}),"
                                f"{scoring.INDEX_DECIMALS})", x["pct"], v["score"])  # rounded: equal results rank equal
            n = cell("score")
            scores_range = _range(None, first, last, c["score"])
            sheet.write_formula(row, c["rank"], f"=RANK({n},{scores_range})", x["int"], rank(v["score"], scores))
            sheet.write_formula(row, c["band"], "=" + _band_formula(n, self.bands), f.cell, band(v["score"], self.bands))
        sheet.conditional_format(first, c["completion"], last, c["completion"], {"type": "data_bar", "bar_solid": True,
                                                                                 "min_type": "num", "min_value": 0,
                                                                                 "max_type": "num", "max_value": 100})
        sheet.conditional_format(first, c["score"], last, c["score"], {
            "type": "3_color_scale", "min_color": "#F8696B", "mid_color": "#FFEB84", "max_color": "#63BE7B"})
        sheet.conditional_format(first, c["returned"], last, c["returned"], {
            "type": "cell", "criteria": "==", "value": f'"{labels.RETURNED[False]}"', "format": x["cf_red"]})
        self.units_last = last
        self._table_end(sheet, last, len(headers))

    # --- Kiểm tra -----------------------------------------------------------------------

    def _checks(self) -> None:
        headers = labels.SC_CHECK_HEADERS
        widths = {key: CHECK_WIDTHS.get(key, 12) for key in headers}
        sheet = self._header("checks", headers, widths, labels.SC_SHEETS["checks"].upper())
        f = self.formats
        rows = [{"unit": u.code, "file": "", "sheet": "", "cell": "", "severity": labels.SEVERITY["warning"],
                 "message": catalogue.message("unit-missing", unit=u.name, period=self.period.name,
                                                      due=format_date(self.period.due))}
                for u in self.plan.workbook_units() if u.code not in self.data.returned]
        for unit, finding in self.data.findings:
            rows.append({"unit": unit, "file": finding.file, "sheet": finding.sheet, "cell": finding.cell,
                         "severity": labels.SEVERITY.get(finding.severity, finding.severity),
                         "message": finding.message})
        for index, item in enumerate(rows):
            for col, key in enumerate(headers):
                sheet.write_string(FIRST + index, col, cell_text(item[key]), f.cell)  # no raw controls
            sheet.set_row(FIRST + index, styles.row_height({k: cell_text(item[k]) for k in headers}, widths))
        last = FIRST + max(len(rows), 1) - 1
        severity = list(headers).index("severity")
        sheet.conditional_format(FIRST, severity, last, severity, {
            "type": "cell", "criteria": "==", "value": f'"{labels.SEVERITY["error"]}"', "format": self.extra["cf_red"]})
        sheet.conditional_format(FIRST, severity, last, severity, {
            "type": "cell", "criteria": "==", "value": f'"{labels.SEVERITY["warning"]}"',
            "format": self.extra["cf_amber"]})
        self._table_end(sheet, last, len(headers))

    # --- Tổng hợp -------------------------------------------------------------------------

    def _summary(self) -> None:
        sheet = self.sheets["summary"]
        x = self.extra
        crit = labels.SC_SHEETS["criteria"]
        for col, width in enumerate(SUMMARY_WIDTHS):
            sheet.set_column(col, col, width)
        self._titles(sheet, labels.SC_TITLE.format(period=self.period.name))
        total = scores(self.data)[""]
        values = {"points": total.final, "max": total.adjusted_max, "index": total.index}
        roots = [self.criteria_rows[r.code] for r in self.plan.children(None)]
        cc = self.criteria_cols
        sums = lambda key: ",".join(_ref(crit, r, cc[key]) for r in roots)  # noqa: E731
        cells = {"points": (3, f"=SUM({sums('final')})", values["points"]),
                 "max": (4, f"=SUM({sums('max')})-SUM({sums('na_max')})", values["max"]),
                 "index": (5, f"=IF({NAMES['max']}>0,{NAMES['points']}/{NAMES['max']}*100,0)", values["index"])}
        for row in range(3, 7):
            sheet.set_row(row, self._fit([(labels.SC_HEADLINE["max"], SUMMARY_WIDTHS[1], "headline_label"),
                                          ("", SUMMARY_WIDTHS[2], "headline")]))
        for key, (row, formula, value) in cells.items():
            sheet.write_string(row, 1, labels.SC_HEADLINE[key], x["headline_label"])
            sheet.write_formula(row, 2, formula, x["headline"], value)
            self.workbook.define_name(NAMES[key], f"={_q(labels.SC_SHEETS['summary'])}!$C${row + 1}")
        sheet.write_string(6, 1, labels.SC_HEADLINE["cutoff"], x["headline_label"])
        sheet.write_datetime(6, 2, styles.as_datetime(self.period.cutoff), x["headline_date"])
        self.workbook.define_name(NAMES["cutoff"], f"={_q(labels.SC_SHEETS['summary'])}!$C$7")
        sheet.conditional_format(5, 2, 5, 2, {"type": "icon_set", "icon_style": "3_traffic_lights",
                                              "icons": [{"criteria": ">=", "type": "number", "value": 80},
                                                        {"criteria": ">=", "type": "number", "value": 50}]})
        self._area_table(sheet, 8)

    def _area_table(self, sheet, header_row: int) -> None:
        f, x = self.formats, self.extra
        headers = labels.SC_AREA_HEADERS
        crit = labels.SC_SHEETS["criteria"]
        cc = self.criteria_cols
        for col, text in enumerate(headers.values()):
            sheet.write_string(header_row, col, text, f.header)
        sheet.set_row(header_row, styles.header_height(dict(enumerate(headers.values())),
                                                       dict(enumerate(SUMMARY_WIDTHS)), filtered=False))
        areas = self.plan.areas()
        for index, area in enumerate(areas):
            row = header_row + 1 + index
            self.area_rows[area.code] = row
            source = self.criteria_rows[area.code]
            totals = scores(self.data)[area.code]
            sheet.write_string(row, 0, area.code, f.cell)
            sheet.write_string(row, 1, area.title, f.cell)
            sheet.set_row(row, styles.row_height({0: area.code, 1: area.title}, dict(enumerate(SUMMARY_WIDTHS))))
            for col, key, value in ((2, "max", totals.max), (3, "na_max", totals.not_applicable_max),
                                    (5, "self", totals.points), (6, "final", totals.final)):
                sheet.write_formula(row, col, f"={_ref(crit, source, cc[key])}", f.points, value)
            c_, d, g = (xl_rowcol_to_cell(row, col) for col in (2, 3, 6))
            e = xl_rowcol_to_cell(row, 4)
            sheet.write_formula(row, 4, f"={c_}-{d}", f.points, totals.adjusted_max)
            sheet.write_formula(row, 7, f"=IF({e}>0,{g}/{e},0)", x["ratio"], totals.ratio)
        first, last = header_row + 1, header_row + len(areas)
        sheet.conditional_format(first, 7, last, 7, {
            "type": "3_color_scale", "min_color": "#F8696B", "mid_color": "#FFEB84", "max_color": "#63BE7B"})
        chart_rows = self._charts(sheet, first, last)
        last_row = self._summary_extra(sheet, last + 1 + chart_rows)  # unit indexes: their distribution
        # The meeting's page: headline, area table and both charts whole on one A4 page.
        self._print(sheet, last_row, len(SUMMARY_WIDTHS) - 1, repeat=None, one_page=True)
        sheet.protect("", {"format_columns": True, "format_rows": True})

    def _charts(self, sheet, first: int, last: int) -> None:
        summary, units = labels.SC_SHEETS["summary"], labels.SC_SHEETS["units"]
        areas = self.workbook.add_chart({"type": "bar"})
        areas.add_series({"name": labels.SC_CHART_AREAS, "categories": [summary, first, 0, last, 0],
                          "values": [summary, first, 7, last, 7], "data_labels": {"value": True, "num_format": "0%"}})
        areas.set_title({"name": labels.SC_CHART_AREAS})
        areas.set_legend({"none": True})
        areas.set_x_axis({"min": 0, "max": 1, "num_format": "0%"})
        areas.set_y_axis({"reverse": True})
        # Side by side under the table, each as wide as its half of the table.
        pixels = [textfit.column_pixels(w) for w in SUMMARY_WIDTHS]
        split = 3  # the area chart under columns A-C, the unit chart under D-H
        sheet.insert_chart(last + 2, 0, areas, {"x_scale": sum(pixels[:split]) / 480, "y_scale": CHART_HEIGHT / 288})
        if self.many:  # hundreds of bars are unreadable: the best and the worst
            self._many_chart(sheet, last + 2, split, sum(pixels[split:]) / 480, CHART_HEIGHT / 288)
            return -(-CHART_HEIGHT // 20)
        completion = self.workbook.add_chart({"type": "column"})
        uc = self.units_cols
        completion.add_series({"name": labels.SC_CHART_UNITS,
                               "categories": [units, FIRST, uc["unit"], self.units_last, uc["unit"]],
                               "values": [units, FIRST, uc["completion"], self.units_last, uc["completion"]],
                               "data_labels": {"value": True, "num_format": "0"}})
        completion.set_title({"name": labels.SC_CHART_UNITS})
        completion.set_legend({"none": True})
        completion.set_y_axis({"min": 0, "max": 100})
        sheet.insert_chart(last + 2, split, completion, {"x_scale": sum(pixels[split:]) / 480,
                                                         "y_scale": CHART_HEIGHT / 288})
        return -(-CHART_HEIGHT // 20)  # rows the charts cover (default rows are 20 px)

    def _fit(self, cells: list[tuple[str, float, str]]) -> float:
        # The height of a row of cells in EXTRA_FORMATS.
        return textfit.row_height([(text, width, {**styles.FONT, **EXTRA_FORMATS[name]})
                                   for text, width, name in cells])

    # --- Xu hướng -----------------------------------------------------------------------

    def _trend(self) -> None:
        sheet = self.sheets["trend"]
        f, x = self.formats, self.extra
        periods = [p for p in self.plan.periods if p.code in self.data.trend] + [self.period]
        self._titles(sheet, labels.SC_TREND_TITLE.upper())
        sheet.set_column(0, 0, 10)
        sheet.set_column(1, 1, 46)
        sheet.set_column(2, 2 + len(periods), 12)
        widths = {0: 10, 1: 46, **{col: 12 for col in range(2, 2 + len(periods))}}
        row = HEADER_ROW
        summary, units_sheet = labels.SC_SHEETS["summary"], labels.SC_SHEETS["units"]
        blocks = (
            (labels.SC_TREND_AREA, [(a.code, a.title) for a in self.plan.areas()], "areas",
             lambda code: (f"={_ref(summary, self.area_rows[code], 7)}*100",
                           scores(self.data)[code].ratio * 100)),
            (labels.SC_TREND_UNIT, [(u.code, u.name) for u in self.plan.workbook_units()], "units",
             lambda code: (f"={_ref(units_sheet, self.unit_rows[code], self.units_cols['score'])}",
                           unit_row(self.data, code)["score"])),
        )
        for title, items, key, current in self._trend_blocks(blocks):
            sheet.write_string(row, 0, "", f.header)
            sheet.write_string(row, 1, title, f.header)
            for col, period in enumerate(periods, start=2):
                sheet.write_string(row, col, period.name, f.header)
            names = {col: p.name for col, p in enumerate(periods, start=2)}
            sheet.set_row(row, styles.header_height({1: title, **names}, widths, filtered=False))
            for item_code, name in items:
                row += 1
                sheet.write_string(row, 0, item_code, f.cell)
                sheet.write_string(row, 1, name, f.cell)
                sheet.set_row(row, styles.row_height({0: item_code, 1: name}, widths))
                for col, period in enumerate(periods[:-1], start=2):
                    sheet.write_number(row, col, self.data.trend[period.code][key].get(item_code, 0.0), x["pct"])
                formula, value = current(item_code)
                sheet.write_formula(row, 1 + len(periods), formula, x["pct"], value)
            sheet.conditional_format(row - len(items) + 1, 2, row, 1 + len(periods), {
                "type": "3_color_scale", "min_color": "#F8696B", "mid_color": "#FFEB84", "max_color": "#63BE7B"})
            row += 2
        self._print(sheet, row - 2, 1 + len(periods))


def _range(sheet: str | None, first: int, last: int, col: int) -> str:
    cells = f"{xl_rowcol_to_cell(first, col, True, True)}:{xl_rowcol_to_cell(last, col, True, True)}"
    return f"{_q(sheet)}!{cells}" if sheet else cells


def _band_formula(cell: str, bands: dict[str, float]) -> str:
    formula = '""'
    for name, threshold in sorted(bands.items(), key=lambda kv: kv[1]):
        formula = f'IF({cell}>={threshold},"{name}",{formula})'
    return formula
