"""The kinds of scoring rule, one module each, and their registry.

``kind_of(criterion)`` is the one place a rule's name is looked up; everything a kind means (its
points, formula, text, input validation, parsing, display, plan checks) is in its module, the
shared defaults in ``base.py``. Totals and the index are in ``scoring.py``.
"""

from __future__ import annotations

from cchc_xlsx.core.model import Criterion
from cchc_xlsx.rules.base import RuleKind
from cchc_xlsx.rules.choice import Choice
from cchc_xlsx.rules.per_item import PerItem
from cchc_xlsx.rules.points import Points
from cchc_xlsx.rules.ratio import Ratio
from cchc_xlsx.rules.threshold import Threshold
from cchc_xlsx.rules.tiers import Tiers
from cchc_xlsx.rules.yesno import YesNo

# In the order the plan's documentation lists them.
KINDS: dict[str, RuleKind] = {kind.name: kind for kind in (Choice(), YesNo(), Ratio(), Threshold(), Tiers(),
                                                           Points(), PerItem())}
GENERIC = RuleKind()  # a criterion without a known rule: only the shared defaults (its maximum)


def kind_of(criterion: Criterion) -> RuleKind:
    """The kind of a leaf's rule (``ValueError`` for a rule no kind has)."""
    kind = KINDS.get(criterion.rule or "")
    if kind is None:
        raise ValueError(f"unknown rule {criterion.rule!r} for {criterion.code}")
    return kind
