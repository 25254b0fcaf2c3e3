"""The editor's loop on Discord: "Report a problem" under an answer opens a form (a modal);
submitting it records a problem report against the answer, which `python -m bot report` lists.

Real discord.py client against the local fake; assertions on the wire payloads and on the
rows a real Envoy wrote. The conftest checks at teardown that Discord refused nothing and that
every message carried ``allowed_mentions: {"parse": []}``.
"""

from __future__ import annotations

import itertools
import time
import unicodedata
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from adapters.discord import render
from bot.report import NotHelpful, build_report
from bot.service import Envoy
from bot.storage.models import FEEDBACK_PROBLEM, FeedbackRow
from bot.text import clean, strip_mentions
from tests.adapters.stand_ins import BrokenEnvoy, sibling
from tests.fakes.discord_fake import (
    BOT_ID,
    DM_CHANNEL_ID,
    OTHER_USER,
    TEXT_CHANNEL_ID,
    USER_ID,
    FakeDiscord,
    message_create,
)

from .conftest import Bot, Launch, envoy_settings
from .helpers import (
    EPHEMERAL,
    JSON,
    answer_id,
    assert_inert,
    click,
    command,
    complete,
    logged_question,
    report_button,
    sent_message,
    submit,
)

pytestmark = pytest.mark.timeout(60)

_QUESTIONS = itertools.count(1)


def ask_fresh(fake: FakeDiscord, **kw: Any) -> tuple[JSON, JSON, str]:
    """Ask a question no other test asks (so the report lists its problems alone):
    (the answer's body, the message it created, its answer id)."""
    question = f"When did Xi Jinping visit Moscow? report case {next(_QUESTIONS)} {time.time_ns()}"
    callback = command(fake, "ask", {"question": question}, **kw)
    assert callback.body["type"] == 4
    return callback.data, sent_message(callback), answer_id(callback.data)


def problem_rows(envoy: Envoy, answer: str) -> list[Any]:
    """The problem reports recorded against `answer`, read back with SQLAlchemy."""
    with envoy.store.engine.connect() as connection:
        return list(
            connection.execute(
                select(FeedbackRow).where(
                    FeedbackRow.answer_id == answer, FeedbackRow.kind == FEEDBACK_PROBLEM
                )
            )
        )


def reported(envoy: Envoy, answer: str) -> list[NotHelpful]:
    """The editors' report's problems about `answer`'s question."""
    question = logged_question(envoy, answer).text
    problems = build_report(envoy.store.engine, timedelta(days=1)).problems
    return [p for p in problems if p.question == question]


def open_form(fake: FakeDiscord, body: JSON, message: JSON) -> JSON:
    """Click "Report a problem" on an answer; the modal the adapter answered with."""
    button = report_button(body)
    assert button is not None
    opened = click(fake, button["custom_id"], message=message)
    assert opened.status == 200, opened.response
    assert opened.body["type"] == 9
    modal: JSON = opened.data
    return modal


# -- the button --------------------------------------------------------------------------------


def test_every_answer_but_help_and_sources_has_the_button(bot: Bot) -> None:
    body, _, answer = ask_fresh(bot.fake)
    button = report_button(body)
    assert button is not None
    assert button["custom_id"] == f"envoy:problem:{answer}"
    assert len(button["custom_id"]) <= 100
    assert button["label"] == render.REPORT_PROBLEM
    assert len(button["label"]) <= 80
    rows = body["components"]
    assert len(rows) <= 5 and all(len(row["components"]) <= 5 for row in rows)
    [row] = [r for r in rows if button in r["components"]]
    labels = [b["label"] for b in row["components"]]
    assert labels == [render.HELPFUL, render.NOT_HELPFUL, render.REPORT_PROBLEM]

    declined = command(bot.fake, "ask", {"question": "What is the weather in Paris today?"})
    assert report_button(declined.data) is not None  # a decline can be reported too
    assert all(len(r["components"]) <= 5 for r in declined.data["components"])

    for name in ("help", "sources"):
        assert report_button(command(bot.fake, name).data) is None


def test_answers_to_dms_and_mentions_have_the_button(bot: Bot) -> None:
    bot.fake.dispatch("MESSAGE_CREATE", message_create("who said no limits?", dm=True))
    dm = bot.fake.wait_request("POST", rf"^/channels/{DM_CHANNEL_ID}/messages$")
    assert report_button(dm.body) is not None
    mention = message_create(f"<@{BOT_ID}> who said no limits?", mentions=[BOT_ID])
    bot.fake.dispatch("MESSAGE_CREATE", mention)
    reply = bot.fake.wait_request("POST", rf"^/channels/{TEXT_CHANNEL_ID}/messages$")
    assert report_button(reply.body) is not None


# -- the form ----------------------------------------------------------------------------------


