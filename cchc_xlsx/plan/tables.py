"""The plan's tables: their columns and how each column is typed. Named once, used by the
CSV reader, the master-workbook reader and writer, and the builder."""

from __future__ import annotations

TEXT, LIST, NUMBER, INT, DATE, FLAG, UNITS = "text", "list", "number", "int", "date", "flag", "units"

# table → ordered (column, type); every column but those in OPTIONAL must be present.
TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "plan": (("key", TEXT), ("value", TEXT), ("source", TEXT)),
    "units": (("code", TEXT), ("name", TEXT), ("aliases", LIST), ("kind", TEXT), ("email", TEXT),
              ("contact", TEXT), ("receives_workbook", FLAG), ("source", TEXT), ("groups", LIST)),
    "periods": (("code", TEXT), ("name", TEXT), ("start", DATE), ("cutoff", DATE), ("due", DATE),
                ("source", TEXT)),
    "tasks": (("code", TEXT), ("area", INT), ("area_title", TEXT), ("number", TEXT), ("description", TEXT),
              ("products", LIST), ("lead", UNITS), ("coordinators", UNITS), ("timeframe", TEXT),
              ("schedule", TEXT), ("deadline", DATE), ("conditional", FLAG), ("note", TEXT), ("source", TEXT)),
    "criteria": (("code", TEXT), ("parent", TEXT), ("title", TEXT), ("declared_max", NUMBER), ("rule", TEXT),
                 ("rule_points", NUMBER), ("rule_threshold", NUMBER), ("not_applicable", TEXT),
                 ("responsible", UNITS), ("source", TEXT)),
    "levels": (("criterion", TEXT), ("order", INT), ("text", TEXT), ("points", NUMBER), ("min_count", INT),
               ("source", TEXT)),
    # Where the source document prints a number that cannot be right (or none): printed and used side by side.
    "corrections": (("where", TEXT), ("code", TEXT), ("field", TEXT), ("printed", TEXT), ("used", TEXT),
                    ("reason", TEXT)),
}
# Tables a plan may leave out (an older plan has no corrections).
OPTIONAL_TABLES = {"corrections"}
OPTIONAL = {"source", "contact", "note", "min_count", "rule_points", "rule_threshold", "not_applicable",
            "responsible", "aliases", "email", "groups"}
KEYS = {"plan": "key", "units": "code", "periods": "code", "tasks": "code", "criteria": "code"}
LIST_SEPARATOR = " | "


def columns(table: str) -> list[str]:
    return [name for name, _ in TABLES[table]]


def column_type(table: str, column: str) -> str:
    return dict(TABLES[table])[column]


def csv_name(table: str) -> str:
    return f"{table}.csv"
