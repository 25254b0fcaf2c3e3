"""A credential typed into a Discord command or mention is shown nowhere (issue 13.1).

Through the real discord.py client against the fake Discord: the answer's embed, which
echoes what was asked, and the question log.
"""

from __future__ import annotations

from sqlalchemy import select

from bot.storage import models
from tests.bot.test_privacy import DISCORD, SLACK_BOT, assert_no_secret
from tests.fakes.discord_fake import BOT_ID, TEXT_CHANNEL_ID, message_create

from .conftest import Bot
from .helpers import command


def test_a_token_in_a_command_or_a_mention_is_not_echoed_or_stored(bot: Bot) -> None:
    callback = command(bot.fake, "ask", {"question": f"is {DISCORD} my token?"})
    assert callback.status == 200
    assert_no_secret(str(callback.body))
    assert "[redacted]" in str(callback.body)

    bot.fake.dispatch(
        "MESSAGE_CREATE", message_create(f"<@{BOT_ID}> who owns {SLACK_BOT}?", mentions=[BOT_ID])
    )
    reply = bot.fake.wait_request("POST", rf"^/channels/{TEXT_CHANNEL_ID}/messages$")
    assert_no_secret(str(reply.body))

    bot.envoy.store.flush()
    with bot.envoy.store.engine.connect() as connection:
        stored = [r.text for r in connection.execute(select(models.QuestionLogRow.text))]
    for text in stored:
        assert_no_secret(text)
