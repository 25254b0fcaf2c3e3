"""The adapter's real discord.py client, end to end against the local Discord fake.

Every assertion is on what the fake received on the wire (and on the database a real Envoy
wrote); the conftest also checks, after each test, that Discord refused nothing and that every
message carried ``allowed_mentions: {"parse": []}``. Answers' wording belongs to the core and
may change: these tests hold behaviour and structure.
"""

from __future__ import annotations

import logging
import re
import time

import discord
import pytest

from adapters.discord import render
from adapters.discord.client import (
    ShardedEnvoyClient,
    intents,
    question_text,
    suggested_question,
)
from bot.answers import Question
from bot.commands import COMMANDS
from bot.service import Envoy
from tests.adapters.stand_ins import BrokenEnvoy, SlowEnvoy, sibling
from tests.fakes.discord_fake import (
    APPLICATION_ID,
    BOT_ID,
    DM_CHANNEL_ID,
    GLOBAL_COMMAND,
    GUILD_ID,
    OTHER_USER,
    PRIVILEGED_INTENTS,
    TEXT_CHANNEL_ID,
    USER_ID,
    FakeDiscord,
    message_create,
    slash_interaction,
    user_payload,
)

from .conftest import Bot, Launch, envoy_settings
from .helpers import (
    EPHEMERAL,
    answer_id,
    assert_inert,
    assert_within_limits,
    buttons,
    click,
    command,
    complete,
    embed,
    eventually,
    feedback_ids,
    feedback_rows,
    logged_question,
    report_button,
    sent_message,
)

pytestmark = pytest.mark.timeout(60)

ANSWERABLE = "When did Xi Jinping visit Moscow?"
UNANSWERABLE = "What is the weather in Paris today?"
CHANNEL_MESSAGES = rf"^/channels/{TEXT_CHANNEL_ID}/messages$"
DM_MESSAGES = rf"^/channels/{DM_CHANNEL_ID}/messages$"


def mention(text: str, **kw: object) -> dict[str, object]:
    return message_create(f"<@{BOT_ID}> {text}", mentions=[BOT_ID], **kw)  # type: ignore[arg-type]


def test_question_text_and_suggestions_as_questions() -> None:
    assert question_text(f"<@{BOT_ID}>  who said  <@!{BOT_ID}> it?", BOT_ID) == "who said it?"
    assert question_text(f"<@{USER_ID}> hi", BOT_ID) == f"<@{USER_ID}> hi"
    assert suggested_question("quotes Antony J. Blinken") == ("quotes", "Antony J. Blinken")
    assert suggested_question("about Crimea") == ("about", "Crimea")
    assert suggested_question("When did Xi visit Moscow?") == ("ask", "When did Xi visit Moscow?")
    assert suggested_question("about") == ("ask", "about")
    # The core now words suggestions as questions, which `ask` routes.
    assert suggested_question("Tell me about Crimea") == ("ask", "Tell me about Crimea")
    assert suggested_question("Quotes by Antony J. Blinken") == (
        "ask",
        "Quotes by Antony J. Blinken",
    )


# -- commands ----------------------------------------------------------------------------------


def test_commands_are_synced_from_the_core_registry(bot: Bot) -> None:
    put = bot.fake.wait_request(
        "PUT", rf"^/applications/{APPLICATION_ID}/guilds/{GUILD_ID}/commands$"
    )
    assert put.status == 200
    synced = {entry["name"]: entry for entry in put.body}
    assert list(synced) == [spec.name for spec in COMMANDS]
    for spec in COMMANDS:
        entry = synced[spec.name]
        assert entry["description"] == spec.summary
        options = {option["name"]: option for option in entry["options"]}
        private = options.pop(render.PRIVATE_OPTION)
        assert (private["type"], private["required"]) == (5, False)
        assert private["description"]
        if spec.option is None:
            assert options == {}
            continue
        [(name, option)] = options.items()
        assert name == spec.option
        assert option["description"] == spec.option_summary
        assert (option["type"], option["required"]) == (3, True)
        assert option.get("autocomplete", False) is bool(spec.completes)
        assert 1 <= option["max_length"] <= 6000
        assert entry["options"][0]["name"] == spec.option  # required options come first
    assert {c["name"] for c in bot.fake.commands(GUILD_ID)} == set(synced)


