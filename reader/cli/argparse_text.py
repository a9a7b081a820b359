"""argparse's own words ("usage:", "options", its error messages) in the user's language.

argparse looks its strings up through the ``_`` and ``ngettext`` it imported from
:mod:`gettext` at module level, in gettext's default domain; pointing them at our
catalogue translates them with the rest of the command line.  Its strings are
listed here so extraction puts them in the catalogue.
"""

from __future__ import annotations

import argparse

from reader.core import i18n
from reader.core.i18n import N_

MESSAGES = (
    N_("usage: "), N_("positional arguments"), N_("options"), N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"), N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"), N_("expected one argument"), N_("expected at most one argument"),
    N_("expected at least one argument"), N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("ambiguous option: %(option)s could match %(matches)s"), N_("%(prog)s: error: %(message)s\n"),
    N_("not allowed with argument %s"), N_("one of the arguments %s is required"),
    N_("ignored explicit argument %r"),
)


def install() -> None:
    """Translate argparse's messages through :mod:`reader.core.i18n` from now on."""
    argparse._ = i18n._  # type: ignore[attr-defined]
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]
