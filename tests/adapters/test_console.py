"""The console: commands with or without their slash, no rate limit for its one user,
quotations told apart from narration, and a clean screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.console import parse_line, render, welcome
from bot.answers import Answer, Citation
from tests.bot.test_cli import run


@pytest.mark.parametrize(
    ("line", "command", "text"),
    [
        ("quotes haines", "quotes", "haines"),
        ("/quotes haines", "quotes", "haines"),
        ("Quotes  Haines ", "quotes", "Haines"),
        ("who-said no limits", "who-said", "no limits"),
        ("about crimea", "about", "crimea"),
        ("ask who is the dni", "ask", "who is the dni"),
        ("help", "help", ""),
        ("Help?", "help", ""),
        ("sources", "sources", ""),
        ("/sources", "sources", ""),
        ("/", "help", ""),
        ("/nonsense now", "nonsense", "now"),
        ("help me with the sanctions", "ask", "help me with the sanctions"),
        ("sources say the talks failed", "ask", "sources say the talks failed"),
        ("quoting haines", "ask", "quoting haines"),
        ("who is the dni?", "ask", "who is the dni?"),
    ],
)
def test_a_line_is_a_command_with_or_without_its_slash(line: str, command: str, text: str) -> None:
    question = parse_line(line)
    assert question is not None
    assert (question.command, question.text, question.platform) == (command, text, "console")
    assert question.asker is None  # one local user: nothing to rate-limit or hash


def test_a_blank_line_is_nothing() -> None:
    assert parse_line("   ") is None


def test_the_chat_runs_a_command_typed_without_its_slash(tmp_path: Path) -> None:
    bare = run(["chat"], tmp_path, stdin="quotes haines\n")
    slashed = run(["chat"], tmp_path, stdin="/quotes haines\n")
    assert "Avril D. Haines: 4 quotations in the article." in bare.stdout
    assert bare.stdout == slashed.stdout


def test_the_console_user_is_not_rate_limited(tmp_path: Path) -> None:
    lines = "who is the dni\n" * 25
    result = run(["chat"], tmp_path, stdin=lines, ENVOY_RATE_LIMIT="20")
    assert result.stdout.count("Avril D. Haines is the director of national intelligence.") == 25
    assert "faster than I can answer" not in result.stdout


def test_quotations_and_narration_read_differently() -> None:
    answer = Answer(
        answered=True,
        text="What the article says about X:",
        command="about",
        citations=(
            Citation("we will not yield", 3, "A Title", speaker="Ana Roe"),
            Citation("the talks failed on Tuesday", 4, "A Title"),
        ),
    )
    lines = render(answer).splitlines()
    assert lines[1] == "  Quote, Ana Roe: “we will not yield”"
    assert lines[2] == "    paragraph 3, “A Title”"
    assert lines[3] == "  Narration: the talks failed on Tuesday"
    assert "“the talks failed" not in render(answer)


def test_the_welcome_counts_the_sources() -> None:
    assert "from one cited article." in welcome(1)
    assert "from 3 cited articles." in welcome(3)