def test_without_a_guild_the_commands_sync_globally(launch: Launch, fake: FakeDiscord) -> None:
    launch(env={"DISCORD_GUILD_ID": ""})
    put = fake.wait_request("PUT", rf"^/applications/{APPLICATION_ID}/commands$")
    assert {entry["name"] for entry in put.body} == {spec.name for spec in COMMANDS}
    assert fake.requests("PUT", "/guilds/") == []
    callback = command(fake, "ask", {"question": ANSWERABLE})
    assert callback.body["type"] == 4
    assert embed(callback.data)["description"]


def test_commands_left_in_a_server_and_global_ones_are_both_answered(
    launch: Launch, fake: FakeDiscord
) -> None:
    """Commands synced to a server stay there after DISCORD_GUILD_ID is unset (and global
    ones stay after it is set): Discord then shows both, and sends a server command's
    interaction with its ``data.guild_id``. Whichever the user picks gets an answer."""
    launch().stop()  # synced to the server
    launch(env={"DISCORD_GUILD_ID": ""})  # now global; the server's copies are left over
    assert fake.commands(GUILD_ID) and fake.commands(None)

    left_over = command(fake, "ask", {"question": ANSWERABLE})
    sent = fake.wait_frame(0, lambda f: f.event == "INTERACTION_CREATE", direction="out")
    assert sent.data["data"]["guild_id"] == str(GUILD_ID)
    assert left_over.body["type"] == 4
    assert embed(left_over.data)["description"]
    own = command(fake, "ask", {"question": ANSWERABLE}, command_guild_id=GLOBAL_COMMAND)
    assert own.body["type"] == 4
    assert embed(own.data)["description"] == embed(left_over.data)["description"]


def test_a_global_command_left_over_beside_the_servers_is_answered(
    launch: Launch, fake: FakeDiscord
) -> None:
    launch(env={"DISCORD_GUILD_ID": ""}).stop()  # synced globally
    launch()  # now to the server only; the global copies are left over

    callback = command(fake, "ask", {"question": ANSWERABLE}, command_guild_id=GLOBAL_COMMAND)
    sent = [f for f in fake.frames(direction="out") if f.event == "INTERACTION_CREATE"][-1]
    assert "guild_id" not in sent.data["data"]
    assert sent.data["guild_id"] == str(GUILD_ID)
    assert callback.body["type"] == 4
    assert embed(callback.data)["description"]


@pytest.mark.parametrize(
    ("name", "options"),
    [
        ("ask", {"question": ANSWERABLE}),
        ("who-said", {"quote": "neutrality means taking the side of the aggressor"}),
        ("quotes", {"person": "Baerbock"}),
        ("about", {"subject": "Crimea"}),
        ("sources", None),
        ("help", None),
    ],
)
def test_each_command_is_answered_publicly_with_an_embed(
    bot: Bot, name: str, options: dict[str, str] | None
) -> None:
    callback = command(bot.fake, name, options)
    assert callback.status == 200
    assert callback.body["type"] == 4
    data = callback.data
    assert not (data.get("flags") or 0) & EPHEMERAL
    card = embed(data)
    assert card["description"]
    assert_within_limits(data)
    text = " ".join((options or {}).values())
    expected = bot.envoy.handle(Question(name, text, "test"))
    assert card["description"] == render.escape(expected.text, render.DESCRIPTION_BUDGET)
    if expected.citations:
        assert card["fields"], "cited quotes are fields"
        assert "paragraph" in card["fields"][0]["name"].lower()
        assert card["fields"][0]["value"].startswith("“")
        assert card["footer"]["text"].startswith("Source:")
    if name in ("sources", "help"):
        assert feedback_ids(data) == {}
        assert report_button(data) is None
    else:
        assert set(feedback_ids(data)) == {"up", "down"}
        assert report_button(data) is not None


