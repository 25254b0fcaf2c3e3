"""Delivery under duress: a request delivered twice is answered once, in one process or
across several; the acknowledgement never waits behind answers; Slack's rate limit is
waited out only within a bound, and what it stops is told to the user, stopping or not.

Every test drives the real bolt app against the fake Slack and asserts on what the fake
received.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable

import pytest

from adapters.slack.render import ACTION_HELPFUL
from bot.service import Envoy
from tests.adapters.stand_ins import GatedEnvoy, sibling
from tests.fakes.slack import (
    DEFAULT_BOT_USER_ID,
    DEFAULT_CHANNEL_ID,
    DEFAULT_USER_ID,
    app_mention_event,
    block_actions_payload,
    event_callback,
    form_body,
    interactive_form_body,
    sign,
    slash_command_form,
)

from .harness import SIGNING_SECRET, RunningAdapter, buttons, texts

pytestmark = pytest.mark.timeout(90)

FORM = "application/x-www-form-urlencoded"
ACK_TIMEOUT = 5.0
"""Far above a real ack (milliseconds), far below the 30 s a held answer waits."""


def _eventually(condition: Callable[[], bool], timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)
    return condition()


def _same_delivery(adapter: RunningAdapter, body: str, headers: dict[str, str]) -> int:
    """POST exactly these bytes and headers again, as a proxy or Slack re-sending would."""
    return adapter.request("/slack/events", body, {**headers, "Content-Type": FORM}).status


# -- answered once -----------------------------------------------------------------------------


def test_a_slash_command_delivered_twice_is_answered_once(http: RunningAdapter) -> None:
    url = http.slack.response_url()
    body = form_body(slash_command_form("/who-said", "no limits", response_url=url))
    headers = sign(SIGNING_SECRET, body)

    statuses = [_same_delivery(http, body, headers) for _ in range(2)]
    http.idle()

    assert statuses == [200, 200]
    assert len(http.slack.responses(url)) == 1


def test_a_delivery_repeated_to_another_process_is_answered_once(
    start_adapter: Callable[..., RunningAdapter], envoy: Envoy
) -> None:
    first = start_adapter(envoy)
    second = start_adapter(sibling(envoy))  # shares nothing with `first` but the database
    url = first.slack.response_url()
    body = form_body(slash_command_form("/about", "crimea", response_url=url))
    headers = sign(SIGNING_SECRET, body)

    statuses = [_same_delivery(first, body, headers), _same_delivery(second, body, headers)]
    first.idle()
    second.idle()

    assert statuses == [200, 200]
    assert len(first.slack.responses(url)) == 1


def test_a_button_click_delivered_twice_is_recorded_once(http: RunningAdapter) -> None:
    _, url = http.command("/ask", "When did Xi Jinping visit Moscow?")
    answer_id = buttons(http.slack.wait_for_response(url))[ACTION_HELPFUL]["value"]
    click_url = http.slack.response_url()
    body = interactive_form_body(
        block_actions_payload(ACTION_HELPFUL, answer_id, response_url=click_url)
    )
    headers = sign(SIGNING_SECRET, body)

    statuses = [_same_delivery(http, body, headers) for _ in range(2)]
    http.idle()

    assert statuses == [200, 200]
    assert len(http.slack.responses(click_url)) == 1


def test_a_socket_mode_envelope_repeated_is_answered_once(socket_mode: RunningAdapter) -> None:
    url = socket_mode.slack.response_url()
    form = slash_command_form("/who-said", "no limits", response_url=url)

    for _ in range(2):
        envelope = socket_mode.slack.send_envelope("slash_commands", form)
        socket_mode.slack.wait_ack(envelope)
    socket_mode.idle()

    assert len(socket_mode.slack.responses(url)) == 1


def test_different_commands_with_the_same_text_are_each_answered(http: RunningAdapter) -> None:
    urls = [http.command("/ask", "who said no limits?")[1] for _ in range(2)]
    http.idle()

    assert [len(http.slack.responses(url)) for url in urls] == [1, 1]


# -- acknowledged at once ----------------------------------------------------------------------


def test_acks_and_health_never_wait_behind_answers(
    start_adapter: Callable[..., RunningAdapter], envoy: Envoy
) -> None:
    gated = sibling(envoy, GatedEnvoy)
    assert isinstance(gated, GatedEnvoy)
    adapter = start_adapter(gated)
    urls: list[str] = []
    try:
        # More answers held than any worker pool has threads (Python's default has <= 32).
        for number in range(40):
            reply, url = adapter.command("/ask", f"When did Xi Jinping visit Moscow? ({number})")
            assert reply.status == 200
            urls.append(url)
        assert _eventually(lambda: gated.waiting >= 6)

        event = app_mention_event(f"<@{DEFAULT_BOT_USER_ID}> who said no limits?")
        wrapped = event_callback(event, "EvWHILEBUSY")
        mention = adapter.post_signed(json.dumps(wrapped), "application/json", timeout=ACK_TIMEOUT)
        retried = adapter.post_signed(
            json.dumps(wrapped),
            "application/json",
            extra={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"},
            timeout=ACK_TIMEOUT,
        )
        health = adapter.request("/healthz", timeout=ACK_TIMEOUT)

        assert (mention.status, retried.status, health.status) == (200, 200, 200)
        assert adapter.slack.responses() == []  # every answer still held
    finally:
        gated.gate.set()
    for url in urls:
        assert adapter.slack.wait_for_response(url, timeout=20).ok
    adapter.idle(20)
    assert len(adapter.slack.calls("chat.postMessage")) == 1  # the mention, once


# -- Slack's rate limit ------------------------------------------------------------------------


def _mention(adapter: RunningAdapter, text: str = "who said no limits?") -> None:
    adapter.event(app_mention_event(f"<@{DEFAULT_BOT_USER_ID}> {text}"))


def _assert_told_privately(adapter: RunningAdapter, timeout: float = 5.0) -> None:
    notice = adapter.slack.wait_for("chat.postEphemeral", timeout=timeout)
    assert notice.ok
    assert (notice.params["channel"], notice.params["user"]) == (
        DEFAULT_CHANNEL_ID,
        DEFAULT_USER_ID,
    )
    assert "ask again" in texts(notice)


def test_a_long_retry_after_is_not_waited_out_and_the_user_is_told(
    http: RunningAdapter, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="adapters.slack")
    http.slack.rate_limit("chat.postMessage", times=1, retry_after=120)

    _mention(http)

    _assert_told_privately(http)
    http.idle()
    assert [c.status for c in http.slack.calls("chat.postMessage")] == [429]
    warning = next(r for r in caplog.records if "not sent" in r.getMessage())
    assert "chat.postMessage" in warning.getMessage()
    assert "120" in warning.getMessage()


def test_a_stop_during_a_rate_limit_wait_ends_it_and_tells_the_user(
    http: RunningAdapter, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="adapters.slack")
    http.slack.rate_limit("chat.postMessage", times=1, retry_after=8)
    _mention(http)
    http.slack.wait_for("chat.postMessage")  # the 429: the adapter now waits 8 s

    http.stopped = True
    finished = http.run(http.runner.stop(drain_seconds=4.0))

    assert finished is True  # nothing was cut off: the user was told instead
    _assert_told_privately(http, timeout=1.0)
    assert [c.status for c in http.slack.calls("chat.postMessage")] == [429]
    assert any("not sent" in r.getMessage() for r in caplog.records)
