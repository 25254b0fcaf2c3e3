"""The commands as every door shows them: name, summary, usage and the option a user fills in.

Adapters build their slash commands, help and manifests from `COMMANDS`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Command:
    """One command as every door shows it."""

    name: str
    summary: str
    usage: str
    option: str | None = None
    option_summary: str | None = None
    completes: str | None = None  # "person" or "subject": what autocompletion offers


COMMANDS: tuple[Command, ...] = (
    Command(
        "ask",
        "Ask a question about the sources",
        "ask <question>",
        "question",
        "Your question, e.g. what did Blinken say about China?",
    ),
    Command(
        "who-said",
        "Find who said a quotation, with its context",
        "who-said <quote>",
        "quote",
        "A few words of the quotation, as you remember them",
    ),
    Command(
        "quotes",
        "List everything a person is quoted saying",
        "quotes <person>",
        "person",
        "A name, surname or role, e.g. the German foreign minister",
        completes="person",
    ),
    Command(
        "about",
        "What the sources say about a person, place or topic",
        "about <subject>",
        "subject",
        "A person, organisation, place or topic",
        completes="subject",
    ),
    Command("sources", "What Envoy knows and where it comes from", "sources"),
    Command("help", "How to use Envoy", "help"),
)
COMMAND_NAMES = tuple(c.name for c in COMMANDS)
EXAMPLE_QUESTIONS = (
    "What did Blinken say about China?",
    "Who said “neutrality means taking the side of the aggressor”?",
    "When did Xi Jinping visit Moscow?",
    "Who is the director of national intelligence?",
)


def command(name: str) -> Command | None:
    """The registered command called `name`, or None."""
    return next((c for c in COMMANDS if c.name == name), None)