@pytest.mark.parametrize(
    ("name", "option", "text"),
    [
        ("ask", "question", "\u200b\u200b"),
        ("ask", "question", "\u2060 \ufeff"),
        ("quotes", "person", "\u200d"),
    ],
)
def test_text_of_nothing_but_invisible_characters_gets_the_usage(
    bot: Bot, name: str, option: str, text: str
) -> None:
    callback = command(bot.fake, name, {option: text})

    assert callback.body["type"] == 4
    card = embed(callback.data)
    fields = {field["name"]: field["value"] for field in card.get("fields") or []}
    spec = next(c for c in COMMANDS if c.name == name)
    assert fields["Usage"].startswith(f"`/{spec.usage}`")
    assert_within_limits(callback.data)
    assert "reference" not in card["description"]
    ordinary = command(bot.fake, name, {option: "Blinken"})
    assert "Usage" not in {f["name"] for f in embed(ordinary.data).get("fields") or []}


def test_private_option_answers_ephemerally(bot: Bot) -> None:
    callback = command(bot.fake, "ask", {"question": ANSWERABLE, "private": True})
    assert callback.body["type"] == 4
    assert callback.data["flags"] & EPHEMERAL
    assert callback.response["interaction"]["response_message_ephemeral"] is True
    assert embed(callback.data)["description"]
    public = command(bot.fake, "about", {"subject": "Crimea", "private": False})
    assert not (public.data.get("flags") or 0) & EPHEMERAL


def test_slash_command_in_a_dm(bot: Bot) -> None:
    callback = command(bot.fake, "quotes", {"person": "Blinken"}, dm=True)
    assert callback.body["type"] == 4
    assert embed(callback.data)["fields"]


def test_asker_is_logged_as_a_keyed_hash_of_the_discord_id(bot: Bot) -> None:
    callback = command(bot.fake, "ask", {"question": ANSWERABLE})
    row = logged_question(bot.envoy, answer_id(callback.data))
    assert row.platform == "discord"
    assert row.asker_hash == bot.envoy.hash_asker("discord", str(USER_ID))
    assert str(USER_ID) not in (row.asker_hash or "")


# -- autocomplete ------------------------------------------------------------------------------


def test_autocomplete_offers_names_from_the_fact_base(bot: Bot) -> None:
    fake = bot.fake
    people = complete(fake, "quotes", "person", "haines")
    assert "Avril D. Haines" in [c["name"] for c in people]
    subjects = complete(fake, "about", "subject", "crim")
    assert "Crimea" in [c["name"] for c in subjects]
    everyone = complete(fake, "quotes", "person", "")
    assert 1 <= len(everyone) <= 25
    for choice in people + subjects + everyone:
        assert 1 <= len(choice["name"]) <= 100
        assert 1 <= len(choice["value"]) <= 100
    nothing = complete(fake, "about", "subject", "x" * 3000)
    assert len(nothing) <= 25


def test_autocomplete_offers_aliases(bot: Bot) -> None:
    typed = "the German foreign minister"
    offered = [c["name"] for c in complete(bot.fake, "quotes", "person", typed)]
    core = bot.envoy.complete("person", typed)
    assert offered == [name for name, _ in render.choices(core)]  # the adapter passes them on
    assert offered[0] == "Annalena Baerbock"


def test_autocomplete_is_answered_well_inside_three_seconds(bot: Bot) -> None:
    started = time.monotonic()
    complete(bot.fake, "about", "subject", "ukr")
    assert time.monotonic() - started < 1.5


# -- mentions and DMs --------------------------------------------------------------------------


@pytest.mark.parametrize("token", [f"<@{BOT_ID}>", f"<@!{BOT_ID}>"])
def test_a_mention_is_answered_as_a_reply(bot: Bot, token: str) -> None:
    posted = message_create(f"{token} {ANSWERABLE}", mentions=[BOT_ID])
    bot.fake.dispatch("MESSAGE_CREATE", posted)
    reply = bot.fake.wait_request("POST", CHANNEL_MESSAGES)
    assert str(reply.body["message_reference"]["message_id"]) == posted["id"]
    assert reply.body["message_reference"]["fail_if_not_exists"] is False
    expected = bot.envoy.handle(Question("ask", ANSWERABLE, "test"))
    assert embed(reply.body)["description"] == render.escape(expected.text, 3000)
    row = logged_question(bot.envoy, answer_id(reply.body))
    assert (row.command, row.platform) == ("ask", "discord")
    assert "<@" not in row.text
    assert str(BOT_ID) not in row.text


