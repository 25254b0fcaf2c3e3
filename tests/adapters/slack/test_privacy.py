"""A credential typed into a slash command is shown, shared and stored nowhere (issue 13.1).

Through the real bolt app in HTTP mode against the fake Slack: the private reply, its
"Post to channel" button's value, the public post that button makes and the question log.
"""

from __future__ import annotations

from sqlalchemy import select

from adapters.slack.render import ACTION_SHARE
from bot.service import Envoy
from bot.storage import models
from tests.bot.test_privacy import SLACK_BOT, assert_no_secret
from tests.fakes.slack import DEFAULT_CHANNEL_ID, block_actions_payload

from .harness import RunningAdapter, buttons, texts


def test_a_token_in_a_slash_command_is_not_echoed_shared_or_stored(
    http: RunningAdapter, envoy: Envoy
) -> None:
    _, url = http.command("/ask", f"is {SLACK_BOT} still valid?")
    private = http.slack.wait_for_response(url)
    assert private.ok, private.response
    share = buttons(private)[ACTION_SHARE]
    assert_no_secret(texts(private))
    assert_no_secret(share["value"])
    assert_no_secret(str(private.params))

    click_url = http.slack.response_url()
    payload = block_actions_payload(
        ACTION_SHARE,
        share["value"],
        response_url=click_url,
        user_name="ann",
        container={
            "type": "message",
            "message_ts": "1700000000.000300",
            "channel_id": DEFAULT_CHANNEL_ID,
            "is_ephemeral": True,
        },
    )
    assert http.action(payload).status == 200
    public = http.slack.wait_for_response(click_url, lambda r: "response_type" in r.params)
    assert_no_secret(str(public.params))
    assert "[redacted]" in texts(public)

    envoy.store.flush()
    with envoy.store.engine.connect() as connection:
        stored = [r.text for r in connection.execute(select(models.QuestionLogRow.text))]
    assert stored
    for text in stored:
        assert_no_secret(text)
