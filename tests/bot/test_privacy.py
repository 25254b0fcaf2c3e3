"""What a user types is never kept or shown with a credential in it, nor with a user id.

Redaction happens once, in the core's input cleaning (`bot.text.clean`), so every door
gets it: answer texts, the question log on SQLite and PostgreSQL, feedback notes and
`envoy report` all see the same cleaned text.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.answers import Question
from bot.report import build_report, render
from bot.service import Envoy
from bot.storage import models as m
from bot.text import REDACTED, clean, normalise, redact_credentials

ROOT = Path(__file__).resolve().parents[2]

# Shaped like real credentials, valid for nothing (split so no scanner takes them for real).
SLACK_BOT = "xoxb-" + "123456789012-123456789012-abcdefghijklmnopqrstuvwx"
SLACK_USER = "xoxp-" + "1234567890-1234567890-1234567890-0123456789abcdef0123456789abcdef"
SLACK_APP = "xapp-" + "1-A01234ABCDE-1234567890123-0123456789abcdef0123456789abcdef"
SLACK_REFRESH = "xoxe.xoxp-" + "1-Mi0yLTEyMzQ1Njc4OTAxMi0xMjM0NTY3ODkwMTIz"
DISCORD = "MTIzNDU2Nzg5MDEyMzQ1Njc4" + ".GAbCdE." + "abcdefghijklmnopqrstuvwxyz0123456789AB"
HEX_SECRET = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
BASE64_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY+Zm9vYmFy=="
SECRETS = (SLACK_BOT, SLACK_USER, SLACK_APP, SLACK_REFRESH, DISCORD, HEX_SECRET, BASE64_SECRET)


def fragments(secret: str) -> list[str]:
    """Pieces of `secret` that must not survive anywhere, in any case."""
    body = secret.split("-", 1)[-1] if secret.startswith("x") else secret
    return [secret.casefold(), body[4:20].casefold()]


def assert_no_secret(text: str) -> None:
    folded = text.casefold()
    for secret in SECRETS:
        for piece in fragments(secret):
            assert piece not in folded, f"{piece!r} survived in {text[:300]!r}"


@pytest.mark.parametrize("secret", SECRETS)
def test_every_credential_shape_is_redacted(secret: str) -> None:
    for text in (secret, f"is {secret} mine?", f"token={secret}", f"“{secret}”"):
        assert_no_secret(clean(text))
        assert_no_secret(normalise(text))
    assert REDACTED in clean(f"check {secret} please")


def test_a_credential_split_by_invisible_characters_or_fullwidth_forms_is_redacted() -> None:
    hidden = SLACK_BOT[:10] + "\u200b" + SLACK_BOT[10:]
    fullwidth = "".join(chr(ord(c) + 0xFEE0) if c.isalnum() else c for c in SLACK_BOT)
    assert_no_secret(clean(hidden))
    assert_no_secret(clean(fullwidth))


def test_a_credential_at_the_length_limit_is_redacted_before_the_cut() -> None:
    text = "x " * 240 + SLACK_BOT
    assert_no_secret(clean(text))
    assert SLACK_BOT[:12] not in clean(text)


@pytest.mark.parametrize(
    "text",
    [
        "when did xi visit moscow?",
        "what did blinken say on 2023-06-10 about the 500-million-dollar package?",
        "https://www.nytimes.com/2023/06/10/us/politics/ukraine-russia-diplomacy.html",
        "what does CEPA stand for",
        "deadbeef",
        "1234567890123456789",
    ],
)
def test_ordinary_questions_are_left_alone(text: str) -> None:
    assert redact_credentials(text) == text


def _logged(envoy: Envoy) -> list[Any]:
    envoy.store.flush()
    with envoy.store.engine.connect() as connection:
        return list(connection.execute(select(m.QuestionLogRow)))


def test_a_credential_in_a_question_is_neither_shown_nor_stored_nor_reported(
    envoy_factory: Any,
) -> None:
    envoy = envoy_factory(ENVOY_RATE_LIMIT=0)
    answers = []
    for secret in SECRETS:
        for command in ("ask", "quotes", "about", "who-said", f"ask-{secret}"):
            answer = envoy.handle(Question(command, f"who is {secret} in crimea", "slack", "U1"))
            answers.append(answer)
            assert_no_secret(json.dumps(answer.to_dict(), ensure_ascii=False))
    assert envoy.feedback(
        answers[0].answer_id or "", False, platform="slack", asker="U1", note=f"leak {SLACK_BOT}"
    )
    assert envoy.report_problem(
        answers[1].answer_id or "", platform="slack", asker="U1", note=f"see {DISCORD}"
    )

    rows = _logged(envoy)
    assert len(rows) == len(answers)
    for row in rows:
        assert_no_secret(" ".join([row.command, row.text, *row.matched]))
    assert any(REDACTED in row.text for row in rows)
    with envoy.store.engine.connect() as connection:
        notes = [r.note for r in connection.execute(select(m.FeedbackRow))]
    assert len(notes) == 2
    for note in notes:
        assert_no_secret(note)
    report = build_report(envoy.store.engine, timedelta(days=1))
    for style in ("text", "csv", "json"):
        assert_no_secret(render(report, style))


def test_mentioned_user_ids_are_not_stored(envoy: Envoy) -> None:
    asked = [
        "<@U0PRIVACY2> who is the dni",  # a Slack mention token, as the core may receive it
        "@U0PRIVACY2 who is the dni",  # the label a Slack adapter turns <@U0PRIVACY2> into
        "who is the dni @W0PRIVACY3?",  # an Enterprise Grid user id
        "<@123456789012345678> who is the dni",  # Discord
        "<@!123456789012345679> who is the dni",
        "@123456789012345677 who is the dni",
    ]
    for text in asked:
        answer = envoy.handle(Question("ask", text, "slack", "U1"))
        assert answer.answered, text
    envoy.feedback(answer.answer_id or "", True, platform="slack", asker="U1", note="@U0PRIVACY2")
    stored = " ".join(row.text for row in _logged(envoy)).casefold()
    for user_id in ("u0privacy2", "w0privacy3", "123456789012345678", "12345678901234567"):
        assert user_id not in stored
    with envoy.store.engine.connect() as connection:
        notes = " ".join(r.note or "" for r in connection.execute(select(m.FeedbackRow)))
    assert "privacy2" not in notes.casefold()
    assert "who is the dni" in stored


def test_the_command_line_shows_and_reports_no_credential(tmp_path: Path) -> None:
    env = {**os.environ, "ENVOY_DATA_DIR": str(tmp_path), "ENVOY_HASH_KEY": "k"}
    env.pop("DATABASE_URL", None)

    def envoy(*args: str, stdin: str = "") -> str:
        result = subprocess.run(
            [sys.executable, "-m", "bot", *args],
            input=stdin,
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
            timeout=60,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout + result.stderr

    shown = envoy("ask", f"is {SLACK_BOT} a token?", "--json")
    shown += envoy("batch", stdin=json.dumps({"command": DISCORD, "text": HEX_SECRET}) + "\n")
    shown += envoy("report", "--format", "json") + envoy("report")
    assert_no_secret(shown)
    assert REDACTED in shown