def test_a_dm_is_answered_without_a_mention(bot: Bot) -> None:
    bot.fake.dispatch("MESSAGE_CREATE", message_create("who said no limits?", dm=True))
    answer = bot.fake.wait_request("POST", DM_MESSAGES)
    assert "message_reference" not in answer.body
    assert embed(answer.body)["description"]


def test_own_other_bots_and_unaddressed_messages_are_ignored(bot: Bot) -> None:
    fake = bot.fake
    other_bot = user_payload(1_180_000_000_000_000_999, "otherbot", bot=True)
    fake.dispatch("MESSAGE_CREATE", mention("hello from a bot", author=other_bot))
    fake.dispatch("MESSAGE_CREATE", mention("hello from myself", author=BOT_ID))
    fake.dispatch("MESSAGE_CREATE", message_create("not for Envoy at all"))
    everyone = message_create("@everyone meeting now")
    everyone["mention_everyone"] = True
    fake.dispatch("MESSAGE_CREATE", everyone)
    fake.dispatch("MESSAGE_CREATE", message_create(ANSWERABLE, dm=True))  # the sentinel
    fake.wait_request("POST", DM_MESSAGES)
    time.sleep(0.2)
    posts = fake.requests("POST", r"^/channels/\d+/messages$")
    assert [p.path for p in posts] == [f"/channels/{DM_CHANNEL_ID}/messages"]


# -- buttons -----------------------------------------------------------------------------------


def test_a_decline_offers_suggestions_as_buttons_that_ask_them(bot: Bot) -> None:
    callback = command(bot.fake, "ask", {"question": UNANSWERABLE})
    declined = bot.envoy.handle(Question("ask", UNANSWERABLE, "test"))
    assert not declined.answered and declined.suggestions
    offered = [b for b in buttons(callback.data) if b["custom_id"].startswith("envoy:ask:")]
    assert [b["label"] for b in offered] == [
        render.cut(s, 80) for s in declined.suggestions[: render.SUGGESTION_BUTTONS]
    ]
    assert set(feedback_ids(callback.data)) == {"up", "down"}  # a decline can be rated too
    card = embed(callback.data)
    assert card["color"] == render.DECLINED_COLOUR
    assert any(field["name"] for field in card.get("fields", []))  # the suggestions, as text

    message = sent_message(callback)
    first = offered[0]
    answer = click(bot.fake, first["custom_id"], message=message)
    assert answer.status == 200
    assert answer.body["type"] == 4
    assert not (answer.data.get("flags") or 0) & EPHEMERAL
    asked = embed(answer.data)
    assert asked["title"] == render.escape(first["label"], 200, single_line=True)
    assert asked["description"] != card["description"]


def test_suggestions_worded_as_questions_are_asked_through_ask(bot: Bot) -> None:
    callback = command(bot.fake, "quotes", {"person": "Nobody Atall"})
    offered = [b for b in buttons(callback.data) if b["custom_id"].startswith("envoy:ask:")]
    assert offered, "a decline of /quotes offers people it knows"
    suggestion = offered[0]["custom_id"].removeprefix("envoy:ask:")
    assert suggested_question(suggestion)[0] == "ask"
    answer = click(bot.fake, offered[0]["custom_id"], message=sent_message(callback))
    assert answer.body["type"] == 4
    expected = bot.envoy.handle(Question("ask", suggestion, "test"))
    assert embed(answer.data)["description"] == render.escape(expected.text, 3000)
    assert logged_question(bot.envoy, answer_id(answer.data)).command == "ask"


