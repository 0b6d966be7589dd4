"""Every Vietnamese text a user reads: workbook labels, list values, console lines, page texts.

Code names things in English; what a civil servant sees comes from here, so the wording stays
the plan's own and can be reviewed in one place. One module per stage; this package only
re-exports them, so ``from cchc_xlsx import text as labels; labels.X`` reads any of them.
The findings' messages and titles are in the findings catalogue (``cchc_xlsx.findings``).
"""

# One line per module, alphabetical.
from cchc_xlsx.text.collect import *
from cchc_xlsx.text.common import *
from cchc_xlsx.text.console import *
from cchc_xlsx.text.evidence import *
from cchc_xlsx.text.feedback import *
from cchc_xlsx.text.mail import *
from cchc_xlsx.text.page import *
from cchc_xlsx.text.plan import *
from cchc_xlsx.text.scorecard import *
from cchc_xlsx.text.validate import *
from cchc_xlsx.text.workbook import *