def test_the_button_opens_the_form(bot: Bot) -> None:
    body, message, answer = ask_fresh(bot.fake)
    modal = open_form(bot.fake, body, message)
    assert modal["custom_id"] == f"envoy:report:{answer}"
    assert len(modal["custom_id"]) <= 100
    assert modal["title"] == render.REPORT_TITLE
    assert 1 <= len(modal["title"]) <= 45
    [row] = modal["components"]
    assert row["type"] == 1
    [note] = row["components"]
    assert note["type"] == 4
    assert note["style"] == 2  # a paragraph
    assert note["custom_id"] == render.NOTE_INPUT
    assert note["label"] == render.REPORT_NOTE_LABEL
    assert 1 <= len(note["label"]) <= 45
    assert note["required"] is False
    assert note["max_length"] == 500
    assert len(note.get("placeholder") or "") <= 100
    assert problem_rows(bot.envoy, answer) == []  # opening the form records nothing
    views = bot.client._connection._view_store
    assert views._modals == {}  # nothing kept per user: the submission is read by custom_id


@pytest.mark.parametrize(
    ("note", "stored"),
    [
        ("The date is wrong: the visit was in March, not May.", None),
        (None, None),
        ("   \n  ", None),
    ],
    ids=["with a note", "without a note", "blank note"],
)
def test_submitting_the_form_records_one_problem_report(
    bot: Bot, note: str | None, stored: str | None
) -> None:
    fake, envoy = bot.fake, bot.envoy
    body, message, answer = ask_fresh(fake)
    modal = open_form(fake, body, message)
    thanks = submit(fake, modal["custom_id"], note, message=message)
    assert thanks.status == 200
    assert thanks.body["type"] == 4
    assert thanks.data["flags"] & EPHEMERAL
    assert thanks.data["content"] == render.notice(render.REPORT_THANKS)
    assert thanks.data["allowed_mentions"] == {"parse": []}
    assert not thanks.data.get("embeds") and not thanks.data.get("components")

    expected = (note or "").strip() or None
    [row] = problem_rows(envoy, answer)
    assert row.kind == FEEDBACK_PROBLEM
    assert row.helpful is False
    assert row.note == expected
    assert row.platform == "discord"
    assert row.asker_hash == envoy.hash_asker("discord", str(USER_ID))
    assert [r.kind for r in _all_feedback(envoy, answer)] == [FEEDBACK_PROBLEM]

    [listed] = reported(envoy, answer)
    assert listed.note == expected
    assert listed.command == "ask"


def test_a_form_submitted_as_labels_is_read_too(bot: Bot) -> None:
    body, message, answer = ask_fresh(bot.fake)
    modal = open_form(bot.fake, body, message)
    submit(bot.fake, modal["custom_id"], "Wrong speaker.", labels=True, message=message)
    assert [r.note for r in problem_rows(bot.envoy, answer)] == ["Wrong speaker."]


def test_reports_by_two_users_are_two_rows(bot: Bot) -> None:
    body, message, answer = ask_fresh(bot.fake)
    modal = open_form(bot.fake, body, message)
    submit(bot.fake, modal["custom_id"], "first", message=message)
    submit(bot.fake, modal["custom_id"], "second", message=message, user=OTHER_USER)
    rows = problem_rows(bot.envoy, answer)
    assert sorted(r.note for r in rows) == ["first", "second"]
    assert len({r.asker_hash for r in rows}) == 2
    assert sorted(p.note or "" for p in reported(bot.envoy, answer)) == ["first", "second"]


def test_a_report_on_a_private_answer_is_private_too(bot: Bot) -> None:
    body, message, answer = ask_fresh(bot.fake, dm=True)
    modal = open_form(bot.fake, body, message)
    thanks = submit(bot.fake, modal["custom_id"], "dm note", message=message, dm=True)
    assert thanks.data["flags"] & EPHEMERAL
    assert [r.note for r in problem_rows(bot.envoy, answer)] == ["dm note"]


def test_an_unknown_answer_gets_a_kind_message(bot: Bot) -> None:
    unknown = "0" * 32
    opened = click(bot.fake, render.problem_custom_id(unknown))
    assert opened.body["type"] == 9
    reply = submit(bot.fake, opened.data["custom_id"], "anything")
    assert reply.status == 200
    assert reply.data["flags"] & EPHEMERAL
    assert reply.data["content"] == render.notice(render.REPORT_UNKNOWN)
    assert len(reply.data["content"]) <= 120
    assert _all_feedback(bot.envoy, unknown) == []


def test_a_form_this_version_does_not_know_is_answered(bot: Bot) -> None:
    for custom_id in ("legacy:form:1", "envoy:report:not-an-answer-id"):
        reply = submit(bot.fake, custom_id, "x")
        assert reply.body["type"] == 4
        assert reply.data["flags"] & EPHEMERAL
        assert reply.data["content"] == render.notice(render.STALE_BUTTON)


HOSTILE_NOTES = [
    "@everyone the date is wrong @here",
    "<@&1180000000000000110> <@1180000000000000201> <#1180000000000000102> wrong",
    "＠ｅｖｅｒｙｏｎｅ fullwidth",
    "```\n@everyone\n``` [click](https://evil.example) **bold** # heading",
    "\u202eesrever\u0000\u0007 \u200b\u2060hidden\u200f\nnew line\r\ttab",
    "x" * 500,
]