def test_suggestions_of_a_private_answer_answer_privately(bot: Bot) -> None:
    callback = command(bot.fake, "ask", {"question": UNANSWERABLE, "private": True})
    message = sent_message(callback)
    assert message["flags"] & EPHEMERAL
    suggestion = next(b for b in buttons(callback.data) if b["custom_id"].startswith("envoy:ask:"))
    answer = click(bot.fake, suggestion["custom_id"], message=message)
    assert answer.data["flags"] & EPHEMERAL


def test_feedback_is_recorded_against_the_answer(bot: Bot) -> None:
    callback = command(bot.fake, "ask", {"question": ANSWERABLE})
    answer = answer_id(callback.data)
    message = sent_message(callback)
    thanks = click(bot.fake, feedback_ids(callback.data)["up"], message=message)
    assert thanks.body["type"] == 4
    assert thanks.data["flags"] & EPHEMERAL
    assert thanks.data["content"]
    [row] = feedback_rows(bot.envoy, answer)
    assert row.helpful is True
    assert row.platform == "discord"
    assert row.asker_hash == bot.envoy.hash_asker("discord", str(USER_ID))
    click(bot.fake, feedback_ids(callback.data)["down"], message=message, user=OTHER_USER)
    assert sorted(r.helpful for r in feedback_rows(bot.envoy, answer)) == [False, True]
    store = bot.client._connection._view_store
    assert (store._views, store._synced_message_views) == ({}, {})  # nothing kept per message


def test_feedback_on_an_unknown_answer_is_answered(bot: Bot) -> None:
    unknown = render.feedback_custom_id("0" * 32, True)
    reply = click(bot.fake, unknown)
    assert reply.data["flags"] & EPHEMERAL
    assert reply.data["content"]
    assert feedback_rows(bot.envoy, "0" * 32) == []


def test_buttons_keep_working_after_a_restart(
    launch: Launch, fake: FakeDiscord, envoy_data: object
) -> None:
    first = launch()
    callback = command(fake, "ask", {"question": UNANSWERABLE})
    message = sent_message(callback)
    answer = answer_id(callback.data)
    suggestion = next(b for b in buttons(callback.data) if b["custom_id"].startswith("envoy:ask:"))
    first.stop()

    restarted_envoy = Envoy.start(envoy_settings(envoy_data))  # type: ignore[arg-type]
    try:
        second = launch(restarted_envoy)
        assert second.client is not first.client
        rated = click(fake, feedback_ids(callback.data)["down"], message=message)
        assert rated.status == 200
        assert rated.data["flags"] & EPHEMERAL
        assert [r.helpful for r in feedback_rows(restarted_envoy, answer)] == [False]
        asked = click(fake, suggestion["custom_id"], message=message)
        assert asked.body["type"] == 4
        assert embed(asked.data)["description"]
        second.stop()
    finally:
        restarted_envoy.close()


def test_a_button_this_version_does_not_know_is_answered(bot: Bot) -> None:
    reply = click(bot.fake, "legacy:vote:42")
    assert reply.body["type"] == 4
    assert reply.data["flags"] & EPHEMERAL
    assert reply.data["content"] == render.notice(render.STALE_BUTTON)


# -- unknown and stale commands ----------------------------------------------------------------


def test_an_unknown_command_is_answered(bot: Bot) -> None:
    callback = command(bot.fake, "weather", {"city": "Kyiv"})
    assert callback.status == 200
    assert callback.body["type"] == 4
    assert callback.data["flags"] & EPHEMERAL
    assert embed(callback.data)["description"]


def test_a_stale_command_signature_is_still_answered(bot: Bot) -> None:
    callback = command(bot.fake, "ask", {"query": ANSWERABLE})
    assert callback.body["type"] == 4
    expected = bot.envoy.handle(Question("ask", ANSWERABLE, "test"))
    assert embed(callback.data)["description"] == render.escape(expected.text, 3000)


def test_autocomplete_of_an_unknown_command_gets_no_choices(bot: Bot) -> None:
    assert complete(bot.fake, "weather", "city", "ky") == []


# -- cooldown ----------------------------------------------------------------------------------


