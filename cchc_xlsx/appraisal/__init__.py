"""The year's second half (DESIGN.md "Appraisal and explanation"): the Office's appraisal with
reasons and its decision, read from the scorecard it filled in (``importing``) and kept in the
ledger round by round (``rounds``); the explanation workbook a unit answers (``workbook``) and
its return read by collect (``returned``). The points at risk are the scorecard's
(``scorecard/risk.py``); the stage functions are ``app/appraisal.py``."""
