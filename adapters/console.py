"""The local adapter: renders answers for a terminal and runs the interactive chat.

The chat has one local user, so it is not rate-limited. A line is a question, or a
command with or without its slash: "/quotes haines" and "quotes haines" run the same
command, as `/help` lists them. In citations a quotation (someone's words, with the
speaker) reads differently from the article's own narration.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from typing import TextIO

from bot import messages
from bot.answers import Answer, Citation, Question
from bot.commands import COMMANDS
from bot.service import Envoy

PROMPT = "envoy> "
PLATFORM = "console"
_BOLD, _DIM, _CYAN, _RESET = "\033[1m", "\033[2m", "\033[36m", "\033[0m"
_TAKES_TEXT = frozenset(c.name for c in COMMANDS if c.option)
_STANDS_ALONE = frozenset(c.name for c in COMMANDS if not c.option)
_QUIT = frozenset({"/quit", "/exit", "quit", "exit"})


def welcome(sources: int) -> str:
    """The first lines of the chat, for a knowledge base of `sources` sources."""
    where = (
        messages.CONSOLE_ONE_SOURCE
        if sources == 1
        else messages.CONSOLE_SOURCES.format(count=sources)
    )
    return messages.CONSOLE_WELCOME.format(sources=where)


def render(answer: Answer, *, color: bool = False) -> str:
    """An answer as plain terminal text: the answer, its citations, or suggestions."""

    def style(code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if color else text

    lines = [style(_BOLD, answer.text) if answer.answered else answer.text]
    if answer.speaker and answer.command == "who-said":
        lines.append(style(_CYAN, "  " + messages.CONSOLE_SPEAKER.format(speaker=answer.speaker)))
    for citation in answer.citations:
        lines.append("  " + _cited(citation, name_speaker=answer.command != "who-said"))
        where = messages.CONSOLE_WHERE.format(paragraph=citation.paragraph, source=citation.source)
        lines.append(style(_DIM, "    " + where))
    if answer.suggestions:
        lines.append(messages.NEAREST)
        lines.extend(f"  • {s}" for s in answer.suggestions)
    return "\n".join(lines)


def _cited(citation: Citation, *, name_speaker: bool) -> str:
    """A quotation in quotation marks with its speaker; narration marked as such."""
    if citation.speaker is None:
        return messages.CONSOLE_NARRATION.format(text=citation.quote)
    if name_speaker:
        return messages.CONSOLE_QUOTE.format(speaker=citation.speaker, quote=citation.quote)
    return messages.CONSOLE_QUOTE_ALONE.format(quote=citation.quote)


def parse_line(line: str) -> Question | None:
    """A chat line as a question; None for a blank line.

    "/quotes blinken" and "quotes blinken" run `quotes`; "help" and "sources" run
    alone only as the whole line ("help me with the sanctions" is a question); any
    other "/word" is answered as an unknown command; the rest goes to `ask`."""
    text = line.strip()
    if not text:
        return None
    slash = text.startswith("/")
    name, _, rest = text.removeprefix("/").partition(" ")
    name, rest = name.lower(), rest.strip()
    if slash:
        return Question(command=name or "help", text=rest, platform=PLATFORM)
    bare = name.rstrip("?!.")
    if name in _TAKES_TEXT or (bare in _STANDS_ALONE and not rest):
        return Question(command=name if name in _TAKES_TEXT else bare, text=rest, platform=PLATFORM)
    return Question(command="ask", text=text, platform=PLATFORM)


def run_chat(
    envoy: Envoy,
    *,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
    read: Callable[[str], str] | None = None,
) -> int:
    """Answer lines until end of input or /quit. Returns an exit status."""
    interactive = stdin.isatty() and stdout.isatty()
    color = interactive
    if interactive and read is None:
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401, PLC0415  (line editing and history)
        read = input
    print(welcome(len(envoy.kb.sources)), file=stdout)
    while True:
        try:
            line = read(PROMPT) if read is not None else stdin.readline()
        except (EOFError, KeyboardInterrupt):
            print(file=stdout)
            return 0
        if read is None and line == "":
            return 0
        if line.strip().lower() in _QUIT:
            return 0
        question = parse_line(line)
        if question is None:
            continue
        # No asker: the console's one local user is not rate-limited (nor hashed).
        answer = envoy.handle(question)
        print(render(answer, color=color) + "\n", file=stdout, flush=True)
