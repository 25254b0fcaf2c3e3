"""Tests of the Discord fake, driven by the real discord.py only (no adapter code).

One module-scoped client (default intents, a tiny CommandTree) serves most tests; the sharded
client and the shutdown check start their own.
"""

from __future__ import annotations

import asyncio
import gc
import io
import json
import logging
import queue
import threading
import time
import urllib.error
import urllib.request
import warnings
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import aiohttp
import discord
import pytest
from discord import app_commands

from .discord_fake import (
    APPLICATION_ID,
    BOT_ID,
    DEFAULT_TOKEN,
    DM_CHANNEL_ID,
    GUILD_ID,
    INTERACTION_RESPONSE_DEADLINE,
    TEXT_CHANNEL_ID,
    USER_ID,
    ClientThread,
    FakeDiscord,
    RecordedRequest,
    autocomplete_interaction,
    component_interaction,
    message_create,
    modal_submit_interaction,
    patched_discord,
    run_client_in_thread,
    slash_interaction,
)

pytestmark = pytest.mark.timeout(30)

JSON = dict[str, Any]
READY_TIMEOUT = 0.05


class Events:
    """What the client saw, handed from its thread to the test's."""

    def __init__(self) -> None:
        self._queue: queue.Queue[tuple[str, Any]] = queue.Queue()

    def put(self, kind: str, value: Any) -> None:
        self._queue.put((kind, value))

    def drain(self) -> None:
        while not self._queue.empty():
            self._queue.get_nowait()

    def next(
        self, kind: str, predicate: Callable[[Any], bool] | None = None, timeout: float = 5.0
    ) -> Any:
        deadline = time.monotonic() + timeout
        while (remaining := deadline - time.monotonic()) > 0:
            try:
                got, value = self._queue.get(timeout=remaining)
            except queue.Empty:
                break
            if got == kind and (predicate is None or predicate(value)):
                return value
        raise AssertionError(f"the client saw no {kind!r} event within {timeout} s")

    def next_message(self, timeout: float = 5.0) -> discord.Message:
        """The next message not written by the bot itself (the fake echoes the bot's own)."""
        message: discord.Message = self.next(
            "message", lambda m: m.author.id != BOT_ID, timeout=timeout
        )
        return message


@dataclass
class Bot:
    client: discord.Client
    tree: app_commands.CommandTree[discord.Client]
    runner: ClientThread
    events: Events
    login_requests: list[RecordedRequest]


