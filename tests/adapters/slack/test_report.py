"""Report a problem, end to end: the button on answers, the modal it opens, the submission
recorded for the editors' report, and the private thanks.

Every step drives the real bolt app against the fake Slack (signed HTTP, or Socket Mode
envelopes); the feedback rows are read back from the database and through `build_report`.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from adapters.slack import messages as say
from adapters.slack.app import SLASH_COMMANDS
from adapters.slack.render import (
    ACTION_HELPFUL,
    ACTION_REPORT,
    REPORT_BLOCK,
    REPORT_CALLBACK,
    REPORT_INPUT,
)
from bot.report import build_report
from bot.service import Envoy
from bot.storage.models import FeedbackRow
from bot.text import normalise
from tests.adapters.stand_ins import sibling
from tests.fakes.slack import (
    DEFAULT_BOT_USER_ID,
    DEFAULT_CHANNEL_ID,
    DEFAULT_USER_ID,
    RecordedCall,
    app_mention_event,
    block_actions_payload,
    modal_errors,
    view_submission_payload,
)

from .harness import Reply, RunningAdapter, assert_cannot_ping, buttons, texts

pytestmark = pytest.mark.timeout(60)

JSON = dict[str, Any]
QUESTIONS = {
    "/ask": "When did Xi Jinping visit Moscow?",
    "/who-said": "no limits",
    "/quotes": "blinken",
    "/about": "crimea",
    "/sources": "",
    "/help": "",
}
HOSTILE_NOTE = (
    "<!channel> <!here> <@U1> <@U2|boss> <!subteam^S2|@team> ＜!everyone＞ "
    "<http://evil.example|click> nul\x00here & < > the quote is wrong"
)


@dataclass(frozen=True)
class Opened:
    """A click on Report a problem: the answer, the click's response_url, the modal."""

    answer_id: str
    click_url: str | None
    click: JSON
    reply: Reply
    views_open: RecordedCall

    @property
    def view(self) -> JSON:
        """The modal as views.open answered it (id, hash, block ids), for submitting."""
        view = self.views_open.response["view"]
        assert isinstance(view, dict)
        return view


def _answer(adapter: RunningAdapter, text: str, command: str = "/ask") -> RecordedCall:
    _, url = adapter.command(command, text)
    call = adapter.slack.wait_for_response(url)
    assert call.ok, call.response
    return call


def _click_report(adapter: RunningAdapter, answer_id: str, *, response_url: bool = True) -> Opened:
    click_url = adapter.slack.response_url() if response_url else None
    click = block_actions_payload(
        ACTION_REPORT,
        answer_id,
        response_url=click_url,
        container={
            "type": "message",
            "message_ts": "1700000000.000300",
            "channel_id": DEFAULT_CHANNEL_ID,
            "is_ephemeral": True,
        },
    )
    reply = adapter.action(click)
    call = adapter.slack.wait_for(
        "views.open", lambda c: c.params["trigger_id"] == click["trigger_id"]
    )
    assert call.ok, call.response
    return Opened(answer_id, click_url, click, reply, call)


def _open_on_answer(adapter: RunningAdapter, question: str) -> Opened:
    answer = _answer(adapter, question)
    report = buttons(answer)[ACTION_REPORT]
    assert report["value"] == buttons(answer)[ACTION_HELPFUL]["value"]
    return _click_report(adapter, report["value"])


def _submit(adapter: RunningAdapter, opened: Opened, note: str | None, **fields: Any) -> Reply:
    values = {REPORT_INPUT: note} if note is not None else None
    return adapter.action(view_submission_payload(opened.view, values, **fields))


def _rows(envoy: Envoy, answer_id: str) -> list[tuple[str, bool, str, str | None, str | None]]:
    with envoy.store.engine.connect() as connection:
        rows = connection.execute(
            select(
                FeedbackRow.kind,
                FeedbackRow.helpful,
                FeedbackRow.platform,
                FeedbackRow.asker_hash,
                FeedbackRow.note,
            ).where(FeedbackRow.answer_id == answer_id)
        )
        return [(str(r[0]), bool(r[1]), str(r[2]), r[3], r[4]) for r in rows]


def _reported(envoy: Envoy, question: str) -> list[tuple[str, str | None]]:
    report = build_report(envoy.store.engine, timedelta(days=1))
    assert all(item.question != normalise(question) for item in report.not_helpful)
    return [(p.command, p.note) for p in report.problems if p.question == normalise(question)]


