"""The scorecard's sheets for agencies other than the shipped one (issue 13): an index for each
unit (``index_scope = unit``) with the per-unit criteria rows it is computed from, and, for
many units, a units × tasks matrix, the problems listed per unit, and charts that stay legible.

``AgencySheets`` is a mixin of ``ScorecardWriter``: it uses the writer's formats, rows and
print setup. Every figure is a formula written with its value computed in Python.
"""

from __future__ import annotations

from typing import Any

from xlsxwriter.utility import xl_rowcol_to_cell

from cchc_xlsx import text as labels
from cchc_xlsx.rules import scoring
from cchc_xlsx.xlsx import styles
from cchc_xlsx.scorecard.data import (TaskAnswer, band, rank, scores, task_flag, task_rows, unit_answer,
                                      unit_index, unit_row, unit_scores)

MANY_UNITS = 12      # from this many units: matrix, problems per unit, best/worst charts, data sheets not printed
CHART_UNITS = 10     # best and worst N on the charts
MATRIX_TASKS_PER_PAGE = 45
HELPER_COL = 10  # column K of the summary: the best/worst chart's references, outside the print area  # task columns that stay legible on one A4 width
SCORES_WIDTHS = {"unit": 9, "code": 10, "title": 44, "result": 24, "na": 8, "evidence": 26, "max": 8,
                 "na_max": 8, "self": 9, "appraised": 10, "final": 9}
INDEX_WIDTHS = {"unit": 9, "unit_name": 34, "groups": 30, "returned": 9, "points": 10, "max": 12, "index": 11,
                "rank": 8, "band": 12}
PROBLEM_WIDTHS = {"unit": 9, "unit_name": 30, "missing": 14, "overdue": 40, "late": 40}