def build_tree(
    client: discord.Client, fake: FakeDiscord, events: Events
) -> app_commands.CommandTree:
    """A tiny command tree exercising each way of answering an interaction."""
    tree = app_commands.CommandTree(client)
    guild = discord.Object(GUILD_ID)

    @tree.command(guild=guild, description="Ask Envoy a question")
    @app_commands.describe(question="What you want to know")
    async def ask(interaction: discord.Interaction, question: str) -> None:
        embed = discord.Embed(title="Answer", description=f"You asked: {question}")
        await interaction.response.send_message(embed=embed)

    @tree.command(guild=guild, description="Think, then answer")
    async def slow(interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True)
        message = await interaction.followup.send("done", wait=True)
        events.put("followup", message.id)

    @tree.command(guild=guild, description="Answer after the deadline")
    async def late(interaction: discord.Interaction) -> None:
        fake.advance(INTERACTION_RESPONSE_DEADLINE + 0.5)
        try:
            await interaction.response.send_message("too late")
        except discord.NotFound as exc:
            events.put("late", exc)

    @tree.command(guild=guild, description="An embed over the limit")
    async def long(interaction: discord.Interaction) -> None:
        try:
            await interaction.response.send_message(embed=discord.Embed(description="x" * 4097))
        except discord.HTTPException as exc:
            events.put("long", exc)

    @tree.command(guild=guild, description="Answer, then revise the answer")
    async def revise(interaction: discord.Interaction) -> None:
        await interaction.response.defer()
        await interaction.edit_original_response(content="revised")
        original = await interaction.original_response()
        events.put("original", original.content)
        await interaction.delete_original_response()

    @tree.command(guild=guild, description="Answer with a file")
    async def attach(interaction: discord.Interaction) -> None:
        upload = discord.File(io.BytesIO(b"1. Minsk II"), filename="sources.txt")
        await interaction.response.send_message("sources attached", file=upload, ephemeral=True)

    async def topics(
        interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=f"topic {n}", value=f"t{n}") for n in range(int(current))]

    @tree.command(guild=guild, description="Search the topics")
    @app_commands.describe(topic="A topic")
    @app_commands.autocomplete(topic=topics)
    async def search(interaction: discord.Interaction, topic: str) -> None:
        await interaction.response.send_message(topic)

    @tree.command(guild=guild, description="Open a form")
    async def form(interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(NoteModal(events))

    return tree


class NoteModal(discord.ui.Modal, title="A note"):
    """A modal of one optional paragraph; submitting it answers privately with the note."""

    note: discord.ui.TextInput[NoteModal] = discord.ui.TextInput(
        label="Your note",
        style=discord.TextStyle.paragraph,
        custom_id="note",
        required=False,
        max_length=500,
        placeholder="Anything",
    )

    def __init__(self, events: Events) -> None:
        super().__init__(custom_id="fake:modal", timeout=None)
        self.events = events

    async def on_submit(self, interaction: discord.Interaction) -> None:
        self.events.put("note", self.note.value)
        await interaction.response.send_message(f"noted: {self.note.value}", ephemeral=True)


def make_client(
    fake: FakeDiscord,
    events: Events,
    intents: discord.Intents,
    client_class: type[discord.Client] = discord.Client,
) -> tuple[discord.Client, app_commands.CommandTree]:
    client = client_class(
        intents=intents,
        guild_ready_timeout=READY_TIMEOUT,
        allowed_mentions=discord.AllowedMentions.none(),
    )
    tree = build_tree(client, fake, events)

    @client.event
    async def on_message(message: discord.Message) -> None:
        events.put("message", message)

    @client.event
    async def on_interaction(interaction: discord.Interaction) -> None:
        if interaction.type is not discord.InteractionType.component:
            return
        data: JSON = dict(interaction.data or {})
        custom_id = str(data.get("custom_id") or "")
        if custom_id == "fake:open-modal":
            await interaction.response.send_modal(NoteModal(events))
        elif not custom_id.startswith("fake:ignore"):
            await interaction.response.edit_message(content="clicked")

    return client, tree


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeDiscord]:
    with FakeDiscord() as server, patched_discord(server):
        yield server


@pytest.fixture(scope="module")
def bot(fake: FakeDiscord) -> Iterator[Bot]:
    events = Events()
    client, tree = make_client(fake, events, discord.Intents.default())
    with run_client_in_thread(client, fake.token) as runner:
        runner.wait_until_ready()
        fake.wait_ready()
        login_requests = fake.requests()
        runner.call(tree.sync(guild=discord.Object(GUILD_ID)))
        yield Bot(client, tree, runner, events, login_requests)


@pytest.fixture(autouse=True)
def _fresh(request: pytest.FixtureRequest) -> None:
    if "fake" in request.fixturenames:
        request.getfixturevalue("fake").clear()
    if "bot" in request.fixturenames:
        request.getfixturevalue("bot").events.drain()


def eventually(condition: Callable[[], bool], timeout: float = 3.0) -> bool:
    """Poll `condition` until it holds or `timeout` passes; returns its last value."""
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)
    return condition()