# -- the button -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", SLASH_COMMANDS)
def test_report_button_is_on_answers_but_not_on_help_or_sources(
    http: RunningAdapter, name: str
) -> None:
    call = _answer(http, QUESTIONS[name], command=name)

    controls = buttons(call)
    assert ACTION_HELPFUL in controls
    if name in ("/help", "/sources"):
        assert ACTION_REPORT not in controls
    else:
        report = controls[ACTION_REPORT]
        assert report["text"]["text"] == say.REPORT
        assert report["value"] == controls[ACTION_HELPFUL]["value"]
        assert "style" not in report
    control_block = next(b for b in call.blocks if b.get("block_id") == "envoy_controls")
    assert len(control_block["elements"]) <= 25
    http.slack.assert_no_violations()


def test_report_button_is_on_mention_answers_but_not_on_help(http: RunningAdapter) -> None:
    http.event(app_mention_event(f"<@{DEFAULT_BOT_USER_ID}> who said no limits?", ts="1.1"))
    http.event(app_mention_event(f"<@{DEFAULT_BOT_USER_ID}> help", ts="1.2"))
    http.idle()

    by_thread = {c.params["thread_ts"]: c for c in http.slack.calls("chat.postMessage")}
    assert ACTION_REPORT in buttons(by_thread["1.1"])
    assert ACTION_HELPFUL in buttons(by_thread["1.2"])
    assert ACTION_REPORT not in buttons(by_thread["1.2"])


# -- the modal ------------------------------------------------------------------------------


def test_clicking_report_opens_the_modal(http: RunningAdapter, envoy: Envoy) -> None:
    opened = _open_on_answer(http, "When did Xi Jinping visit Moscow? (modal)")

    assert (opened.reply.status, opened.reply.body) == (200, "")
    assert opened.reply.seconds < 1
    view = opened.views_open.params["view"]
    assert modal_errors(view) == []
    assert view["type"] == "modal"
    assert view["callback_id"] == REPORT_CALLBACK
    assert view["title"]["text"] == say.REPORT_TITLE
    assert len(view["submit"]["text"]) <= 24 and len(view["close"]["text"]) <= 24
    [note_block] = [b for b in view["blocks"] if b["type"] == "input"]
    assert note_block["block_id"] == REPORT_BLOCK
    assert note_block["optional"] is True
    element = note_block["element"]
    assert element["type"] == "plain_text_input"
    assert element["action_id"] == REPORT_INPUT
    assert element["multiline"] is True
    assert element["max_length"] == 500
    assert element["placeholder"]["text"] == say.REPORT_NOTE_PLACEHOLDER
    metadata = json.loads(view["private_metadata"])
    assert metadata["a"] == opened.answer_id
    assert len(view["private_metadata"]) <= 3000
    http.idle()
    assert http.slack.responses(opened.click_url) == []  # nothing said until it is sent
    assert _rows(envoy, opened.answer_id) == []
    http.slack.assert_no_violations()


# -- submitting -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("note", "stored"),
    [
        pytest.param(
            "The quote is from paragraph 12, not 9.\nAnd the date is wrong.",
            "The quote is from paragraph 12, not 9. And the date is wrong.",
            id="with-note",
        ),
        pytest.param(None, None, id="without-note"),
        pytest.param("   \n  ", None, id="blank-note"),
    ],
)
def test_submitting_records_one_problem_and_thanks_privately(
    http: RunningAdapter, envoy: Envoy, note: str | None, stored: str | None
) -> None:
    question = f"When did Xi Jinping visit Moscow? (report {note!r})"
    opened = _open_on_answer(http, question)

    reply = _submit(http, opened, note)

    assert (reply.status, reply.body) == (200, "")  # acked: the modal closes
    assert reply.seconds < 1
    thanks = http.slack.wait_for_response(opened.click_url)
    assert thanks.ok
    assert thanks.params["response_type"] == "ephemeral"
    assert thanks.params["replace_original"] is False
    assert thanks.text == say.REPORT_THANKS
    assert ("Your note" in texts(thanks)) is (stored is not None)
    assert_cannot_ping(thanks)
    http.idle()
    assert _rows(envoy, opened.answer_id) == [
        ("problem", False, "slack", envoy.hash_asker("slack", DEFAULT_USER_ID), stored)
    ]
    assert _reported(envoy, question) == [("ask", stored)]
    http.slack.assert_no_violations()


def test_report_over_socket_mode(socket_mode: RunningAdapter, envoy: Envoy) -> None:
    question = "who said no limits? (socket report)"
    opened = _open_on_answer(socket_mode, question)

    ack = _submit(socket_mode, opened, "wrong speaker")

    assert ack.seconds < 1
    assert socket_mode.slack.acks()[-1].payload is None
    thanks = socket_mode.slack.wait_for_response(opened.click_url)
    assert thanks.text == say.REPORT_THANKS
    socket_mode.idle()
    assert [r[0] for r in _rows(envoy, opened.answer_id)] == ["problem"]
    assert _reported(envoy, question) == [("ask", "wrong speaker")]


