"""One context for every use case: paths, policy, settings and session, resolved once.

Both front ends make one at start-up (the CLI per command, the window per
session) instead of each reading the policy, the settings and the paths in
its own way; a public-mode session is started here for both.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from reader.core import i18n
from reader.core import paths as pathsmod
from reader.core import policy as policy_mod
from reader.core.annotations import AnnotationStore
from reader.core.archive import Archive, open_archive
from reader.core.policy import Policy
from reader.core.resources import bundled_archive
from reader.core.session import Session
from reader.core.settings import Settings
from reader.core.state import ReadingState
from reader.core.usecases import rules

log = logging.getLogger("reader.usecases")


@dataclass
class AppContext:
    paths: pathsmod.Paths
    policy: Policy
    settings: Settings
    session: Session | None = None  # a public-mode session, wiped by :meth:`end`

    @classmethod
    def create(cls, data_dir: Path | None = None, policy_file: Path | None = None, *,
               policy: Policy | None = None, redirect_environment: bool = False,
               ensure: bool = False) -> AppContext:
        """The context for this run: under a public-mode policy, in a new throwaway session.

        ``redirect_environment`` points XDG dirs and TMPDIR into the session
        (the window does, before Qt starts); ``ensure`` creates the folders.
        """
        policy = policy or policy_mod.load(policy_file)
        session = None
        if policy.public_mode:
            session = Session.start()
            if redirect_environment:
                session.redirect_environment()
            paths = session.paths
            ensure = True
        else:
            paths = pathsmod.resolve(data_dir)
        return cls.of(paths.ensure() if ensure else paths, policy, session)

    @classmethod
    def of(cls, paths: pathsmod.Paths, policy: Policy | None = None,
           session: Session | None = None) -> AppContext:
        policy = policy or Policy()
        settings = Settings.in_dir(paths.config, policy=policy.settings, locked=set(policy.locked))
        return cls(paths, policy, settings, session)

    def next_session(self) -> AppContext:
        """Public mode: end this session and return a context on a fresh one."""
        self.end()
        return AppContext.create(policy=self.policy, redirect_environment=True)

    def end(self) -> None:
        """Wipe the public session, if any (safe to call twice)."""
        if self.session is not None:
            self.session.end()
            self.session.restore_environment()

    @property
    def creator(self) -> str:
        """The name put on notes the user writes (the policy may fix it)."""
        return str(self.settings.get("creator"))

    def use_language(self, requested: str | None = None) -> str:
        """Translate from now on into the policy's language, else ``requested`` (``--lang``), else the
        preference, else the system's; returns the code in use."""
        fixed = self.policy.settings.get("language")
        return i18n.install(i18n.choose(requested, str(self.settings.get("language")), policy=fixed))

    def archive_location(self, requested: Path | None = None) -> Path:
        """Where the archive to open is: the request if the policy allows it, else the default."""
        return rules.check_open_archive(self.policy, requested) or bundled_archive()

    def open_archive(self, requested: Path | None = None) -> Archive:
        """Open the requested (or default) archive; front matter is cached in the user cache."""
        return open_archive(self.archive_location(requested), catalog_dir=self.paths.cache)

    def notes_store(self) -> AnnotationStore:
        return AnnotationStore.in_dir(self.paths.data)

    def reading_state(self) -> ReadingState:
        """What was read, favourites and places in articles (the window's library uses it)."""
        return ReadingState.in_dir(self.paths.data)
