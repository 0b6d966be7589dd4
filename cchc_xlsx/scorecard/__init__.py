"""The scorecard stage: the consolidated workbook for the leadership meeting and its PDF (the
Office's rounds entered in it are read back by ``appraisal.importing``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cchc_xlsx.core.model import Plan
from cchc_xlsx.rules import scoring
from cchc_xlsx.scorecard.data import ScorecardData, appraised_scores, gather, scores
from cchc_xlsx.scorecard.writer import write_workbook
from cchc_xlsx.store.ledger import Ledger
from cchc_xlsx.xlsx.writeout import atomic_path


def write_scorecard(path: Path, plan: Plan, ledger: Ledger, period_code: str, bands: dict[str, float],
                    today: dt.date | None = None) -> ScorecardData:
    """Write the scorecard of ``period_code`` to ``path`` atomically; returns the data it shows."""
    data = gather(plan, ledger, period_code)
    from cchc_xlsx.evidence import (
        copy_linked,  # the linked files beside the scorecard, for relative links
    )

    data.evidence_files = copy_linked(ledger, period_code, Path(path).parent / "evidence")
    with atomic_path(path) as temporary:
        write_workbook(temporary, data, bands, plan.meta.get("department", ""), today or dt.date.today())
    return data


def headline(data: ScorecardData) -> dict[str, float]:
    """The scorecard's headline: points counted, maximum after hạ chuẩn, index (%)."""
    total = scores(data)[""]
    appraised = appraised_scores(data)[""]
    return {"points": total.final, "max": total.adjusted_max, "index": total.index,
            "index_self": scoring.index(total.points, total.adjusted_max),
            "index_appraised": scoring.index(appraised.final, total.adjusted_max)}


__all__ = ["headline", "write_scorecard"]