def test_report_on_an_unknown_answer_is_answered_kindly(http: RunningAdapter, envoy: Envoy) -> None:
    opened = _click_report(http, "f" * 32)

    _submit(http, opened, "where did it go?")

    reply = http.slack.wait_for_response(opened.click_url)
    assert reply.params["response_type"] == "ephemeral"
    assert reply.text == say.REPORT_UNKNOWN
    assert say.REPORT_THANKS not in texts(reply)
    http.idle()
    assert _rows(envoy, "f" * 32) == []


def test_hostile_note_is_stored_clean_and_echoed_inert(http: RunningAdapter, envoy: Envoy) -> None:
    assert len(HOSTILE_NOTE) <= 500
    opened = _open_on_answer(http, "When did Xi Jinping visit Moscow? (hostile note)")

    _submit(http, opened, HOSTILE_NOTE, user_name="<!channel>")

    thanks = http.slack.wait_for_response(opened.click_url)
    assert_cannot_ping(thanks)
    shown = texts(thanks)
    assert "@channel" in shown and "@everyone" in shown and "&lt;" in shown
    http.idle()
    [(kind, _, _, _, note)] = _rows(envoy, opened.answer_id)
    assert kind == "problem"
    assert note is not None
    assert "\x00" not in note
    assert not re.search(r"<[@#!]", note), note
    assert "＜" not in note
    assert "the quote is wrong" in note  # the core drops @channel and its kin from notes
    http.slack.assert_no_violations()


# -- where the thanks goes, and when things go wrong -----------------------------------------


def test_report_without_response_url_is_thanked_in_the_channel(
    http: RunningAdapter, envoy: Envoy
) -> None:
    answer_id = buttons(_answer(http, "who is Blinken? (report in channel)"))[ACTION_REPORT][
        "value"
    ]
    opened = _click_report(http, answer_id, response_url=False)
    assert "u" not in json.loads(opened.view["private_metadata"])

    _submit(http, opened, None)

    thanks = http.slack.wait_for("chat.postEphemeral")
    assert thanks.ok
    assert (thanks.params["channel"], thanks.params["user"]) == (
        DEFAULT_CHANNEL_ID,
        DEFAULT_USER_ID,
    )
    assert thanks.text == say.REPORT_THANKS
    http.idle()
    assert len(_rows(envoy, answer_id)) == 1


def test_expired_click_url_falls_back_to_an_ephemeral_message(
    http: RunningAdapter, envoy: Envoy
) -> None:
    opened = _open_on_answer(http, "who is Blinken? (slow reporter)")
    http.slack.advance(31 * 60)  # the user kept the modal open past the response_url's life

    _submit(http, opened, "late")

    thanks = http.slack.wait_for("chat.postEphemeral")
    assert thanks.text == say.REPORT_THANKS
    assert http.slack.responses(opened.click_url)[0].error == "expired_url"
    http.idle()
    assert len(_rows(envoy, opened.answer_id)) == 1


class _SlowReports(Envoy):
    delay = 2.0

    def report_problem(self, answer_id: str, **options: Any) -> bool:
        time.sleep(self.delay)
        return super().report_problem(answer_id, **options)


class _BrokenReports(Envoy):
    def report_problem(self, answer_id: str, **options: Any) -> bool:
        raise RuntimeError("the store broke: xoxb-should-never-show")


def test_slow_report_is_still_acked_at_once(
    start_adapter: Callable[..., RunningAdapter], envoy: Envoy
) -> None:
    adapter = start_adapter(sibling(envoy, _SlowReports))
    opened = _open_on_answer(adapter, "who is Blinken? (slow report)")

    started = time.monotonic()
    reply = _submit(adapter, opened, "slow")

    assert (reply.status, reply.seconds < 1) == (200, True)
    assert adapter.slack.responses(opened.click_url) == []
    thanks = adapter.slack.wait_for_response(opened.click_url)
    assert thanks.text == say.REPORT_THANKS
    assert time.monotonic() - started >= _SlowReports.delay


def test_failed_report_is_apologised_through_the_click(
    start_adapter: Callable[..., RunningAdapter], envoy: Envoy
) -> None:
    adapter = start_adapter(sibling(envoy, _BrokenReports))
    opened = _open_on_answer(adapter, "who is Blinken? (broken report)")

    reply = _submit(adapter, opened, "anything")

    assert reply.status == 200
    apology = adapter.slack.wait_for_response(opened.click_url)
    assert re.search(r"\(reference [0-9a-f]{8}\)", apology.text or ""), apology.text
    assert "xoxb" not in texts(apology) and "RuntimeError" not in texts(apology)
    assert apology.params["response_type"] == "ephemeral"
