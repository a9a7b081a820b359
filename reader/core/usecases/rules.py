"""The policy's rules as the use cases apply them: one place, one wording.

Every refusal is a :class:`PolicyRefusal` whose message is a sentence a patron
can read; the CLI prints it on one line, the window shows it, and the window
also disables the control with :func:`reason_*` texts before anyone tries.
"""

from __future__ import annotations

from pathlib import Path

from reader.core.errors import ReaderError
from reader.core.i18n import N_, _
from reader.core.policy import Policy

PRINTABLE = ("html", "pdf")
LOCKED_SETTING = N_("Set by this computer's administrator.")


class PolicyRefusal(ReaderError):
    """The administrator's policy does not allow this."""


def export_reason(policy: Policy) -> str | None:
    """Why nothing may be exported at all (None: exports are allowed)."""
    if not policy.allow_export or not policy.export_formats:
        return _("Exporting is turned off on this computer.")
    return None


def print_reason(policy: Policy) -> str | None:
    if not policy.allow_print:
        return _("Printing is turned off on this computer.")
    return None


def open_archive_reason(policy: Policy) -> str | None:
    if not policy.allow_open_other_archives:
        return _("Opening other archives is turned off on this computer.")
    return None


def groups_reason(policy: Policy) -> str | None:
    if not policy.allow_groups:
        return _("Sharing notes with a group folder is turned off on this computer.")
    return None


def check_groups(policy: Policy, folder: Path | None = None) -> None:
    """May notes be shared through a group folder (at ``folder``, when one is named)?"""
    reason = groups_reason(policy)
    if reason:
        raise PolicyRefusal(reason)
    if folder is not None and policy.restricts_files and not policy.may_write(folder / "member.json"):
        raise PolicyRefusal(_("A group folder may not be in {folder} on this computer. ")
                            .format(folder=folder)
                            + _folders_sentence(policy))


def allowed_formats(policy: Policy, formats: tuple[str, ...]) -> list[str]:
    """The formats of ``formats`` the policy lets out; printable ones need printing allowed too."""
    return [fmt for fmt in formats
            if policy.may_export(fmt) and (policy.allow_print or fmt not in PRINTABLE)]


def check_export(policy: Policy, fmt: str, target: Path) -> None:
    """May ``fmt`` be written at ``target``?  Raises :class:`PolicyRefusal` with the reason."""
    reason = export_reason(policy)
    if reason:
        raise PolicyRefusal(reason)
    if fmt in PRINTABLE and not policy.allow_print:
        raise PolicyRefusal(_("Saving as {upper} is turned off on this computer (printing is off).")
                            .format(upper=fmt.upper()))
    if not policy.may_export(fmt):
        raise PolicyRefusal(_("Saving as {upper} is turned off on this computer.").format(upper=fmt.upper()))
    if not policy.may_write(target):
        raise PolicyRefusal(_("Files may not be saved in {parent} on this computer. ")
                            .format(parent=target.parent)
                            + _folders_sentence(policy))


def check_print(policy: Policy) -> None:
    reason = print_reason(policy)
    if reason:
        raise PolicyRefusal(reason)


def check_read(policy: Policy, source: Path) -> None:
    """May a file the user names (notes, a pack, pages to import) be read from ``source``?"""
    if not policy.restricts_files:
        return
    resolved = source.expanduser().absolute().resolve()
    if not any(resolved.is_relative_to(folder.resolve()) for folder in policy.export_folders()):
        raise PolicyRefusal(_("Files can only be opened from the allowed folders on this computer, not "
                              "from {parent}. ").format(parent=source.parent) + _folders_sentence(policy))


def check_open_archive(policy: Policy, location: Path | None) -> Path | None:
    """The archive to open for a request (None: the policy's or the bundled one)."""
    try:
        return policy.archive_to_open(location)
    except ValueError:
        reason = open_archive_reason(policy) or _("This archive may not be opened here.")
        raise PolicyRefusal(reason) from None


def _folders_sentence(policy: Policy) -> str:
    folders = policy.export_folders()
    if not folders:
        return _("There is no allowed folder right now (insert a USB stick, or ask the staff).")
    return _("Allowed folders: ") + ", ".join(str(f) for f in folders) + "."
