"""cchc-xlsx: a department's yearly administrative-reform (CCHC) cycle through Excel workbooks."""

__version__ = "0.1.0"
