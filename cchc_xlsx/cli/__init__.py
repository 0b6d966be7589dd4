"""The ``cchc`` command line: one thin command per stage, grouped by module.

``group.py`` holds the click group and the one error handler; each other module adds its
commands to it when imported here.
"""

from cchc_xlsx.cli import appraisal, cycle, demo, documents, outputs, plan, serve  # noqa: F401  (each registers its commands)
from cchc_xlsx.cli.group import cli, main
from cchc_xlsx.cli.mail import mail_command

cli.add_command(mail_command)

__all__ = ["cli", "main"]
