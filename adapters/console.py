"""The local adapter: renders answers for a terminal and runs the interactive chat."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from typing import TextIO

from bot import messages
from bot.answers import Answer, Question
from bot.commands import COMMAND_NAMES
from bot.service import Envoy

PROMPT = "envoy> "
_BOLD, _DIM, _CYAN, _RESET = "\033[1m", "\033[2m", "\033[36m", "\033[0m"
WELCOME = (
    "Envoy: ask about the diplomacy around the war in Ukraine, from one cited article.\n"
    "Type a question, or /who-said, /quotes, /about, /sources, /help. "
    "Ctrl-D or /quit leaves."
)


def render(answer: Answer, *, color: bool = False) -> str:
    """An answer as plain terminal text: the answer, its citations, or suggestions."""

    def style(code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if color else text

    lines = [style(_BOLD, answer.text) if answer.answered else answer.text]
    for citation in answer.citations:
        who = f" — {citation.speaker}" if citation.speaker and answer.command != "who-said" else ""
        lines.append(f"  “{citation.quote}”{who}")
        lines.append(style(_DIM, f"    paragraph {citation.paragraph}, “{citation.source}”"))
    if answer.speaker and answer.command == "who-said":
        lines.insert(1, style(_CYAN, f"  Speaker: {answer.speaker}"))
    if answer.suggestions:
        lines.append(messages.NEAREST)
        lines.extend(f"  • {s}" for s in answer.suggestions)
    return "\n".join(lines)


def parse_line(line: str) -> Question | None:
    """A chat line as a question: "/quotes blinken" or free text; None for a blank line."""
    text = line.strip()
    if not text:
        return None
    if text.startswith("/"):
        name, _, rest = text[1:].partition(" ")
        if name.lower() in COMMAND_NAMES:
            return Question(command=name.lower(), text=rest.strip(), platform="console")
        return Question(command=name.lower() or "help", text=rest.strip(), platform="console")
    return Question(command="ask", text=text, platform="console")


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
    print(WELCOME, file=stdout)
    asker = "console"
    while True:
        try:
            line = read(PROMPT) if read is not None else stdin.readline()
        except (EOFError, KeyboardInterrupt):
            print(file=stdout)
            return 0
        if read is None and line == "":
            return 0
        if line.strip().lower() in {"/quit", "/exit", "quit", "exit"}:
            return 0
        question = parse_line(line)
        if question is None:
            continue
        answer = envoy.handle(Question(question.command, question.text, "console", asker))
        print(render(answer, color=color) + "\n", file=stdout, flush=True)