def _q(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


def _col_range(sheet: str, first: int, last: int, col: int) -> str:
    return (f"{_q(sheet)}!{xl_rowcol_to_cell(first, col, True, True)}:"
            f"{xl_rowcol_to_cell(last, col, True, True)}")


class AgencySheets:
    """New sheets and blocks of the scorecard; mixed into ``ScorecardWriter``."""

    # --- which sheets -------------------------------------------------------------------

    def _agency_setup(self) -> None:
        units = self.plan.workbook_units()
        self.many = len(units) >= MANY_UNITS
        self.unit_scope = self.plan.unit_scope
        self.agency_sheets: dict[str, Any] = {}
        if self.unit_scope:
            self.agency_sheets["index"] = self.workbook.add_worksheet(labels.SC_UNIT_INDEX_SHEET)
            self.agency_sheets["scores"] = self.workbook.add_worksheet(labels.SC_UNIT_SCORES_SHEET)
            self._lay_out_unit_scores()
        if self.many:
            self.agency_sheets["matrix"] = self.workbook.add_worksheet(labels.SC_MATRIX_SHEET)
            self.agency_sheets["problems"] = self.workbook.add_worksheet(labels.SC_PROBLEMS_SHEET)

    def _agency_sheets(self) -> None:
        """The new sheets, once the standard ones are written (they refer to their rows)."""
        if self.unit_scope:
            self._unit_scores_sheet()
            self._unit_index_sheet()
        if self.many:
            self._matrix_sheet()
            self._problems_sheet()
            data_sheets = [self.sheets["tasks"]] + ([self.agency_sheets["scores"]] if self.unit_scope else [])
            for sheet in data_sheets:  # thousands of rows: for filtering and appraising on screen, not for print
                # Hiding would not do: LibreOffice prints hidden sheets. The print area is the heading and a note.
                sheet.write_string(2, 0, labels.SC_DATA_SHEET_NOTE, self.formats.subtitle)
                sheet.print_area(0, 0, self.HEADER_ROW, 7)

    def _ranked_units(self) -> list:
        """Workbook units by their Xếp loại result, best first (ties in table order)."""
        units = self.plan.workbook_units()
        values = {u.code: unit_row(self.data, u.code)["score"] for u in units}
        return sorted(units, key=lambda u: -values[u.code])

    # --- Điểm theo đơn vị: every (unit, leaf) the units score ------------------------------

    def _lay_out_unit_scores(self) -> None:
        # Rows are fixed before any sheet is written: Chấm điểm's SUMIFS and Xếp loại point here.
        self.score_cols = {k: i for i, k in enumerate(labels.SC_UNIT_SCORES_HEADERS)}
        self.unit_blocks: dict[str, tuple[int, int]] = {}
        self.score_rows: list[tuple[str, Any]] = []
        row = self.FIRST
        for unit in self.plan.scoring_units():
            leaves = self.plan.leaves_scored_by(unit.code)
            self.unit_blocks[unit.code] = (row, row + len(leaves) - 1)
            self.score_rows.extend((unit.code, leaf) for leaf in leaves)
            row += len(leaves)
        self.scores_last = max(row - 1, self.FIRST)

    def scores_range(self, key: str) -> str:
        """A whole column of ``Điểm theo đơn vị`` (absolute), for SUMIFS by unit or by criterion."""
        return _col_range(labels.SC_UNIT_SCORES_SHEET, self.FIRST, self.scores_last, self.score_cols[key])

    def _unit_scores_sheet(self) -> None:
        headers = labels.SC_UNIT_SCORES_HEADERS
        sheet = self.agency_sheets["scores"]
        self._agency_header(sheet, headers, SCORES_WIDTHS, labels.SC_UNIT_SCORES_SHEET.upper())
        c, f, x = self.score_cols, self.formats, self.extra
        yes = labels.YES
        templates: dict[str, tuple] = {}
        letters = {k: xl_col(c[k]) for k in ("result", "na", "max", "na_max", "self", "appraised")}
        for row, (unit_code, leaf) in enumerate(self.score_rows, start=self.FIRST):
            answer = unit_answer(self.data, unit_code, leaf.code)
            totals = unit_scores(self.data, unit_code)[leaf.code]
            if leaf.code not in templates:
                allows_na = self.plan.allows_not_applicable(leaf.code)
                # One formula per leaf with placeholders, the row filled in per unit: no per-cell rebuilding.
                formula = scoring.points_formula(leaf, "\x01", "\x02" if allows_na else None)
                templates[leaf.code] = (allows_na, "=" + formula)
            allows_na, template = templates[leaf.code]
            n = str(row + 1)
            cell = {k: letter + n for k, letter in letters.items()}
            sheet.write_string(row, c["unit"], unit_code, f.cell)
            sheet.write_string(row, c["code"], leaf.code, f.cell)
            sheet.write_string(row, c["title"], leaf.title, f.cell)
            styles.write_value(sheet, row, c["result"], answer.shown, f.cell, labels.YES, labels.NO)
            na = bool(answer.result and answer.result.not_applicable and allows_na)
            sheet.write_string(row, c["na"], yes if na else "", f.cell)
            sheet.write_string(row, c["evidence"], answer.evidence or "", f.cell)
            sheet.write_number(row, c["max"], totals.max, f.points)
            if allows_na:
                sheet.write_formula(row, c["na_max"], f'=IF({cell["na"]}="{yes}",{cell["max"]},0)', f.points,
                             totals.not_applicable_max)
            else:
                sheet.write_number(row, c["na_max"], 0, f.points)
            sheet.write_formula(row, c["self"], template.replace("\x01", cell["result"]).replace("\x02", cell["na"]),
                         f.points, totals.points)
            if answer.appraised is not None:
                sheet.write_number(row, c["appraised"], answer.appraised, x["input_points"])
            else:
                sheet.write_blank(row, c["appraised"], None, x["input_points"])
            k, j = cell["appraised"], cell["self"]
            sheet.write_formula(row, c["final"], f"=IF(ISNUMBER({k}),{k},{j})", f.points, totals.final)
        last = self.scores_last
        sheet.conditional_format(self.FIRST, c["final"], last, c["final"], {
            "type": "formula", "format": x["cf_red"],
            "criteria": f"=${xl_col(c['final'])}{self.FIRST + 1}>${xl_col(c['max'])}{self.FIRST + 1}+1E-9"})
        sheet.protect("", {"autofilter": True, "sort": True, "format_columns": True, "format_rows": True})
        self._table_end(sheet, last, len(headers))

    # --- Chấm điểm with index_scope = unit: each leaf summed over the units -----------------

    def _pooled_leaf(self, sheet, row: int, c: dict[str, int], criterion) -> None:
        """A leaf of ``Chấm điểm`` when every unit scores it: the units' rows summed by SUMIFS."""
        f = self.formats
        totals = scores(self.data)[criterion.code]
        code_cell = xl_rowcol_to_cell(row, c["code"])
        sheet.write_string(row, c["code"], criterion.code, f.cell)
        sheet.write_string(row, c["title"], criterion.title, f.cell)
        sheet.write_string(row, c["unit"], labels.SC_POOLED_UNITS.format(
            count=len(self.plan.scorers_of(criterion.code))), f.cell)
        sheet.write_string(row, c["rule"], scoring.rule_text(criterion), f.cell)
        for key in ("result", "na", "appraised"):
            sheet.write_blank(row, c[key], None, f.cell)
        scorers = self.plan.scorers_of(criterion.code)
        with_evidence = sum(1 for u in scorers if unit_answer(self.data, u, criterion.code).evidence)
        sheet.write_string(row, c["evidence"], labels.SC_POOLED_EVIDENCE.format(
            count=with_evidence, total=len(scorers)), f.cell)
        for key, value in (("max", totals.max), ("na_max", totals.not_applicable_max), ("self", totals.points),
                           ("final", totals.final)):
            sheet.write_formula(row, c[key], f"=SUMIFS({self.scores_range(key)},{self.scores_range('code')},"
                         f"{code_cell})", f.points, value)
        j, l_ = xl_rowcol_to_cell(row, c["self"]), xl_rowcol_to_cell(row, c["final"])
        sheet.write_formula(row, c["diff"], f"={l_}-{j}", f.points, totals.final - totals.points)
        self._ratio(sheet, row, c, totals.ratio, self.extra["ratio"])

    # --- Chỉ số đơn vị -------------------------------------------------------------------

    def _index_order(self) -> list:
        units = self.plan.scoring_units()
        indexes = {u.code: unit_index(self.data, u.code)[2] for u in units}
        return sorted(units, key=lambda u: -indexes[u.code])

    def _unit_index_sheet(self) -> None:
        groups = [g for g in self.plan.groups() if any(g.code in u.groups for u in self.plan.scoring_units())]
        headers = {**labels.SC_UNIT_INDEX_HEADERS, **{f"group:{g.code}": g.code for g in groups}}
        sheet = self.agency_sheets["index"]
        self._agency_header(sheet, headers, {**INDEX_WIDTHS, **{f"group:{g.code}": 7 for g in groups}},
                            labels.SC_UNIT_INDEX_TITLE)
        c = {k: i for i, k in enumerate(headers)}
        f, x = self.formats, self.extra
        units = self._index_order()
        figures = {u.code: unit_index(self.data, u.code) for u in units}
        indexes = [figures[u.code][2] for u in units]
        first, last = self.FIRST, self.FIRST + max(len(units), 1) - 1
        index_range = _col_range(labels.SC_UNIT_INDEX_SHEET, first, last, c["index"]).split("!")[1]
        from cchc_xlsx.scorecard.writer import _band_formula  # the writer's, one rule for both sheets
        group_names = {g.code: g.name for g in self.plan.groups()}
        self.index_rows: dict[str, int] = {}
        for row, unit in enumerate(units, start=first):
            self.index_rows[unit.code] = row
            points, maximum, index = figures[unit.code]
            top, bottom = self.unit_blocks[unit.code]
            block = lambda key: _col_range(labels.SC_UNIT_SCORES_SHEET, top, bottom, self.score_cols[key])  # noqa: E731
            sheet.write_string(row, c["unit"], unit.code, f.cell)
            sheet.write_string(row, c["unit_name"], unit.name, f.cell)
            group_text = ", ".join(group_names.get(g, g) for g in unit.groups)
            sheet.write_string(row, c["groups"], group_text, f.cell)
            sheet.set_row(row, styles.row_height({"groups": group_text, "unit_name": unit.name}, INDEX_WIDTHS))
            sheet.write_string(row, c["returned"], labels.RETURNED[unit.code in self.data.returned], f.cell)
            sheet.write_formula(row, c["points"], f"=SUM({block('final')})", f.points, points)
            sheet.write_formula(row, c["max"], f"=SUM({block('max')})-SUM({block('na_max')})", f.points, maximum)
            e, g = xl_rowcol_to_cell(row, c["points"]), xl_rowcol_to_cell(row, c["max"])
            sheet.write_formula(row, c["index"], "=" + scoring.ranked_index_formula(e, g), x["pct"], index)
            h = xl_rowcol_to_cell(row, c["index"])
            sheet.write_formula(row, c["rank"], f"=RANK({h},{index_range})", x["int"], rank(index, indexes))
            sheet.write_formula(row, c["band"], "=" + _band_formula(h, self.bands), f.cell, band(index, self.bands))
            for group in groups:
                sheet.write_string(row, c[f"group:{group.code}"], "x" if group.code in unit.groups else "", f.cell)
        self.index_cols, self.index_first, self.index_last, self.index_groups = c, first, last, groups
        sheet.conditional_format(first, c["index"], last, c["index"], {
            "type": "3_color_scale", "min_color": "#F8696B", "mid_color": "#FFEB84", "max_color": "#63BE7B"})
        sheet.conditional_format(first, c["returned"], last, c["returned"], {
            "type": "cell", "criteria": "==", "value": f'"{labels.RETURNED[False]}"', "format": x["cf_red"]})
        self._table_end(sheet, last, len(headers))

    def _distribution(self, sheet, top: int, left: int) -> int:
        """Best, worst and mean unit index, for all units and each group, in the five columns from
        ``left``; returns the last row used."""
        f, x = self.formats, self.extra
        c, first, last = self.index_cols, self.index_first, self.index_last
        name = labels.SC_UNIT_INDEX_SHEET
        idx = _col_range(name, first, last, c["index"])
        d = labels.SC_DISTRIBUTION
        small = self.workbook.add_format({**styles.FONT, "border": 1, "font_size": 8, "text_wrap": True,
                                          "valign": "vcenter"})
        sheet.write_string(top, left, d["title"], x["headline_label"])
        for col, key in enumerate(("group", "count", "best", "worst", "mean"), start=left):
            sheet.write_string(top + 1, col, d[key], f.header)
        ranked = [(u, unit_index(self.data, u.code)[2]) for u in self._index_order()]
        rows = [(d["all"], None, [value for _, value in ranked])]
        for group in self.index_groups:
            rows.append((group.name, group.code, [value for u, value in ranked if group.code in u.groups]))
        for row, (title, code, values) in enumerate(rows, start=top + 2):
            sheet.write_string(row, left, title, small)
            count, best = len(values), max(values, default=0.0)
            worst, mean = min(values, default=0.0), (sum(values) / len(values) if values else 0.0)
            if code is None:
                cells = [f"=COUNT({idx})", f"=MAX({idx})", f"=MIN({idx})", f"=IF(COUNT({idx})>0,AVERAGE({idx}),0)"]
                for col, (formula, value) in enumerate(zip(cells, (count, best, worst, mean)), start=left + 1):
                    sheet.write_formula(row, col, formula, x["int"] if col == left + 1 else x["pct"], value)
                continue
            marks = _col_range(name, first, last, c[f"group:{code}"])
            sheet.write_formula(row, left + 1, f'=COUNTIF({marks},"x")', x["int"], count)
            sheet.write_array_formula(row, left + 2, row, left + 2, f'{{=MAX(IF({marks}="x",{idx}))}}', x["pct"], best)
            sheet.write_array_formula(row, left + 3, row, left + 3, f'{{=MIN(IF({marks}="x",{idx}))}}', x["pct"], worst)
            sheet.write_formula(row, left + 4, f'=IF(COUNTIF({marks},"x")>0,AVERAGEIF({marks},"x",{idx}),0)',
                                x["pct"], mean)
        return top + 1 + len(rows)

    # --- Ma trận nhiệm vụ: units × the tasks they lead --------------------------------------

    def _matrix_sheet(self) -> None:
        sheet = self.agency_sheets["matrix"]
        f, x = self.formats, self.extra
        tasks = [t for t in self.plan.tasks if any(u in self._workbook_codes for u in t.lead)]
        units = self._ranked_units()
        ranks = self._unit_ranks()
        sheet.write_string(0, 0, labels.SC_MATRIX_TITLE, f.title)
        sheet.write_string(1, 0, self._subtitle(), f.subtitle)
        head = self.HEADER_ROW
        fixed = [labels.SC_UNIT_HEADERS["rank"], labels.SC_UNIT_HEADERS["unit"], labels.SC_UNIT_HEADERS["unit_name"]]
        for col, text in enumerate(fixed):
            sheet.write_string(head, col, text, f.header)
        sheet.set_column(0, 0, 6)
        sheet.set_column(1, 1, 9)
        sheet.set_column(2, 2, 28)
        vertical = self.workbook.add_format({**styles.FONT, "bold": True, "border": 1, "rotation": 90,
                                             "align": "center", "valign": "bottom", "font_size": 8})
        cell_fmt = self.workbook.add_format({**styles.FONT, "border": 1, "align": "center", "font_size": 8})
        for col, task in enumerate(tasks, start=len(fixed)):
            sheet.write_string(head, col, task.code, vertical)
        sheet.set_column(len(fixed), len(fixed) + max(len(tasks), 1) - 1, 4.3)
        sheet.set_row(head, 48)
        answers = {(task.code, unit): answer for task, unit, answer in task_rows(self.data)}
        cutoff = self.period.cutoff
        codes = labels.SC_MATRIX_CODES
        small = self.workbook.add_format({**styles.FONT, "border": 1, "font_size": 8})
        for row, unit in enumerate(units, start=self.FIRST):
            sheet.set_row(row, 12)  # one line of 8-point text: 40 units a page
            sheet.write_number(row, 0, ranks[unit.code], small)
            sheet.write_string(row, 1, unit.code, small)
            sheet.write_string(row, 2, unit.name, small)
            returned = unit.code in self.data.returned
            for col, task in enumerate(tasks, start=len(fixed)):
                if unit.code not in task.lead:
                    sheet.write_blank(row, col, None, cell_fmt)
                    continue
                answer = answers.get((task.code, unit.code), TaskAnswer())
                sheet.write_string(row, col, matrix_code(task, answer, cutoff, returned, codes), cell_fmt)
        last = self.FIRST + max(len(units), 1) - 1
        last_col = len(fixed) + max(len(tasks), 1) - 1
        legend = self.workbook.add_format({**styles.FONT, "italic": True, "text_wrap": True, "valign": "top"})
        sheet.merge_range(2, 0, 2, max(last_col, 8), labels.SC_MATRIX_LEGEND, legend)
        sheet.set_row(2, 30)
        for key, fmt in (("overdue", x["cf_red"]), ("late", x["cf_orange"]), ("missing", x["cf_amber"])):
            sheet.conditional_format(self.FIRST, len(fixed), last, last_col, {
                "type": "cell", "criteria": "==", "value": f'"{codes[key]}"', "format": fmt})
        sheet.freeze_panes(self.FIRST, len(fixed))
        self._print(sheet, last, last_col)
        if len(tasks) > MATRIX_TASKS_PER_PAGE:  # a plan of many tasks: pages side by side, units on each
            sheet.fit_to_pages(-(-len(tasks) // MATRIX_TASKS_PER_PAGE), 0)
            sheet.repeat_columns(0, len(fixed) - 1)

    @property
    def _workbook_codes(self) -> set[str]:
        return {u.code for u in self.plan.workbook_units()}

    def _unit_ranks(self) -> dict[str, int]:
        values = {u.code: unit_row(self.data, u.code)["score"] for u in self.plan.workbook_units()}
        return {code: rank(v, list(values.values())) for code, v in values.items()}

    # --- Vấn đề cần xử lý: one row per unit with a problem, by rank ---------------------------

    def _problems_sheet(self) -> None:
        sheet = self.agency_sheets["problems"]
        h = labels.SC_PROBLEMS_HEADERS
        headers = {"unit": h["unit"], "unit_name": h["unit_name"], "missing": labels.SC_PROBLEM_KINDS["missing"],
                   "overdue": labels.SC_PROBLEM_KINDS["overdue"], "late": labels.SC_PROBLEM_KINDS["late"]}
        self._agency_header(sheet, headers, PROBLEM_WIDTHS, labels.SC_PROBLEMS_TITLE)
        f = self.formats
        cutoff = self.period.cutoff
        flags: dict[str, dict[str, list[str]]] = {}
        for task, unit, answer in task_rows(self.data):
            if task.role_of(unit) != "lead":
                continue
            flag = task_flag(task, answer, cutoff)
            if flag:
                key = "overdue" if flag == labels.FLAG_OVERDUE else "late"
                flags.setdefault(unit, {"overdue": [], "late": []})[key].append(task.code)
        row = self.FIRST
        for unit in reversed(self._ranked_units()):  # the weakest first: they need the follow-up
            missing = unit.code not in self.data.returned
            found = flags.get(unit.code, {"overdue": [], "late": []})
            if not (missing or found["overdue"] or found["late"]):
                continue
            sheet.write_string(row, 0, unit.code, f.cell)
            sheet.write_string(row, 1, unit.name, f.cell)
            sheet.write_string(row, 2, labels.YES if missing else "", f.cell)
            sheet.write_string(row, 3, ", ".join(found["overdue"]), f.cell)
            sheet.write_string(row, 4, ", ".join(found["late"]), f.cell)
            longest = max(len(", ".join(found["overdue"])), len(", ".join(found["late"])), 1)
            sheet.set_row(row, 15 * max(1, -(-longest // 44)))
            row += 1
        last = max(row - 1, self.FIRST)
        sheet.conditional_format(self.FIRST, 2, last, 2, {"type": "cell", "criteria": "==",
                                                          "value": f'"{labels.YES}"', "format": self.extra["cf_amber"]})
        self._table_end(sheet, last, len(headers))

    # --- charts that stay legible ----------------------------------------------------------

    def _many_chart(self, sheet, row: int, col: int, x_scale: float, y_scale: float) -> None:
        """The best and the worst N units in one chart, where the summary shows the unit chart: by
        their index with ``index_scope = unit``, else by their Xếp loại result. The chart reads a
        small table of references right of the summary's print area."""
        if self.unit_scope:
            source, cols, value_key, first = labels.SC_UNIT_INDEX_SHEET, self.index_cols, "index", self.index_first
            units = self._index_order()
            values = [unit_index(self.data, u.code)[2] for u in units]
        else:
            source, cols, value_key, first = labels.SC_SHEETS["units"], self.units_cols, "score", self.FIRST
            units = self._ranked_units()
            values = [unit_row(self.data, u.code)["score"] for u in units]
        count = min(CHART_UNITS, len(units) // 2)
        picked = list(range(count)) + list(range(len(units) - count, len(units)))
        f, x = self.formats, self.extra
        sheet.write_string(row - 1, HELPER_COL, labels.SC_CHART_DATA, f.subtitle)
        for offset, index in enumerate(picked):
            source_row = first + index
            sheet.write_formula(row + offset, HELPER_COL, f"={_q(source)}!"
                                f"{xl_rowcol_to_cell(source_row, cols['unit'], True, True)}", f.cell, units[index].code)
            sheet.write_formula(row + offset, HELPER_COL + 1, f"={_q(source)}!"
                                f"{xl_rowcol_to_cell(source_row, cols[value_key], True, True)}", x["pct"],
                                values[index])
        summary = labels.SC_SHEETS["summary"]
        bottom = row + len(picked) - 1
        title = labels.SC_CHART_BEST_WORST.format(count=count, what=labels.SC_CHART_WHAT[value_key])
        chart = self.workbook.add_chart({"type": "bar"})
        chart.add_series({"name": title, "categories": [summary, row, HELPER_COL, bottom, HELPER_COL],
                          "values": [summary, row, HELPER_COL + 1, bottom, HELPER_COL + 1],
                          "points": [{"fill": {"color": "#63BE7B" if i < count else "#F8696B"}} for i in range(len(picked))],
                          "gap": 40, "data_labels": {"value": True, "num_format": "0", "font": {"size": 7}}})
        chart.set_title({"name": title, "name_font": {"size": 10}})
        chart.set_legend({"none": True})
        chart.set_x_axis({"min": 0, "max": 100})
        chart.set_y_axis({"reverse": True, "num_font": {"size": 7}})
        sheet.insert_chart(row, col, chart, {"x_scale": x_scale, "y_scale": y_scale})

    def _summary_extra(self, sheet, below: int) -> int:
        """With ``index_scope = unit``, the distribution of the units' indexes: beside the headline
        when the groups are few, else under the charts. Returns the summary's last printed row."""
        if not self.unit_scope:
            return below
        if len(self.index_groups) <= 3:  # rows 2–7, columns D–H are free beside the headline
            self._distribution(sheet, 2, 3)
            return below
        return self._distribution(sheet, below + 1, 1)

    def _trend_blocks(self, blocks: tuple) -> tuple:
        """The trend's blocks: with ``index_scope = unit`` each unit's index (what ranks the units)
        stands instead of its Xếp loại result, so hundreds of units are listed once."""
        if not self.unit_scope:
            return blocks
        sheet, col = _q(labels.SC_UNIT_INDEX_SHEET), self.index_cols["index"]

        def current(code: str) -> tuple[str, float]:
            return (f"={sheet}!{xl_rowcol_to_cell(self.index_rows[code], col, True, True)}",
                    unit_index(self.data, code)[2])

        return (blocks[0], (labels.SC_TREND_INDEX, [(u.code, u.name) for u in self._index_order()], "index", current))

    # --- shared -------------------------------------------------------------------------

    def _agency_header(self, sheet, headers: dict[str, str], widths: dict[str, int], title: str) -> None:
        sheet.write_string(0, 0, title, self.formats.title)
        sheet.write_string(1, 0, self._subtitle(), self.formats.subtitle)
        for col, (name, text) in enumerate(headers.items()):
            sheet.write_string(self.HEADER_ROW, col, text, self.formats.header)
            sheet.set_column(col, col, widths.get(name, 10))
        sheet.set_row(self.HEADER_ROW, 30)


def matrix_code(task, answer: TaskAnswer, cutoff, returned: bool, codes: dict[str, str]) -> str:
    """The short code of one unit's lead task in the matrix (see ``labels.SC_MATRIX_LEGEND``)."""
    flag = task_flag(task, answer, cutoff)
    if flag == labels.FLAG_OVERDUE:
        return codes["overdue"]
    if flag == labels.FLAG_LATE:
        return codes["late"]
    status = answer.status
    if status is None:
        return codes["missing"]
    return {labels.STATUS_DONE: codes["done"], labels.STATUS_IN_PROGRESS: codes["in_progress"],
            labels.STATUS_NOT_STARTED: codes["not_started"], labels.STATUS_NOT_ARISEN: codes["not_arisen"]}.get(
        status, codes["missing"])


def xl_col(col: int) -> str:
    """The column letters of a 0-based column (cached: called for every cell of large sheets)."""
    if col not in _COLS:
        from xlsxwriter.utility import xl_col_to_name
        _COLS[col] = xl_col_to_name(col)
    return _COLS[col]


_COLS: dict[int, str] = {}