def post_json(url: str, payload: JSON) -> tuple[int, JSON]:
    """POST JSON with plain urllib; returns (status, decoded body) even for 4xx answers."""
    request = urllib.request.Request(
        url,
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else {}
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


# -- login and gateway -------------------------------------------------------------------------


def test_login_identify_and_ready(fake: FakeDiscord, bot: Bot) -> None:
    [identify] = fake.connected_sessions()
    assert identify.token == DEFAULT_TOKEN
    assert identify.intents == discord.Intents.default().value
    assert identify.shard is None
    assert identify.compress == "zlib-stream"  # discord.py asks for it; the fake honours it
    assert bot.client.user is not None
    assert bot.client.user.id == BOT_ID
    assert bot.client.application_id == APPLICATION_ID
    guild = bot.client.get_guild(GUILD_ID)
    assert guild is not None
    channel = guild.get_channel(TEXT_CHANNEL_ID)
    assert channel is not None
    assert channel.name == "general"
    assert guild.me is not None
    paths = [(r.method, r.path, r.status) for r in bot.login_requests]
    assert ("GET", "/users/@me", 200) in paths
    assert ("GET", "/oauth2/applications/@me", 200) in paths
    me = next(r for r in bot.login_requests if r.path == "/users/@me")
    assert me.headers["Authorization"] == f"Bot {DEFAULT_TOKEN}"
    assert eventually(lambda: fake.heartbeats >= 1)


def test_wrong_token_is_a_login_failure(fake: FakeDiscord) -> None:
    async def attempt() -> None:
        client = discord.Client(intents=discord.Intents.default())
        try:
            await client.login("not-the-token")
        finally:
            await client.close()

    with pytest.raises(discord.LoginFailure):
        asyncio.run(attempt())
    refused = fake.wait_request("GET", "^/users/@me$")
    assert refused.status == 401
    assert refused.headers["Authorization"] == "Bot not-the-token"


def test_resume_after_a_dropped_connection(fake: FakeDiscord, bot: Bot) -> None:
    [before] = fake.connected_sessions()
    fake.disconnect(code=4000)
    resume = fake.wait_frame(6)
    assert resume.data["session_id"] == before.session_id
    assert resume.data["token"] == DEFAULT_TOKEN
    fake.wait_frame(0, lambda frame: frame.event == "RESUMED", direction="out")
    fake.dispatch("MESSAGE_CREATE", message_create(f"<@{BOT_ID}> still there?", mentions=[BOT_ID]))
    assert bot.events.next_message().content == f"<@{BOT_ID}> still there?"
    assert [r.session_id for r in fake.connected_sessions()] == [before.session_id]


def test_reconnect_request_is_followed_by_resume(fake: FakeDiscord, bot: Bot) -> None:
    [before] = fake.connected_sessions()
    fake.request_reconnect()
    assert fake.wait_frame(6).data["session_id"] == before.session_id
    fake.wait_frame(0, lambda frame: frame.event == "RESUMED", direction="out")
    assert eventually(lambda: fake.open_connections == 1)


def test_raw_gateway_protocol() -> None:
    """HELLO, heartbeat ACK, zlib-stream frames and sequence numbers, bad RESUME, bad token."""

    async def exchange(fake: FakeDiscord) -> None:
        async with aiohttp.ClientSession() as session:
            url = f"{fake.gateway_url}?v=10&encoding=json&compress=zlib-stream"
            async with session.ws_connect(url) as ws:
                inflate = zlib.decompressobj()

                async def receive() -> JSON:
                    message = await ws.receive(timeout=5)
                    assert message.type is aiohttp.WSMsgType.BINARY
                    assert message.data.endswith(b"\x00\x00\xff\xff")
                    decoded: JSON = json.loads(inflate.decompress(message.data))
                    return decoded

                hello = await receive()
                assert (hello["op"], hello["d"]["heartbeat_interval"]) == (10, 1000)
                await ws.send_json({"op": 1, "d": None})
                assert (await receive())["op"] == 11
                identify = {"token": fake.token, "intents": 513, "properties": {}}
                await ws.send_json({"op": 2, "d": identify})
                ready, guild = await receive(), await receive()
                assert (ready["t"], ready["s"]) == ("READY", 1)
                assert ready["d"]["resume_gateway_url"] == fake.resume_gateway_url
                assert ready["d"]["guilds"] == [{"id": str(GUILD_ID), "unavailable": True}]
                assert (guild["t"], guild["s"]) == ("GUILD_CREATE", 2)
            async with session.ws_connect(f"{fake.resume_gateway_url}?v=10") as ws:
                assert (await ws.receive_json(timeout=5))["op"] == 10
                resume = {"token": fake.token, "session_id": "nope", "seq": 2}
                await ws.send_json({"op": 6, "d": resume})
                assert await ws.receive_json(timeout=5) == {
                    "op": 9,
                    "d": False,
                    "s": None,
                    "t": None,
                }
            async with session.ws_connect(f"{fake.gateway_url}?v=10") as ws:
                await ws.receive_json(timeout=5)
                await ws.send_json({"op": 2, "d": {"token": "wrong", "intents": 0}})
                closing = await ws.receive(timeout=5)
                assert (closing.type, closing.data) == (aiohttp.WSMsgType.CLOSE, 4004)

    with FakeDiscord() as fake:
        asyncio.run(exchange(fake))
        assert [record.intents for record in fake.identifies] == [513]


def test_wait_request_lists_what_arrived_on_timeout(fake: FakeDiscord, bot: Bot) -> None:
    bot.runner.call(bot.tree.fetch_commands(guild=discord.Object(GUILD_ID)))
    with pytest.raises(AssertionError, match=r"(?s)received:.*GET /applications/\d+/guilds"):
        fake.wait_request("POST", "/nothing-like-this", timeout=0.1)


# -- commands ----------------------------------------------------------------------------------


def test_tree_sync_is_recorded_and_stored(fake: FakeDiscord, bot: Bot) -> None:
    synced = bot.runner.call(bot.tree.sync(guild=discord.Object(GUILD_ID)))
    request = fake.wait_request(
        "PUT", rf"^/applications/{APPLICATION_ID}/guilds/{GUILD_ID}/commands$"
    )
    assert request.status == 200
    names = {command["name"] for command in request.body}
    assert names == {"ask", "slow", "late", "long", "revise", "attach", "search", "form"}
    ask = next(command for command in request.body if command["name"] == "ask")
    assert ask["description"] == "Ask Envoy a question"
    assert ask["options"][0]["name"] == "question"
    stored = {command["name"]: command["id"] for command in fake.commands(GUILD_ID)}
    assert {command.name: str(command.id) for command in synced} == stored
    again = bot.runner.call(bot.tree.sync(guild=discord.Object(GUILD_ID)))
    assert {command.name: str(command.id) for command in again} == stored  # ids are stable


def test_invalid_commands_are_refused_like_discord(fake: FakeDiscord, bot: Bot) -> None:
    options = [
        {"name": f"o{n}", "description": "d", "type": 3, "required": False} for n in range(26)
    ]
    bad = [
        {"name": "Bad Name", "description": "", "type": 1},
        {"name": "many", "description": "y" * 101, "type": 1, "options": options},
        {
            "name": "picky",
            "description": "ok",
            "type": 1,
            "options": [
                {
                    "name": "pick",
                    "description": "d",
                    "type": 3,
                    "choices": [{"name": f"c{n}", "value": f"{n}"} for n in range(26)],
                }
            ],
        },
    ]
    http = bot.client.http
    with pytest.raises(discord.HTTPException) as caught:
        bot.runner.call(http.bulk_upsert_guild_commands(APPLICATION_ID, GUILD_ID, payload=bad))
    assert caught.value.status == 400
    assert caught.value.code == 50035
    for where in ("0.name", "0.description", "1.description", "1.options", "2.options.0.choices"):
        assert f"In {where}:" in caught.value.text
    assert fake.violations[-1].code == 50035
    assert {c["name"] for c in fake.commands(GUILD_ID)} >= {"ask"}  # nothing was replaced


# -- interactions ------------------------------------------------------------------------------


def test_slash_command_answered_with_an_embed(fake: FakeDiscord, bot: Bot) -> None:
    interaction_id = fake.send_interaction(
        slash_interaction("ask", {"question": "Who met in Minsk?"})
    )
    callback = fake.wait_callback(interaction_id)
    assert callback.status == 200
    assert callback.body["type"] == 4
    assert callback.query == {"with_response": "1"}
    assert callback.headers["Content-Type"] == "application/json"
    [embed] = callback.data["embeds"]
    assert embed["title"] == "Answer"
    assert embed["description"] == "You asked: Who met in Minsk?"
    assert callback.data["allowed_mentions"] == {"parse": []}
    sent = fake.wait_frame(0, lambda f: f.event == "INTERACTION_CREATE", direction="out")
    stored = next(c for c in fake.commands(GUILD_ID) if c["name"] == "ask")
    assert sent.data["data"]["id"] == stored["id"]  # filled from the synced commands
    assert sent.data["data"]["guild_id"] == str(GUILD_ID)
    assert (
        callback.response["resource"]["message"]["embeds"][0]["description"] == embed["description"]
    )
    assert fake.violations == []


def test_deferred_command_then_followup(fake: FakeDiscord, bot: Bot) -> None:
    payload = slash_interaction("slow")
    interaction_id = fake.send_interaction(payload)
    callback = fake.wait_callback(interaction_id)
    assert callback.body == {"type": 5}
    followup = fake.wait_followup(payload)
    assert followup.status == 200
    assert followup.body["content"] == "done"
    assert followup.query["wait"] == "1"
    # The first followup after a deferral replaces the "thinking..." message, as on Discord.
    thinking_id = int(callback.response["resource"]["message"]["id"])
    assert bot.events.next("followup") == thinking_id
    assert fake.violations == []


def test_answer_after_three_seconds_is_unknown_interaction(fake: FakeDiscord, bot: Bot) -> None:
    interaction_id = fake.send_interaction(slash_interaction("late"))
    callback = fake.wait_callback(interaction_id)
    assert callback.status == 404
    assert callback.code == 10062
    error = bot.events.next("late")
    assert isinstance(error, discord.NotFound)
    assert error.code == 10062
    assert fake.violations[-1].message == "Unknown interaction"


def test_original_response_edited_fetched_and_deleted(fake: FakeDiscord, bot: Bot) -> None:
    payload = slash_interaction("revise")
    fake.send_interaction(payload)
    token = payload["token"]
    original = rf"^/webhooks/{APPLICATION_ID}/{token}/messages/@original$"
    edit = fake.wait_request("PATCH", original)
    assert (edit.status, edit.body["content"]) == (200, "revised")
    assert edit.response["flags"] == 0  # no longer "thinking..."
    assert bot.events.next("original") == "revised"
    assert fake.wait_request("DELETE", original).status == 204
    assert fake.violations == []


def test_callback_with_a_file_is_multipart(fake: FakeDiscord, bot: Bot) -> None:
    interaction_id = fake.send_interaction(slash_interaction("attach"))
    callback = fake.wait_callback(interaction_id)
    assert callback.status == 200
    assert callback.headers["Content-Type"].startswith("multipart/form-data")
    assert callback.body["type"] == 4
    assert callback.data["content"] == "sources attached"
    assert callback.data["flags"] == 64
    assert [(f.field, f.filename, f.data) for f in callback.files] == [
        ("files[0]", "sources.txt", b"1. Minsk II")
    ]
    message = callback.response["resource"]["message"]
    assert message["attachments"][0]["filename"] == "sources.txt"
    assert callback.response["interaction"]["response_message_ephemeral"] is True


def test_second_initial_response_is_already_acknowledged(fake: FakeDiscord, bot: Bot) -> None:
    payload = slash_interaction("ask", {"question": "twice?"})
    interaction_id = fake.send_interaction(payload)
    assert fake.wait_callback(interaction_id).status == 200
    url = f"{fake.base_url}/interactions/{interaction_id}/{payload['token']}/callback"
    status, body = post_json(url, {"type": 4, "data": {"content": "again"}})
    assert (status, body["code"]) == (400, 40060)


def test_followup_token_expires_after_fifteen_minutes(fake: FakeDiscord, bot: Bot) -> None:
    payload = slash_interaction("slow")
    fake.send_interaction(payload)
    assert fake.wait_followup(payload).status == 200
    fake.advance(15 * 60 + 1)
    url = f"{fake.base_url}/webhooks/{APPLICATION_ID}/{payload['token']}?wait=1"
    status, body = post_json(url, {"content": "still here?"})
    assert (status, body["code"]) == (401, 50027)


def test_autocomplete_choices_limit(fake: FakeDiscord, bot: Bot) -> None:
    too_many = fake.send_interaction(autocomplete_interaction("search", "topic", "30"))
    refused = fake.wait_callback(too_many)
    assert refused.status == 400
    assert refused.code == 50035
    [error] = refused.response["errors"]["data"]["choices"]["_errors"]
    assert error["code"] == "BASE_TYPE_MAX_LENGTH"
    enough = fake.send_interaction(autocomplete_interaction("search", "topic", "25"))
    accepted = fake.wait_callback(enough)
    assert accepted.status == 200
    assert accepted.body["type"] == 8
    assert len(accepted.data["choices"]) == 25


def test_embed_description_over_4096_is_refused(fake: FakeDiscord, bot: Bot) -> None:
    interaction_id = fake.send_interaction(slash_interaction("long"))
    callback = fake.wait_callback(interaction_id)
    assert callback.status == 400
    errors = callback.response["errors"]["data"]["embeds"]["0"]["description"]["_errors"]
    assert errors[0]["message"] == "Must be 4096 or fewer in length."
    error = bot.events.next("long")
    assert isinstance(error, discord.HTTPException)
    assert error.code == 50035
    assert "In data.embeds.0.description" in error.text


def test_button_click_updates_the_message(fake: FakeDiscord, bot: Bot) -> None:
    interaction_id = fake.send_interaction(component_interaction("envoy:more"))
    callback = fake.wait_callback(interaction_id)
    assert callback.status == 200
    assert callback.body["type"] == 7
    assert callback.data["content"] == "clicked"
    assert callback.response["resource"]["message"]["content"] == "clicked"


# -- modals ------------------------------------------------------------------------------------


@pytest.mark.parametrize("labels", [False, True])
def test_modal_opened_by_a_command_then_submitted(
    fake: FakeDiscord, bot: Bot, labels: bool
) -> None:
    opened = fake.wait_callback(fake.send_interaction(slash_interaction("form")))
    assert opened.status == 200
    assert opened.body["type"] == 9
    modal = opened.data
    assert (modal["custom_id"], modal["title"]) == ("fake:modal", "A note")
    [row] = modal["components"]
    assert row["type"] == 1
    [text_input] = row["components"]
    assert text_input["type"] == 4
    assert text_input["style"] == 2
    assert (text_input["custom_id"], text_input["label"]) == ("note", "Your note")
    assert (text_input["required"], text_input["max_length"]) == (False, 500)
    assert "message" not in opened.response["resource"]

    payload = modal_submit_interaction("fake:modal", {"note": "a typo"}, labels=labels)
    assert payload["type"] == 5
    assert payload["data"]["components"][0]["type"] == (18 if labels else 1)
    answered = fake.wait_callback(fake.send_interaction(payload))
    assert answered.status == 200
    assert answered.body["type"] == 4
    assert answered.data["content"] == "noted: a typo"
    assert answered.data["flags"] == 64
    assert bot.events.next("note") == "a typo"
    assert fake.violations == []


def test_modal_opened_by_a_button_carries_its_message(fake: FakeDiscord, bot: Bot) -> None:
    click = component_interaction("fake:open-modal")
    opened = fake.wait_callback(fake.send_interaction(click))
    assert opened.body["type"] == 9
    payload = modal_submit_interaction("fake:modal", {"note": ""}, message=click["message"])
    assert payload["message"]["id"] == click["message"]["id"]
    answered = fake.wait_callback(fake.send_interaction(payload))
    assert answered.data["content"] == "noted: "
    assert bot.events.next("note") == ""


def _text_input(**changes: Any) -> JSON:
    return {"type": 4, "custom_id": "note", "style": 2, "label": "Your note", **changes}


def _row(*children: JSON) -> JSON:
    return {"type": 1, "components": list(children)}


@pytest.mark.parametrize(
    ("modal", "where"),
    [
        ({"custom_id": "m", "title": "t" * 46, "components": [_row(_text_input())]}, "title"),
        ({"custom_id": "m", "title": "", "components": [_row(_text_input())]}, "title"),
        ({"custom_id": "m", "components": [_row(_text_input())]}, "title"),
        ({"custom_id": "m" * 101, "title": "t", "components": [_row(_text_input())]}, "custom_id"),
        ({"custom_id": "m", "title": "t", "components": []}, "components"),
        ({"custom_id": "m", "title": "t", "components": [_row(_text_input())] * 6}, "components"),
        (
            {"custom_id": "m", "title": "t", "components": [_row(_text_input(), _text_input())]},
            "components.0.components",
        ),
        (
            {"custom_id": "m", "title": "t", "components": [_row()]},
            "components.0.components",
        ),
        (
            {"custom_id": "m", "title": "t", "components": [_row(_text_input(label="l" * 46))]},
            "components.0.components.0.label",
        ),
        (
            {"custom_id": "m", "title": "t", "components": [_row(_text_input(label=None))]},
            "components.0.components.0.label",
        ),
        (
            {"custom_id": "m", "title": "t", "components": [_row(_text_input(max_length=4001))]},
            "components.0.components.0.max_length",
        ),
        (
            {
                "custom_id": "m",
                "title": "t",
                "components": [_row({"type": 2, "style": 1, "label": "b", "custom_id": "b"})],
            },
            "components.0.components.0.type",
        ),
        (
            {
                "custom_id": "m",
                "title": "t",
                "components": [{"type": 18, "component": _text_input()}],
            },
            "components.0.label",
        ),
    ],
)
def test_invalid_modals_are_refused_like_discord(
    fake: FakeDiscord, bot: Bot, modal: JSON, where: str
) -> None:
    payload = component_interaction("fake:ignore")
    interaction_id = fake.send_interaction(payload)
    url = f"{fake.base_url}/interactions/{interaction_id}/{payload['token']}/callback"
    status, body = post_json(url, {"type": 9, "data": modal})
    assert (status, body["code"]) == (400, 50035)
    node = body["errors"]["data"]
    for key in where.split("."):
        node = node[key]
    assert node["_errors"]
    valid = {"custom_id": "m", "title": "t" * 45, "components": [_row(_text_input())] * 5}
    assert post_json(url, {"type": 9, "data": valid})[0] == 204


def test_a_modal_cannot_answer_a_modal(fake: FakeDiscord, bot: Bot) -> None:
    payload = modal_submit_interaction("fake:nobody-listens", {"note": "x"})
    interaction_id = fake.send_interaction(payload)
    url = f"{fake.base_url}/interactions/{interaction_id}/{payload['token']}/callback"
    modal = {"custom_id": "m", "title": "t", "components": [_row(_text_input())]}
    status, body = post_json(url, {"type": 9, "data": modal})
    assert (status, body["code"]) == (400, 50035)
    assert body["errors"]["type"]["_errors"][0]["code"] == "BASE_TYPE_CHOICES"
    assert post_json(url, {"type": 4, "data": {"content": "ok"}})[0] == 204


# -- messages ----------------------------------------------------------------------------------


def test_message_content_rule_without_the_intent(fake: FakeDiscord, bot: Bot) -> None:
    mention = f"<@{BOT_ID}> what was agreed in Minsk?"
    fake.dispatch("MESSAGE_CREATE", message_create(mention, mentions=[BOT_ID]))
    assert bot.events.next_message().content == mention

    embed = {"type": "rich", "title": "quoted"}
    fake.dispatch("MESSAGE_CREATE", message_create("just chatting", embeds=[embed]))
    plain = bot.events.next_message()
    assert plain.content == ""
    assert plain.embeds == []
    assert plain.guild is not None

    fake.dispatch("MESSAGE_CREATE", message_create("a private question", dm=True))
    private = bot.events.next_message()
    assert private.content == "a private question"
    assert private.guild is None
    assert isinstance(private.channel, discord.DMChannel)


def test_channel_messages_json_multipart_and_limits(fake: FakeDiscord, bot: Bot) -> None:
    channel = bot.client.get_channel(TEXT_CHANNEL_ID)
    assert isinstance(channel, discord.TextChannel)
    sent = bot.runner.call(channel.send("Hello from Envoy"))
    request = fake.wait_request("POST", rf"^/channels/{TEXT_CHANNEL_ID}/messages$")
    assert request.headers["Content-Type"] == "application/json"
    assert request.body["content"] == "Hello from Envoy"
    assert sent.id == int(request.response["id"])
    echoed = bot.events.next("message", lambda m: m.id == sent.id)
    assert echoed.author.id == BOT_ID  # Discord sends the bot its own messages too

    upload = discord.File(io.BytesIO(b"sources"), filename="sources.txt")
    with_file = bot.runner.call(channel.send("see attached", file=upload))
    request = fake.wait_request("POST", "/messages$", lambda r: bool(r.files))
    assert request.headers["Content-Type"].startswith("multipart/form-data")
    assert request.body["content"] == "see attached"
    assert request.files[0].data == b"sources"
    assert with_file.attachments[0].filename == "sources.txt"

    with pytest.raises(discord.HTTPException) as caught:
        bot.runner.call(channel.send("x" * 2001))
    assert caught.value.code == 50035
    assert "In content: Must be 2000 or fewer in length." in caught.value.text


def test_dm_channel_fetch_and_send(fake: FakeDiscord, bot: Bot) -> None:
    fetched = bot.runner.call(bot.client.fetch_channel(TEXT_CHANNEL_ID))
    assert isinstance(fetched, discord.TextChannel)
    assert fetched.name == "general"
    dm = bot.runner.call(bot.client.create_dm(discord.Object(USER_ID)))
    assert dm.id == DM_CHANNEL_ID
    assert fake.wait_request("POST", "^/users/@me/channels$").body == {"recipient_id": USER_ID}
    sent = bot.runner.call(dm.send("Here is your answer"))
    request = fake.wait_request("POST", rf"^/channels/{DM_CHANNEL_ID}/messages$")
    assert request.status == 200
    assert sent.content == "Here is your answer"
    with pytest.raises(discord.NotFound):
        bot.runner.call(bot.client.fetch_channel(1234))


# -- other clients -----------------------------------------------------------------------------


def test_sharded_client_with_message_content() -> None:
    intents = discord.Intents.default()
    intents.message_content = True
    events = Events()
    with FakeDiscord(shards=2, compress_gateway=False) as fake, patched_discord(fake):
        client, _ = make_client(fake, events, intents, discord.AutoShardedClient)
        with run_client_in_thread(client, fake.token) as runner:
            runner.wait_until_ready()
            records = fake.wait_ready()
            assert [record.shard for record in records] == [(0, 2), (1, 2)]
            assert {record.compress for record in records} == {None}  # plain text frames
            assert fake.requests("GET", "^/gateway/bot$")
            owner = (GUILD_ID >> 22) % 2
            guild = client.get_guild(GUILD_ID)
            assert guild is not None
            assert guild.shard_id == owner
            fake.dispatch("MESSAGE_CREATE", message_create("no mention needed"))
            assert events.next_message().content == "no mention needed"
            delivered = fake.frames(op=0, direction="out")
            message_shards = {f.shard for f in delivered if f.event == "MESSAGE_CREATE"}
            assert message_shards == {(owner, 2)}


def test_privileged_intent_not_enabled_fails_like_discord() -> None:
    intents = discord.Intents.default()
    intents.message_content = True
    with FakeDiscord(privileged_intents=0) as fake, patched_discord(fake):
        runner = run_client_in_thread(discord.Client(intents=intents), fake.token)
        with pytest.raises(RuntimeError, match="stopped before") as caught:
            runner.wait_until_ready()
        assert isinstance(caught.value.__cause__, discord.PrivilegedIntentsRequired)
        with pytest.raises(discord.PrivilegedIntentsRequired):
            runner.stop()
        assert fake.frames(op=2)[0].data["intents"] == intents.value


def test_clean_shutdown(fake: FakeDiscord, bot: Bot, caplog: pytest.LogCaptureFixture) -> None:
    def keep_alive_threads() -> int:
        return sum(t.name.startswith("keep-alive-handler") for t in threading.enumerate())

    baseline, connections = keep_alive_threads(), fake.open_connections
    client = discord.Client(intents=discord.Intents.default(), guild_ready_timeout=READY_TIMEOUT)
    caplog.set_level(logging.WARNING)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        runner = run_client_in_thread(client, fake.token)
        runner.wait_until_ready()
        assert fake.open_connections == connections + 1
        runner.stop()
        gc.collect()
    assert client.is_closed()
    assert not runner.thread.is_alive()
    assert runner.loop.is_closed()
    assert runner.error is None
    assert [w for w in caught if issubclass(w.category, ResourceWarning)] == []
    assert "Unclosed" not in caplog.text
    assert eventually(lambda: keep_alive_threads() == baseline)
    assert eventually(lambda: fake.open_connections == connections)