def test_cooldown_per_user_with_a_private_notice(launch: Launch, fake: FakeDiscord) -> None:
    launch(env={"ENVOY_DISCORD_COOLDOWN": "2/60"})
    for _ in range(2):
        assert embed(command(fake, "ask", {"question": ANSWERABLE}).data)
    refused = command(fake, "ask", {"question": ANSWERABLE})
    assert refused.body["type"] == 4
    assert refused.data["flags"] & EPHEMERAL
    assert refused.data["content"]
    assert re.search(r"\d", refused.data["content"])  # how long to wait
    assert not refused.data.get("embeds")
    other = command(fake, "ask", {"question": ANSWERABLE}, user=OTHER_USER)
    assert embed(other.data)["description"]

    # Mentions by the same user: one private notice in their DMs, then silence.
    fake.dispatch("MESSAGE_CREATE", mention(ANSWERABLE))
    notice = fake.wait_request("POST", DM_MESSAGES)
    assert notice.body["content"] == refused.data["content"]
    fake.dispatch("MESSAGE_CREATE", mention(ANSWERABLE))
    fake.dispatch("MESSAGE_CREATE", mention(ANSWERABLE, author=OTHER_USER))  # the sentinel
    fake.wait_request("POST", CHANNEL_MESSAGES)
    time.sleep(0.2)
    assert len(fake.requests("POST", DM_MESSAGES)) == 1
    assert len(fake.requests("POST", CHANNEL_MESSAGES)) == 1


# -- slow and failing cores --------------------------------------------------------------------


def test_a_slow_core_is_deferred_then_followed_up_without_blocking(
    launch: Launch, discord_envoy: Envoy
) -> None:
    bot = launch(sibling(discord_envoy, SlowEnvoy))
    fake = bot.fake
    payload = slash_interaction("ask", {"question": ANSWERABLE, "private": True})
    started = time.monotonic()
    interaction_id = fake.send_interaction(payload)
    deferred = fake.wait_callback(interaction_id)
    assert deferred.body["type"] == 5
    assert deferred.body["data"]["flags"] & EPHEMERAL
    assert deferred.time - started < 2.5  # within Discord's 3 s (the fake enforces it too)

    # The gateway loop is free while the core works: autocomplete is answered meanwhile.
    choices = complete(fake, "about", "subject", "crim")
    assert choices

    followup = fake.wait_followup(payload)
    assert followup.status == 200
    assert (
        followup.time > fake.wait_request("POST", r"/callback$", lambda r: r.body["type"] == 8).time
    )
    assert followup.body["flags"] & EPHEMERAL
    assert embed(followup.body)["description"]
    assert feedback_ids(followup.body)

    fake.dispatch("MESSAGE_CREATE", mention(ANSWERABLE))
    assert fake.wait_request("POST", rf"^/channels/{TEXT_CHANNEL_ID}/typing$").status == 204
    reply = fake.wait_request("POST", CHANNEL_MESSAGES)
    assert embed(reply.body)["description"]


