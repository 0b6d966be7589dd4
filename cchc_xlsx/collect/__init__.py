"""The collect stage: receive, archive, record, analyse, merge.

``run`` drives a run; ``sources`` turns folders, messages, zips and mailboxes into items;
``identify`` tells a return from any other spreadsheet; ``pool`` analyses in worker processes;
``trust`` decides who may speak for a unit; ``decisions`` records the Office's word on a held
return. The names below are the stage's face for the CLI, the page and the tests.
"""

from __future__ import annotations

from cchc_xlsx.collect.decisions import (
           Decision,
           SubmissionNotFound,
           accept_submission,
           held_submissions,
)
from cchc_xlsx.collect.outcome import CollectResult, Outcome
from cchc_xlsx.collect.run import collect_items, collect_paths
from cchc_xlsx.collect.sources import scan

__all__ = ["CollectResult", "Decision", "Outcome", "SubmissionNotFound", "accept_submission", "collect_items",
           "collect_paths", "held_submissions", "scan"]
