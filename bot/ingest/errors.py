"""Errors of the ingest: all are `EnvoyError`s, so the CLI reports them in one place."""

from __future__ import annotations

from collections.abc import Iterable

from bot.errors import EnvoyError


class IngestError(EnvoyError):
    """An article cannot be drafted, or a draft failed the knowledge check."""


class SourceExistsError(IngestError):
    """The source directory exists already and `replace` was not asked for."""


class DraftInvalidError(IngestError):
    """The draft did not pass `load_knowledge`; it was removed. `problems` lists why."""

    def __init__(self, slug: str, problems: Iterable[str]) -> None:
        self.problems = list(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(
            f"the draft of '{slug}' failed the knowledge check and was removed:\n{lines}"
        )


class UnknownItemsError(IngestError):
    """`mark_reviewed` was given ids that no knowledge file holds; nothing was changed."""

    def __init__(self, where: str, ids: Iterable[str]) -> None:
        self.ids = sorted(ids)
        super().__init__(
            f"unknown id{'s' if len(self.ids) != 1 else ''} in {where}: "
            f"{', '.join(self.ids)}; nothing was marked reviewed"
        )
