"""The use cases, written once for both front ends (the CLI and the window).

Each use case takes an :class:`AppContext` (paths, policy, settings and
session resolved once) plus plain inputs, does its work through the core, and
returns an :class:`Outcome`: a sentence for the user, a :class:`Changes`
record the window's panes refresh from, and the value the front end shows.
Policy rules are checked here, in :mod:`.rules`, with one wording.  Nothing in
this package imports Qt; work that needs Qt (laying out a PDF) is handed in as
a function (:data:`PdfWriter`).
"""

from reader.core.usecases.changes import Changes, Outcome
from reader.core.usecases.context import AppContext

__all__ = ["AppContext", "Changes", "Outcome"]