def test_hostile_notes_are_stored_cleaned_and_never_echoed(bot: Bot) -> None:
    fake, envoy = bot.fake, bot.envoy
    for hostile in HOSTILE_NOTES:
        body, message, answer = ask_fresh(fake)
        modal = open_form(fake, body, message)
        reply = submit(fake, modal["custom_id"], hostile, message=message)
        assert reply.status == 200
        assert reply.data["content"] == render.notice(render.REPORT_THANKS)
        assert reply.data["allowed_mentions"] == {"parse": []}
        assert_inert(reply.data)
        [row] = problem_rows(envoy, answer)
        assert row.note == (strip_mentions(clean(hostile)) or None)
        assert len(row.note or "") <= 500
        assert not [c for c in row.note or "" if unicodedata.category(c) in ("Cc", "Cf")]
    # Nothing Envoy sent in this test carries a note's words.
    for request in fake.requests("POST"):
        text = str(request.body)
        for marker in ("esrever", "evil.example", "fullwidth", "x" * 50):
            assert marker not in text, request.path


def test_a_note_past_the_limit_is_cut(bot: Bot) -> None:
    body, message, answer = ask_fresh(bot.fake)
    modal = open_form(bot.fake, body, message)
    submit(bot.fake, modal["custom_id"], "word " * 900, message=message)  # past Discord's 4000
    [row] = problem_rows(bot.envoy, answer)
    assert 0 < len(row.note) <= 500


# -- restarts, slow and failing cores --------------------------------------------------------


def test_the_button_and_the_form_work_after_a_restart(
    launch: Launch, fake: FakeDiscord, envoy_data: object
) -> None:
    first = launch()
    body, message, answer = ask_fresh(fake)
    opened_before = open_form(fake, body, message)  # the form is open when the bot restarts
    first.stop()

    restarted_envoy = Envoy.start(envoy_settings(envoy_data))  # type: ignore[arg-type]
    try:
        second = launch(restarted_envoy)
        assert second.client is not first.client
        thanks = submit(fake, opened_before["custom_id"], "submitted after", message=message)
        assert thanks.data["content"] == render.notice(render.REPORT_THANKS)
        opened_after = open_form(fake, body, message)
        assert opened_after == opened_before
        submit(fake, opened_after["custom_id"], "", message=message, user=OTHER_USER)
        notes = sorted(r.note or "" for r in problem_rows(restarted_envoy, answer))
        assert notes == ["", "submitted after"]
        assert len(reported(restarted_envoy, answer)) == 2
        second.stop()
    finally:
        restarted_envoy.close()


class SlowReports(Envoy):
    """A real Envoy whose problem reports take 2 s, like a stalled database."""

    def report_problem(
        self, answer_id: str, *, platform: str, asker: str | None, note: str | None = None
    ) -> bool:
        time.sleep(2.0)
        return super().report_problem(answer_id, platform=platform, asker=asker, note=note)


class BrokenReports(BrokenEnvoy):
    def report_problem(
        self, answer_id: str, *, platform: str, asker: str | None, note: str | None = None
    ) -> bool:
        raise RuntimeError("reporting broke")


def test_a_slow_report_is_deferred_off_the_event_loop(launch: Launch, discord_envoy: Envoy) -> None:
    bot = launch(sibling(discord_envoy, SlowReports))
    fake = bot.fake
    body, message, answer = ask_fresh(fake)
    modal = open_form(fake, body, message)
    started = time.monotonic()
    deferred = submit(fake, modal["custom_id"], "slow", message=message)
    assert deferred.body["type"] == 5
    assert deferred.body["data"]["flags"] & EPHEMERAL
    assert deferred.time - started < 2.5
    assert complete(fake, "about", "subject", "crim")  # the gateway loop is free meanwhile
    followup = fake.wait_request("POST", r"^/webhooks/\d+/[^/]+$")
    assert followup.body["content"] == render.notice(render.REPORT_THANKS)
    assert followup.body["flags"] & EPHEMERAL
    assert [r.note for r in problem_rows(discord_envoy, answer)] == ["slow"]


def test_a_failing_report_gets_an_apology(launch: Launch, discord_envoy: Envoy) -> None:
    fake = launch(sibling(discord_envoy, BrokenReports)).fake
    opened = click(fake, render.problem_custom_id("1" * 32))
    reply = submit(fake, opened.data["custom_id"], "x")
    assert reply.data["flags"] & EPHEMERAL
    assert reply.data["content"] != render.notice(render.REPORT_THANKS)
    assert "reference" in reply.data["content"]


def _all_feedback(envoy: Envoy, answer: str) -> list[Any]:
    with envoy.store.engine.connect() as connection:
        return list(connection.execute(select(FeedbackRow).where(FeedbackRow.answer_id == answer)))
