"""Every Vietnamese text a user reads: workbook labels, list values, console lines, page texts.

Code names things in English; what a civil servant sees comes from here, so the wording stays
the plan's own and can be reviewed in one place. One module per stage; this package only
re-exports them, so ``from cchc_xlsx import text as labels; labels.X`` reads any of them.
The findings' messages and titles are in the findings catalogue (``cchc_xlsx.findings``).
"""

# One line per module, alphabetical.
from .appraisal import *
from .collect import *
from .common import *
from .console import *
from .documents import *
from .evidence import *
from .feedback import *
from .mail import *
from .page import *
from .plan import *
from .plan_import import *
from .rules import *
from .scorecard import *
from .validate import *
from .workbook import *