def test_a_failing_core_gets_an_apology_with_the_logged_reference(
    launch: Launch, discord_envoy: Envoy, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    bot = launch(sibling(discord_envoy, BrokenEnvoy))
    fake = bot.fake
    callback = command(fake, "ask", {"question": ANSWERABLE})
    assert callback.body["type"] == 4
    assert callback.data["flags"] & EPHEMERAL
    fake.dispatch("MESSAGE_CREATE", mention(ANSWERABLE))
    reply = fake.wait_request("POST", CHANNEL_MESSAGES)
    assert complete(fake, "about", "subject", "crim") == []

    failures = [r for r in caplog.records if hasattr(r, "reference")]
    assert len(failures) == 3
    contents = [callback.data["content"], reply.body["content"]]
    for content, record in zip(contents, failures[:2], strict=True):
        assert record.levelno == logging.ERROR
        assert record.exc_info is not None
        assert "the core broke" in str(record.exc_info[1])
        assert record.reference in content  # type: ignore[attr-defined]
        assert record.reference in record.getMessage()  # type: ignore[attr-defined]
    assert failures[0].reference != failures[1].reference  # type: ignore[attr-defined]
    assert "completion broke" in str(failures[2].exc_info[1])  # type: ignore[index]


# -- hostile input -----------------------------------------------------------------------------

HOSTILE = [
    "@everyone when did Xi visit Moscow?",
    "@here who said no limits",
    "＠ｅｖｅｒｙｏｎｅ ＠ｈｅｒｅ about Crimea",
    "@\u200beveryone @\u2060here @\u200deveryone",
    "<@&1180000000000000110> and <@1180000000000000201> and <@!1180000000000000201>",
    "```\n@everyone\n``` ``` still fenced",
    "**bold** __under__ ~~strike~~ ||spoiler|| [click](https://evil.example) `code`",
    "# heading\n> quote\n-# small\n- item",
    "\u202eesrever\u0000\u0007 \u200f control",
    "x" * 6000,
    "[](" * 2000,
    "@everyone " * 600,
]


def test_hostile_input_can_neither_ping_nor_break_out(bot: Bot) -> None:
    fake = bot.fake
    started = time.monotonic()
    for text in HOSTILE:
        for name, option in (("ask", "question"), ("about", "subject")):
            callback = command(fake, name, {option: text})
            assert callback.status == 200
        fake.dispatch("MESSAGE_CREATE", mention(text))
        fake.dispatch("MESSAGE_CREATE", message_create(text, dm=True))
    assert eventually(lambda: len(fake.requests("POST", r"^/channels/\d+/messages$")) == 24, 10)
    assert time.monotonic() - started < 20
    bodies = [
        r.data if r.path.endswith("/callback") else r.body
        for r in fake.requests("POST")
        if r.path.endswith("/callback") or r.path.endswith("/messages")
    ]
    assert len(bodies) == 48
    for body in bodies:
        assert body["allowed_mentions"] == {"parse": []}
        assert_within_limits(body)
        assert_inert(body)
    titles = [embed(b).get("title", "") for b in bodies if b.get("embeds")]
    assert all(len(t) <= 200 for t in titles)


# -- sharding, intents and shutdown ------------------------------------------------------------


def test_default_intents_no_privileged_ones(bot: Bot) -> None:
    [identify] = bot.fake.connected_sessions()
    assert identify.intents == intents().value
    assert identify.intents & PRIVILEGED_INTENTS == 0
    assert intents().value & ~discord.Intents.default().value == 0  # a subset of default()


@pytest.mark.parametrize("fake", [{"shards": 2}], indirect=True)
@pytest.mark.parametrize(("setting", "count"), [("auto", 2), ("3", 3)])
def test_sharding_by_configuration(
    launch: Launch, fake: FakeDiscord, setting: str, count: int
) -> None:
    bot = launch(env={"ENVOY_DISCORD_SHARDED": setting})
    assert isinstance(bot.client, ShardedEnvoyClient)
    assert isinstance(bot.client, discord.AutoShardedClient)
    assert [record.shard for record in fake.wait_ready()] == [(n, count) for n in range(count)]
    callback = command(fake, "ask", {"question": ANSWERABLE})
    assert embed(callback.data)["description"]
    fake.dispatch("MESSAGE_CREATE", message_create(ANSWERABLE, dm=True))
    assert embed(fake.wait_request("POST", DM_MESSAGES).body)["description"]


def test_the_cores_own_rate_limit_is_told_privately(launch: Launch, discord_envoy: Envoy) -> None:
    bot = launch(sibling(discord_envoy, rate_limit=1, rate_window_seconds=60))
    fake = bot.fake
    assert embed(command(fake, "ask", {"question": ANSWERABLE}).data)
    limited = command(fake, "ask", {"question": ANSWERABLE})
    assert limited.data["flags"] & EPHEMERAL
    assert limited.data["content"]
    assert not limited.data.get("embeds")
    fake.dispatch("MESSAGE_CREATE", mention(ANSWERABLE))
    notice = fake.wait_request("POST", DM_MESSAGES)
    assert notice.body["content"]
    assert fake.requests("POST", CHANNEL_MESSAGES) == []
