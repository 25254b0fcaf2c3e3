"""The real bolt app in HTTP mode, end to end against the fake Slack.

Requests are signed and form-encoded (slash commands, buttons) or JSON (events) exactly as
Slack sends them; every assertion is on what the fake received.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable

import pytest
from sqlalchemy import select

from adapters.slack.app import SLASH_COMMANDS
from adapters.slack.render import ACTION_HELPFUL, ACTION_NOT_HELPFUL, ACTION_SHARE, SUGGEST_ACTION
from bot import messages as core_messages
from bot.service import Envoy
from bot.storage import models
from tests.adapters.stand_ins import BrokenEnvoy, SlowEnvoy, sibling
from tests.fakes.slack import (
    DEFAULT_BOT_USER_ID,
    DEFAULT_CHANNEL_ID,
    DEFAULT_DM_CHANNEL_ID,
    DEFAULT_USER_ID,
    FakeSlack,
    RecordedCall,
    app_home_opened_event,
    app_mention_event,
    block_actions_payload,
    form_body,
    message_event,
    slash_command_form,
    ssl_check_form,
)

from .harness import ANSWER_ID, RunningAdapter, assert_cannot_ping, buttons, first_section, texts

pytestmark = pytest.mark.timeout(60)

HOSTILE = (
    "<!channel> <!here> <@U1> <@U2|boss> <!subteam^S1> <!subteam^S2|@team> ＜!channel＞ "
    "＜!here＞ <http://evil.example|click> <#C1|general> & < > crimea"
)
QUESTIONS = {
    "/ask": "When did Xi Jinping visit Moscow?",
    "/who-said": "no limits",
    "/quotes": "blinken",
    "/about": "crimea",
    "/sources": "",
    "/help": "",
}


def answer_of(slack: FakeSlack, url: str) -> RecordedCall:
    call = slack.wait_for_response(url)
    assert call.ok, call.response
    return call


def _mention_text(text: str) -> str:
    return f"<@{DEFAULT_BOT_USER_ID}> {text}"


# -- slash commands ----------------------------------------------------------------------


@pytest.mark.parametrize("name", SLASH_COMMANDS)
def test_each_command_is_acked_then_answered_privately(http: RunningAdapter, name: str) -> None:
    reply, url = http.command(name, QUESTIONS[name])

    assert (reply.status, reply.body) == (200, "")
    assert reply.seconds < 1
    call = answer_of(http.slack, url)
    assert call.params["response_type"] == "ephemeral"
    assert call.text
    assert call.blocks[0]["type"] == "context"
    assert call.blocks[0]["elements"][0]["text"].startswith(name)
    controls = buttons(call)
    assert ANSWER_ID.match(controls[ACTION_HELPFUL]["value"])
    assert controls[ACTION_NOT_HELPFUL]["value"] == controls[ACTION_HELPFUL]["value"]
    assert ACTION_SHARE in controls
    assert_cannot_ping(call)
    http.slack.assert_no_violations()


@pytest.mark.parametrize("name", ["/ask", "/who-said", "/quotes", "/about"])
def test_answers_cite_quotes_with_speaker_paragraph_and_source(
    http: RunningAdapter, envoy: Envoy, name: str
) -> None:
    _, url = http.command(name, QUESTIONS[name])

    call = answer_of(http.slack, url)
    quotes = [b for b in call.blocks if b["type"] == "section" and b["text"]["text"][:2] == ">“"]
    assert quotes, texts(call)
    assert all(re.search(r"\n— (.+, )?paragraph \d+$", q["text"]["text"]) for q in quotes)
    title = envoy.overview().sources[0].title
    contexts = [b for b in call.blocks if b["type"] == "context"]
    assert any(f"From “{title}”" in e["text"] for c in contexts for e in c["elements"])


@pytest.mark.parametrize("name", ["/ask", "/who-said", "/quotes", "/about"])
@pytest.mark.parametrize("text", ["  ", "\u200b\u200b", "\u2060 \ufeff\u200d"])
def test_empty_text_gets_usage_help_not_an_error(
    http: RunningAdapter, name: str, text: str
) -> None:
    reply, url = http.command(name, text)

    assert reply.status == 200
    call = answer_of(http.slack, url)
    shown = texts(call)
    assert f"Usage: `{name} &lt;" in shown
    assert "reference" not in shown
    assert any(SUGGEST_ACTION.match(a) for a in buttons(call))


def test_decline_suggestions_are_buttons_that_ask_them(http: RunningAdapter) -> None:
    _, url = http.command("/ask", "what will the weather be on Mars next year?")
    declined = answer_of(http.slack, url)
    suggestion = next(b for a, b in buttons(declined).items() if SUGGEST_ACTION.match(a))
    click_url = http.slack.response_url()
    payload = block_actions_payload(
        suggestion["action_id"],
        suggestion["value"],
        response_url=click_url,
        container={
            "type": "message",
            "message_ts": "1700000000.000100",
            "channel_id": DEFAULT_CHANNEL_ID,
            "is_ephemeral": True,
        },
    )

    reply = http.action(payload)

    assert (reply.status, reply.seconds < 1) == (200, True)
    answered = answer_of(http.slack, click_url)
    assert answered.params["response_type"] == "ephemeral"
    assert answered.params["replace_original"] is False
    assert ACTION_SHARE in buttons(answered)
    assert first_section(answered) != first_section(declined)
    http.slack.assert_no_violations()


def test_suggestion_under_a_public_answer_is_answered_in_its_thread(http: RunningAdapter) -> None:
    http.event(app_mention_event(_mention_text("weather on Mars?"), ts="1700000001.000100"))
    declined = http.slack.wait_for("chat.postMessage")
    suggestion = next(b for a, b in buttons(declined).items() if SUGGEST_ACTION.match(a))
    payload = block_actions_payload(
        suggestion["action_id"], suggestion["value"], message_ts=declined.response["ts"]
    )
    payload["message"]["thread_ts"] = "1700000001.000100"

    http.action(payload)

    http.idle()
    posts = http.slack.calls("chat.postMessage")
    assert len(posts) == 2
    assert posts[1].params["thread_ts"] == "1700000001.000100"
    assert "Asked by tester" in texts(posts[1])


def test_post_to_channel_shares_the_same_answer_publicly(http: RunningAdapter) -> None:
    _, url = http.command("/who-said", "no limits")
    private = answer_of(http.slack, url)
    share = buttons(private)[ACTION_SHARE]
    click_url = http.slack.response_url()
    payload = block_actions_payload(
        ACTION_SHARE,
        share["value"],
        response_url=click_url,
        user_name="ann",
        container={
            "type": "message",
            "message_ts": "1700000000.000200",
            "channel_id": DEFAULT_CHANNEL_ID,
            "is_ephemeral": True,
        },
    )

    reply = http.action(payload)

    assert reply.status == 200
    public = http.slack.wait_for_response(click_url, lambda r: "response_type" in r.params)
    assert public.params["response_type"] == "in_channel"
    assert public.params["replace_original"] is False
    assert first_section(public) == first_section(private)
    assert public.blocks[0]["elements"][0]["text"] == "Shared by ann · /who-said no limits"
    assert public.text.startswith("Shared by ann: ")
    assert ACTION_SHARE not in buttons(public)
    assert ACTION_HELPFUL in buttons(public)
    assert_cannot_ping(public)
    removed = http.slack.wait_for_response(click_url, lambda r: "delete_original" in r.params)
    assert removed.params == {"delete_original": True}


def _feedback_rows(envoy: Envoy, answer_id: str) -> list[tuple[bool, str, str | None]]:
    with envoy.store.engine.connect() as connection:
        rows = connection.execute(
            select(
                models.FeedbackRow.helpful,
                models.FeedbackRow.platform,
                models.FeedbackRow.asker_hash,
            ).where(models.FeedbackRow.answer_id == answer_id)
        )
        return [(bool(r[0]), str(r[1]), r[2]) for r in rows]


def test_feedback_is_recorded_against_that_answer(http: RunningAdapter, envoy: Envoy) -> None:
    _, url = http.command("/ask", QUESTIONS["/ask"])
    answer_id = buttons(answer_of(http.slack, url))[ACTION_HELPFUL]["value"]
    helpful_url, unhelpful_url = http.slack.response_url(), http.slack.response_url()

    http.action(block_actions_payload(ACTION_HELPFUL, answer_id, response_url=helpful_url))
    http.action(
        block_actions_payload(
            ACTION_NOT_HELPFUL, answer_id, user_id="U0OTHER01", response_url=unhelpful_url
        )
    )

    for click in (helpful_url, unhelpful_url):
        thanks = answer_of(http.slack, click)
        assert thanks.text == core_messages.FEEDBACK_THANKS.replace("&", "&amp;")
        assert thanks.params["response_type"] == "ephemeral"
        assert thanks.params["replace_original"] is False
    http.idle()
    assert sorted(_feedback_rows(envoy, answer_id)) == sorted(
        [
            (True, "slack", envoy.hash_asker("slack", DEFAULT_USER_ID)),
            (False, "slack", envoy.hash_asker("slack", "U0OTHER01")),
        ]
    )


def test_feedback_on_an_unknown_answer_is_answered_kindly(http: RunningAdapter) -> None:
    url = http.slack.response_url()

    http.action(block_actions_payload(ACTION_HELPFUL, "f" * 32, response_url=url))

    assert answer_of(http.slack, url).text == core_messages.FEEDBACK_UNKNOWN


# -- mentions and DMs ----------------------------------------------------------------------


def test_mention_is_answered_in_its_thread(http: RunningAdapter) -> None:
    event = app_mention_event(_mention_text(QUESTIONS["/ask"]), ts="1700000002.000100")

    reply, _ = http.event(event)

    assert (reply.status, reply.seconds < 1) == (200, True)
    call = http.slack.wait_for("chat.postMessage")
    assert call.ok
    assert call.params["channel"] == DEFAULT_CHANNEL_ID
    assert call.params["thread_ts"] == "1700000002.000100"
    assert "Moscow" in first_section(call)
    assert ACTION_HELPFUL in buttons(call)
    assert ACTION_SHARE not in buttons(call)
    assert_cannot_ping(call)


def test_follow_up_mention_in_a_thread_is_answered_there(http: RunningAdapter) -> None:
    event = app_mention_event(
        _mention_text("who said no limits?"), ts="1700000003.000900", thread_ts="1700000003.000100"
    )

    http.event(event)

    call = http.slack.wait_for("chat.postMessage")
    assert call.params["thread_ts"] == "1700000003.000100"


def test_direct_message_is_answered_in_the_dm(http: RunningAdapter) -> None:
    http.event(message_event("who said no limits?", ts="1700000004.000100"))

    call = http.slack.wait_for("chat.postMessage")
    assert call.params["channel"] == DEFAULT_DM_CHANNEL_ID
    assert "thread_ts" not in call.params
    assert "no limits" in texts(call)


def test_bot_messages_and_edits_are_not_answered(http: RunningAdapter) -> None:
    bot_message = message_event("an answer", ts="1700000005.000100")
    bot_message["bot_id"] = "B0FAKEBOT"
    edited = message_event("edited", ts="1700000005.000200")
    edited["subtype"] = "message_changed"
    channel_message = message_event("hi", channel=DEFAULT_CHANNEL_ID, channel_type="channel")

    for event in (bot_message, edited, channel_message):
        assert http.event(event)[0].status == 200
    http.idle()

    assert http.slack.calls("chat.postMessage") == []


def test_mention_and_message_of_one_dm_post_get_one_answer(http: RunningAdapter) -> None:
    ts = "1700000006.000100"
    text = _mention_text("when did Xi visit Moscow?")

    http.event(app_mention_event(text, channel=DEFAULT_DM_CHANNEL_ID, ts=ts))
    http.event(message_event(text, ts=ts))
    http.event(message_event(text, ts=ts), event_id="EvOTHER")
    http.idle()

    posts = http.slack.calls("chat.postMessage")
    assert len(posts) == 1
    assert posts[0].params["channel"] == DEFAULT_DM_CHANNEL_ID


def test_retried_event_is_answered_once(http: RunningAdapter) -> None:
    event = app_mention_event(_mention_text("who is Blinken?"), ts="1700000007.000100")
    reply, wrapped = http.event(event)

    retries = [http.deliver_event(wrapped, retry=n) for n in (1, 2, 3)]
    http.idle()

    assert [r.status for r in [reply, *retries]] == [200] * 4
    assert len(http.slack.calls("chat.postMessage")) == 1


def test_empty_mention_gets_usage_help(http: RunningAdapter) -> None:
    http.event(app_mention_event(_mention_text("")))

    call = http.slack.wait_for("chat.postMessage")
    assert any(SUGGEST_ACTION.match(a) for a in buttons(call))
    assert "reference" not in texts(call)


# -- App Home ----------------------------------------------------------------------------


def test_app_home_explains_what_envoy_knows(http: RunningAdapter, envoy: Envoy) -> None:
    http.event(app_home_opened_event(user="U0HOME001"))

    call = http.slack.wait_for("views.publish")
    assert call.ok
    assert call.params["user_id"] == "U0HOME001"
    assert call.params["view"]["type"] == "home"
    shown = texts(call)
    overview = envoy.overview()
    assert overview.sources[0].title in shown
    assert overview.sources[0].contributors[0].name in shown
    assert all(name in shown for name in SLASH_COMMANDS)
    assert overview.examples[0] in shown


def test_messages_tab_opened_publishes_nothing(http: RunningAdapter) -> None:
    http.event(app_home_opened_event(tab="messages"))
    http.idle()

    assert http.slack.calls("views.publish") == []


# -- signatures --------------------------------------------------------------------------


def _nothing_sent(slack: FakeSlack) -> bool:
    return not slack.responses() and not [c for c in slack.calls() if c.method != "auth.test"]


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param({"secret": "not-the-secret"}, id="bad-signature"),
        pytest.param({"timestamp": int(time.time()) - 600}, id="stale"),
        pytest.param({"timestamp": int(time.time()) + 600}, id="future"),
    ],
)
def test_bad_or_stale_signature_gets_401_and_runs_nothing(
    http: RunningAdapter, tamper: dict[str, object], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    url = http.slack.response_url()
    command = form_body(slash_command_form("/ask", "secret question", response_url=url))
    event = json.dumps(
        {
            "type": "event_callback",
            "event_id": "EvTAMPER",
            "event": app_mention_event(_mention_text("hi")),
        }
    )

    form = "application/x-www-form-urlencoded"
    replies = [
        http.post_signed(command, form, **tamper),  # type: ignore[arg-type]
        http.post_signed(event, "application/json", **tamper),  # type: ignore[arg-type]
        http.request("/slack/events", command, {"Content-Type": form}),
    ]
    http.idle()

    assert [r.status for r in replies] == [401, 401, 401]
    assert _nothing_sent(http.slack)
    assert "Invalid request signature detected; request refused" in caplog.text
    assert "secret question" not in caplog.text


# -- a slow core, a failing core ---------------------------------------------------------


def test_slow_core_still_acks_at_once(
    start_adapter: Callable[..., RunningAdapter], envoy: Envoy
) -> None:
    adapter = start_adapter(sibling(envoy, SlowEnvoy))

    started = time.monotonic()
    reply, url = adapter.command("/ask", QUESTIONS["/ask"])
    mention, _ = adapter.event(app_mention_event(_mention_text(QUESTIONS["/ask"])))

    assert reply.status == mention.status == 200
    assert reply.seconds < 1 and mention.seconds < 1
    assert adapter.slack.responses(url) == []
    assert answer_of(adapter.slack, url).blocks
    assert adapter.slack.wait_for("chat.postMessage").ok
    assert time.monotonic() - started >= SlowEnvoy.delay


def test_core_failure_gets_an_apology_with_the_logged_reference(
    start_adapter: Callable[..., RunningAdapter],
    envoy: Envoy,
    caplog: pytest.LogCaptureFixture,
) -> None:
    adapter = start_adapter(sibling(envoy, BrokenEnvoy))
    caplog.set_level(logging.ERROR, logger="adapters.slack")

    reply, url = adapter.command("/ask", "anything")
    adapter.event(app_mention_event(_mention_text("anything"), ts="1700000008.000100"))

    assert (reply.status, reply.seconds < 1) == (200, True)
    apologies = [answer_of(adapter.slack, url), adapter.slack.wait_for("chat.postMessage")]
    adapter.idle()
    for apology in apologies:
        reference = re.search(r"\(reference ([0-9a-f]{8})\)", apology.text or "")
        assert reference, apology.text
        assert "Traceback" not in texts(apology) and "RuntimeError" not in texts(apology)
        assert "xoxb" not in texts(apology)
        logged = [r for r in caplog.records if reference.group(1) in r.getMessage()]
        assert len(logged) == 1
        assert logged[0].exc_info is not None
        assert logged[0].exc_info[0] is RuntimeError
        assert getattr(logged[0], "reference", None) == reference.group(1)
    assert apologies[0].params["response_type"] == "ephemeral"
    assert apologies[1].params["thread_ts"] == "1700000008.000100"


def test_core_rate_limit_is_shown_not_failed(
    start_adapter: Callable[..., RunningAdapter], envoy: Envoy
) -> None:
    adapter = start_adapter(sibling(envoy, rate_limit=1, rate_window_seconds=60))

    _, first = adapter.command("/ask", QUESTIONS["/ask"])
    assert ACTION_HELPFUL in buttons(answer_of(adapter.slack, first))
    _, second = adapter.command("/ask", QUESTIONS["/ask"])

    limited = answer_of(adapter.slack, second)
    assert limited.params["response_type"] == "ephemeral"
    assert "wait" in (limited.text or "")
    assert ACTION_HELPFUL not in buttons(limited)
    assert "reference" not in texts(limited)


# -- hostile input -----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["/ask", "/about", "/quotes", "/who-said"])
def test_hostile_command_text_cannot_ping_anyone(http: RunningAdapter, name: str) -> None:
    _, url = http.command(name, HOSTILE)

    call = answer_of(http.slack, url)
    assert_cannot_ping(call)
    assert "@channel" in texts(call)
    assert "&lt;" in texts(call)
    http.slack.assert_no_violations()


def test_hostile_shared_answer_cannot_ping_anyone(http: RunningAdapter) -> None:
    _, url = http.command("/about", HOSTILE)
    share = buttons(answer_of(http.slack, url))[ACTION_SHARE]
    click_url = http.slack.response_url()
    payload = block_actions_payload(
        ACTION_SHARE, share["value"], response_url=click_url, user_name="<!channel>"
    )

    http.action(payload)

    public = http.slack.wait_for_response(click_url, lambda r: "response_type" in r.params)
    assert_cannot_ping(public)
    assert "@channel" in texts(public)


@pytest.mark.parametrize(
    "text", [HOSTILE, "who said <!everyone> ＜!everyone＞", "blinken " * 3000 + HOSTILE]
)
def test_hostile_mention_and_dm_cannot_ping_anyone(http: RunningAdapter, text: str) -> None:
    http.event(app_mention_event(_mention_text(text), ts="1700000009.000100"))
    http.event(message_event(text, ts="1700000009.000200"))
    http.idle()

    posts = http.slack.calls("chat.postMessage")
    assert len(posts) == 2
    for call in posts:
        assert call.ok
        assert_cannot_ping(call)
    http.slack.assert_no_violations()


def test_very_long_command_text_stays_within_limits(http: RunningAdapter) -> None:
    _, url = http.command("/ask", "what did Blinken say about China? " * 1000)

    call = answer_of(http.slack, url)
    assert len(call.blocks) <= 50
    assert len(call.blocks[0]["elements"][0]["text"]) <= 210
    share = buttons(call)[ACTION_SHARE]
    assert len(share["value"]) <= 2000
    http.slack.assert_no_violations()


# -- Slack rate limits -------------------------------------------------------------------


def test_rate_limited_answer_is_retried_after_retry_after(http: RunningAdapter) -> None:
    http.slack.rate_limit("chat.postMessage", times=1, retry_after=1)

    http.event(app_mention_event(_mention_text("who said no limits?")))

    answered = http.slack.wait_for("chat.postMessage", lambda c: c.ok, timeout=10)
    limited, retried = http.slack.calls("chat.postMessage")
    assert (limited.status, limited.error) == (429, "ratelimited")
    assert retried is answered or retried.ok
    assert retried.time - limited.time >= 1.0
    assert retried.params["text"] == limited.params["text"]


# -- health ------------------------------------------------------------------------------


def test_healthz_needs_no_signature(http: RunningAdapter) -> None:
    reply = http.request("/healthz")

    assert reply.status == 200
    body = json.loads(reply.body)
    assert body["database"] is True
    assert body["knowledge"] is True
    assert body["status"] == "ok"
    assert re.match(r"^\d+\.\d+\.\d+", body["version"])


# -- Slack's SSL check ---------------------------------------------------------------------


FORM = "application/x-www-form-urlencoded"


def test_slacks_unsigned_ssl_check_gets_200_and_runs_nothing(http: RunningAdapter) -> None:
    reply = http.request("/slack/events", form_body(ssl_check_form()), {"Content-Type": FORM})
    http.idle()

    assert (reply.status, reply.body) == (200, "")
    assert _nothing_sent(http.slack)


def test_ssl_check_with_a_bad_signature_gets_401(
    http: RunningAdapter, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    body = form_body(ssl_check_form())

    replies = [
        http.post_signed(body, FORM, secret="not-the-secret", timestamp=0),
        http.post_signed(body, FORM, timestamp=int(time.time()) - 600),
    ]

    assert [r.status for r in replies] == [401, 401]
    assert "Invalid request signature detected; request refused" in caplog.text
    assert http.post_signed(body, FORM).status == 200  # signed by Slack: fine too


def test_a_signed_command_with_ssl_check_appended_is_answered(http: RunningAdapter) -> None:
    url = http.slack.response_url()
    body = form_body(slash_command_form("/who-said", "no limits", response_url=url))
    body += "&ssl_check=1"

    reply = http.post_signed(body, FORM)

    assert reply.status == 200
    assert "no limits" in texts(answer_of(http.slack, url))


def test_an_unsigned_command_with_ssl_check_appended_gets_401(http: RunningAdapter) -> None:
    url = http.slack.response_url()
    body = form_body(slash_command_form("/ask", "secret question", response_url=url))

    replies = [
        http.request("/slack/events", body + "&ssl_check=1", {"Content-Type": FORM}),
        http.post_signed(body + "&ssl_check=1", FORM, secret="not-the-secret"),
    ]
    http.idle()

    assert [r.status for r in replies] == [401, 401]
    assert _nothing_sent(http.slack)


def test_events_url_challenge_is_answered(http: RunningAdapter) -> None:
    body = json.dumps({"token": "t", "challenge": "c-123", "type": "url_verification"})

    reply = http.post_signed(body, "application/json")

    assert reply.status == 200
    assert json.loads(reply.body) == {"challenge": "c-123"}
    assert http.post_signed(body, "application/json", secret="wrong").status == 401
