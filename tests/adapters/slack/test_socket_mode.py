"""The real bolt app in Socket Mode: envelopes pushed by the fake, acks timed by it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from adapters.slack.render import ACTION_HELPFUL, ACTION_SHARE
from bot.service import Envoy
from tests.adapters.stand_ins import BrokenEnvoy, SlowEnvoy, sibling
from tests.fakes.slack import (
    DEFAULT_BOT_USER_ID,
    DEFAULT_CHANNEL_ID,
    app_home_opened_event,
    app_mention_event,
    block_actions_payload,
    message_event,
)

from .harness import RunningAdapter, assert_cannot_ping, buttons, first_section, texts

pytestmark = pytest.mark.timeout(60)


def test_slash_command_is_acked_then_answered_privately(socket_mode: RunningAdapter) -> None:
    ack, url = socket_mode.command("/who-said", "no limits")

    assert ack.seconds < 1
    call = socket_mode.slack.wait_for_response(url)
    assert call.params["response_type"] == "ephemeral"
    assert "no limits" in texts(call)
    assert ACTION_SHARE in buttons(call)
    socket_mode.slack.assert_no_violations()


def test_slow_core_acks_envelopes_at_once(
    start_adapter: Callable[..., RunningAdapter], envoy: Envoy
) -> None:
    adapter = start_adapter(sibling(envoy, SlowEnvoy), http=False)

    ack, url = adapter.command("/ask", "When did Xi Jinping visit Moscow?")
    event_ack = adapter.event(app_mention_event(f"<@{DEFAULT_BOT_USER_ID}> who said no limits?"))

    assert ack.seconds < 1
    assert event_ack[0].seconds < 1
    assert adapter.slack.responses(url) == []
    assert adapter.slack.wait_for_response(url).ok
    assert adapter.slack.wait_for("chat.postMessage").ok


def test_mention_and_dm_over_socket_mode(socket_mode: RunningAdapter) -> None:
    socket_mode.event(
        app_mention_event(f"<@{DEFAULT_BOT_USER_ID}> <!channel> crimea", ts="1700000100.000100")
    )
    socket_mode.event(message_event("who is Blinken?", ts="1700000100.000200"))
    socket_mode.idle()

    mention, dm = sorted(
        socket_mode.slack.calls("chat.postMessage"), key=lambda c: c.params["channel"]
    )
    assert (mention.params["channel"], mention.params["thread_ts"]) == (
        DEFAULT_CHANNEL_ID,
        "1700000100.000100",
    )
    assert "thread_ts" not in dm.params
    for call in (mention, dm):
        assert_cannot_ping(call)


def test_redelivered_envelope_is_answered_once(socket_mode: RunningAdapter) -> None:
    event = app_mention_event(f"<@{DEFAULT_BOT_USER_ID}> who said no limits?")
    _, wrapped = socket_mode.event(event)

    socket_mode.deliver_event(wrapped, retry=1)
    socket_mode.deliver_event(wrapped, retry=2)
    socket_mode.idle()

    assert len(socket_mode.slack.calls("chat.postMessage")) == 1


def test_buttons_and_home_over_socket_mode(socket_mode: RunningAdapter) -> None:
    _, url = socket_mode.command("/ask", "When did Xi Jinping visit Moscow?")
    private = socket_mode.slack.wait_for_response(url)
    share_url, feedback_url = socket_mode.slack.response_url(), socket_mode.slack.response_url()

    socket_mode.action(
        block_actions_payload(
            ACTION_SHARE, buttons(private)[ACTION_SHARE]["value"], response_url=share_url
        )
    )
    socket_mode.action(
        block_actions_payload(
            ACTION_HELPFUL, buttons(private)[ACTION_HELPFUL]["value"], response_url=feedback_url
        )
    )
    socket_mode.event(app_home_opened_event())

    public = socket_mode.slack.wait_for_response(share_url, lambda r: "response_type" in r.params)
    assert public.params["response_type"] == "in_channel"
    assert first_section(public) == first_section(private)
    assert socket_mode.slack.wait_for_response(feedback_url).ok
    assert socket_mode.slack.wait_for("views.publish").ok


def test_failure_over_socket_mode_is_acked_and_apologised(
    start_adapter: Callable[..., RunningAdapter], envoy: Envoy
) -> None:
    adapter = start_adapter(sibling(envoy, BrokenEnvoy), http=False)

    ack, url = adapter.command("/about", "crimea")

    assert ack.seconds < 1
    apology = adapter.slack.wait_for_response(url)
    assert "reference" in (apology.text or "")
    assert adapter.slack.acks()[0].payload is None
