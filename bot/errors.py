"""The one root of Envoy's own exceptions.

A question Envoy cannot answer is not an error: it is an `Answer(answered=False)`.
Exceptions are for the operator: broken knowledge files, an unreachable database,
bad settings.
"""


class EnvoyError(Exception):
    """Root of every error Envoy raises on purpose."""


class ConfigError(EnvoyError):
    """A setting is missing or malformed."""


class KnowledgeError(EnvoyError):
    """The knowledge files are invalid; `problems` lists every problem found."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the knowledge files"
        super().__init__(head + ":\n" + "\n".join(f"  - {p}" for p in self.problems))


class StorageError(EnvoyError):
    """The database cannot be reached or used."""


class InputError(EnvoyError):
    """Input from a user or a batch line is malformed."""
