"""A local stand-in for Discord, for tests that drive the real discord.py offline.

`FakeDiscord` serves, on 127.0.0.1 only, from its own thread and event loop:

* the REST API under ``/api/v10`` that discord.py uses for login, command sync, channel
  messages, interaction callbacks and followups (webhooks). Every answer carries
  ``Content-Type: application/json`` exactly: discord.py parses nothing else.
* the gateway websocket under ``/gateway``: HELLO, heartbeat ACKs, IDENTIFY -> READY and
  GUILD_CREATE, RESUME with replay of missed events, several shards, and the zlib-stream
  transport compression discord.py asks for in its query string.

Discord's rules are enforced as Discord answers them: HTTP 400 code 50035 with an ``errors``
tree for a payload over a limit (message, embed, component, autocomplete, modal, command), 404 code
10062 for an interaction answered after 3 s, 400 code 40060 for a second initial response,
401 code 50027 for an interaction token older than 15 minutes, and the Message Content rule
applied to each gateway connection from the intents it identified with. Every REST request is
kept as a `RecordedRequest`, every refusal as a `Violation`, every gateway frame as a
`GatewayFrame`; the clock behind the deadlines is injectable and can be moved with `advance`.

The module also owns the payload factories (`slash_interaction`, `autocomplete_interaction`,
`component_interaction`, `modal_submit_interaction`, `message_create`) so every test builds
wire payloads one way, `patched_discord` to point discord.py at a fake, and
`run_client_in_thread` to run a discord.py client in its own thread and loop from a
synchronous test::

    with FakeDiscord() as fake, patched_discord(fake):
        client = discord.Client(intents=discord.Intents.default(), guild_ready_timeout=0.05)
        with run_client_in_thread(client, fake.token) as runner:
            runner.wait_until_ready()
            interaction_id = fake.send_interaction(slash_interaction("ask", {"question": "?"}))
            callback = fake.wait_callback(interaction_id)

Wire formats follow discord.py 2.7.1 and Discord's public API reference. Where Discord
documents no exact error text (a response type that does not fit the interaction), the fake
picks a strict 400 code 50035.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import copy
import itertools
import json
import re
import secrets
import threading
import time
import uuid
import zlib
from collections.abc import Awaitable, Callable, Coroutine, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Final, Literal, Self, TypeVar

import aiohttp
import discord
import yarl
from aiohttp import WSMsgType, web

from tests.fakes.loopback import LOOPBACK, LoopbackServer

JSON = dict[str, Any]
OptionValue = str | int | float | bool
_T = TypeVar("_T")

API_VERSION: Final = 10

# -- identities --------------------------------------------------------------------------------

DEFAULT_TOKEN: Final = "fake-discord-bot-token"
BOT_ID: Final = 1_180_000_000_000_000_001
BOT_NAME: Final = "Envoy"
# Distinct from BOT_ID on purpose (Discord makes them equal): code that mixes them up fails here.
APPLICATION_ID: Final = 1_180_000_000_000_000_002
GUILD_ID: Final = 1_180_000_000_000_000_100
GUILD_NAME: Final = "Envoy Test Guild"
CATEGORY_ID: Final = 1_180_000_000_000_000_101
TEXT_CHANNEL_ID: Final = 1_180_000_000_000_000_102
OTHER_TEXT_CHANNEL_ID: Final = 1_180_000_000_000_000_103
VOICE_CHANNEL_ID: Final = 1_180_000_000_000_000_104
BOT_ROLE_ID: Final = 1_180_000_000_000_000_110
USER_ID: Final = 1_180_000_000_000_000_200
USER_NAME: Final = "alice"
OTHER_USER_ID: Final = 1_180_000_000_000_000_201
OTHER_USER_NAME: Final = "bob"
DM_CHANNEL_ID: Final = 1_180_000_000_000_000_300

# -- gateway intents (discord.Intents values) --------------------------------------------------

INTENT_GUILDS: Final = 1 << 0
INTENT_GUILD_MEMBERS: Final = 1 << 1
INTENT_GUILD_PRESENCES: Final = 1 << 8
INTENT_GUILD_MESSAGES: Final = 1 << 9
INTENT_DIRECT_MESSAGES: Final = 1 << 12
INTENT_MESSAGE_CONTENT: Final = 1 << 15
PRIVILEGED_INTENTS: Final = INTENT_GUILD_MEMBERS | INTENT_GUILD_PRESENCES | INTENT_MESSAGE_CONTENT

# -- Discord's JSON error codes ----------------------------------------------------------------

UNKNOWN_CHANNEL: Final = 10003
UNKNOWN_MESSAGE: Final = 10008
UNKNOWN_WEBHOOK: Final = 10015
UNKNOWN_INTERACTION: Final = 10062
INTERACTION_ALREADY_ACKNOWLEDGED: Final = 40060
EMPTY_MESSAGE: Final = 50006
INVALID_WEBHOOK_TOKEN: Final = 50027
INVALID_FORM_BODY: Final = 50035
INVALID_JSON: Final = 50109

GLOBAL_COMMAND: Final = 0
"""`command_guild_id` for the global copy of a command that a server also has a copy of."""

# -- gateway close codes (Discord's reasons) ---------------------------------------------------

CLOSE_REASONS: Final = {
    4000: "Unknown error.",
    4001: "Unknown opcode.",
    4002: "Error while decoding payload.",
    4003: "Not authenticated.",
    4004: "Authentication failed.",
    4005: "Already authenticated.",
    4010: "Invalid shard.",
    4011: "Sharding required.",
    4012: "Invalid API version",
    4013: "Invalid intent(s).",
    4014: "Disallowed intent(s).",
}

# -- limits ------------------------------------------------------------------------------------

INTERACTION_RESPONSE_DEADLINE: Final = 3.0
INTERACTION_TOKEN_LIFETIME: Final = 15 * 60.0
MAX_CONTENT: Final = 2000
MAX_EMBEDS: Final = 10
MAX_EMBED_TITLE: Final = 256
MAX_EMBED_DESCRIPTION: Final = 4096
MAX_EMBED_FIELDS: Final = 25
MAX_EMBED_FIELD_NAME: Final = 256
MAX_EMBED_FIELD_VALUE: Final = 1024
MAX_EMBED_FOOTER: Final = 2048
MAX_EMBED_AUTHOR: Final = 256
MAX_EMBED_TOTAL: Final = 6000
MAX_ACTION_ROWS: Final = 5
MAX_ROW_COMPONENTS: Final = 5
MAX_BUTTON_LABEL: Final = 80
MAX_CUSTOM_ID: Final = 100
MAX_SELECT_OPTIONS: Final = 25
MAX_SELECT_PLACEHOLDER: Final = 150
MAX_V2_COMPONENTS: Final = 40
MAX_CHOICES: Final = 25
MAX_CHOICE_NAME: Final = 100
MAX_CHOICE_VALUE: Final = 100
MAX_COMMAND_NAME: Final = 32
MAX_COMMAND_DESCRIPTION: Final = 100
MAX_COMMAND_OPTIONS: Final = 25
MAX_MODAL_TITLE: Final = 45
MAX_MODAL_COMPONENTS: Final = 5
MAX_TEXT_INPUT_LABEL: Final = 45
MAX_TEXT_INPUT_LENGTH: Final = 4000
MAX_TEXT_INPUT_PLACEHOLDER: Final = 100
MAX_LABEL_DESCRIPTION: Final = 100

ATTACHMENT_SIZE_LIMIT: Final = 10 * 1024 * 1024
MEMBER_PERMISSIONS: Final = "2248473465835073"
APP_PERMISSIONS: Final = "2248473465835073"
# GATEWAY_PRESENCE_LIMITED | GATEWAY_GUILD_MEMBERS_LIMITED | GATEWAY_MESSAGE_CONTENT_LIMITED
# | APPLICATION_COMMAND_BADGE: what an unverified bot with its privileged intents enabled has.
APPLICATION_FLAGS: Final = (1 << 13) | (1 << 15) | (1 << 19) | (1 << 23)
IS_COMPONENTS_V2: Final = 1 << 15
EPHEMERAL: Final = 1 << 6
LOADING: Final = 1 << 7

_DISCORD_EPOCH_MS: Final = 1_420_070_400_000
_SNOWFLAKE_COUNTER = itertools.count()
_SNOWFLAKE_LOCK = threading.Lock()
_API_PREFIX: Final = f"/api/v{API_VERSION}"

# Response types allowed for each interaction type (ping, command, component, autocomplete, modal).
_ALLOWED_RESPONSES: Final[Mapping[int, tuple[int, ...]]] = {
    1: (1,),
    2: (4, 5, 9, 12),
    3: (4, 5, 6, 7, 9),
    4: (8,),
    5: (4, 5, 6, 7),
}
_SELECT_TYPES: Final = frozenset({3, 5, 6, 7, 8})
_MESSAGE_FIELDS: Final = ("content", "embeds", "components", "flags", "tts", "poll")
_CONTENT_FIELDS: Final = ("embeds", "attachments", "components")


def new_snowflake() -> int:
    """A fresh, unique Discord snowflake carrying the current time."""
    with _SNOWFLAKE_LOCK:
        increment = next(_SNOWFLAKE_COUNTER) & 0x3FFFFF
    return ((int(time.time() * 1000) - _DISCORD_EPOCH_MS) << 22) | increment


def _iso_now() -> str:
    return datetime.now(UTC).isoformat()


def _interaction_token() -> str:
    # Real tokens are long base64 strings starting with "interaction:" encoded.
    return "aW50ZXJhY3Rpb246" + secrets.token_urlsafe(48)


# -- payload factories -------------------------------------------------------------------------


def user_payload(user_id: int, username: str, *, bot: bool = False) -> JSON:
    """A complete user object as Discord sends it (``discriminator`` "0", no avatar)."""
    user: JSON = {
        "id": str(user_id),
        "username": username,
        "discriminator": "0",
        "global_name": None if bot else username.capitalize(),
        "avatar": None,
        "public_flags": 0,
        "flags": 0,
        "banner": None,
        "accent_color": None,
        "avatar_decoration_data": None,
        "primary_guild": None,
        "collectibles": None,
    }
    if bot:
        user["bot"] = True
    return user


def member_payload(user: JSON | None = None, *, roles: Sequence[int] = ()) -> JSON:
    """A guild member object; with `user` None it is the partial form messages carry."""
    member: JSON = {
        "roles": [str(role) for role in roles],
        "joined_at": "2024-02-24T08:00:00.000000+00:00",
        "premium_since": None,
        "deaf": False,
        "mute": False,
        "flags": 0,
        "pending": False,
        "nick": None,
        "avatar": None,
        "banner": None,
        "communication_disabled_until": None,
    }
    if user is not None:
        member["user"] = copy.deepcopy(user)
    return member


DEFAULT_BOT_USER: Final[JSON] = user_payload(BOT_ID, BOT_NAME, bot=True)
DEFAULT_USER: Final[JSON] = user_payload(USER_ID, USER_NAME)
OTHER_USER: Final[JSON] = user_payload(OTHER_USER_ID, OTHER_USER_NAME)


def _known_user(user: int | Mapping[str, Any]) -> JSON:
    if isinstance(user, Mapping):
        return copy.deepcopy(dict(user))
    known = {BOT_ID: DEFAULT_BOT_USER, USER_ID: DEFAULT_USER, OTHER_USER_ID: OTHER_USER}
    return copy.deepcopy(known.get(user) or user_payload(user, f"user{user}"))


def _option_type(value: OptionValue) -> int:
    if isinstance(value, bool):
        return 5
    if isinstance(value, int):
        return 4
    if isinstance(value, float):
        return 10
    return 3


def _options(options: Mapping[str, OptionValue] | Sequence[Mapping[str, Any]] | None) -> list[JSON]:
    if options is None:
        return []
    if isinstance(options, Mapping):
        return [
            {"name": name, "type": _option_type(value), "value": value}
            for name, value in options.items()
        ]
    return [copy.deepcopy(dict(option)) for option in options]


def _guild_channel_partial(channel_id: int, guild_id: int) -> JSON:
    name = {TEXT_CHANNEL_ID: "general", OTHER_TEXT_CHANNEL_ID: "answers"}.get(channel_id)
    return {
        "id": str(channel_id),
        "type": 0,
        "guild_id": str(guild_id),
        "name": name or f"channel-{channel_id}",
        "position": 0,
        "parent_id": str(CATEGORY_ID),
        "topic": None,
        "nsfw": False,
        "last_message_id": None,
        "rate_limit_per_user": 0,
        "flags": 0,
        "permissions": MEMBER_PERMISSIONS,
    }


def _interaction(
    interaction_type: int,
    data: JSON,
    *,
    user: Mapping[str, Any] | None,
    guild_id: int,
    channel_id: int | None,
    dm: bool,
    application_id: int,
    locale: str,
    message: JSON | None = None,
) -> JSON:
    who = _known_user(user if user is not None else USER_ID)
    payload: JSON = {
        "id": str(new_snowflake()),
        "application_id": str(application_id),
        "type": interaction_type,
        "data": data,
        "token": _interaction_token(),
        "version": 1,
        "locale": locale,
        "app_permissions": APP_PERMISSIONS,
        "entitlements": [],
        "entitlement_sku_ids": [],
        "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
    }
    if dm:
        dm_channel = channel_id or DM_CHANNEL_ID
        payload.update(
            channel_id=str(dm_channel),
            channel={
                "id": str(dm_channel),
                "type": 1,
                "last_message_id": None,
                "flags": 0,
                "recipients": [who],
            },
            user=who,
            context=1,
            authorizing_integration_owners={"0": "0"},
        )
    else:
        guild_channel = channel_id or TEXT_CHANNEL_ID
        member = member_payload(who)
        member["permissions"] = MEMBER_PERMISSIONS
        payload.update(
            guild_id=str(guild_id),
            guild={"id": str(guild_id), "locale": "en-US", "features": []},
            guild_locale="en-US",
            channel_id=str(guild_channel),
            channel=_guild_channel_partial(guild_channel, guild_id),
            member=member,
            context=0,
            authorizing_integration_owners={"0": str(guild_id)},
        )
    if message is not None:
        payload["message"] = message
    return payload


def slash_interaction(
    name: str,
    options: Mapping[str, OptionValue] | Sequence[Mapping[str, Any]] | None = None,
    *,
    user: Mapping[str, Any] | None = None,
    guild_id: int = GUILD_ID,
    channel_id: int | None = None,
    dm: bool = False,
    command_id: int | None = None,
    command_guild_id: int | None = None,
    application_id: int = APPLICATION_ID,
    locale: str = "en-US",
) -> JSON:
    """An INTERACTION_CREATE payload for the slash command `name` (type 2).

    `options` maps option names to values (str -> type 3, int -> 4, bool -> 5, float -> 10),
    or is a list of raw option objects (for subcommands). `user` defaults to `DEFAULT_USER`.
    In a guild (the default) the payload carries ``member``, ``guild`` and the channel; with
    ``dm=True`` it carries ``user`` and a DM channel. `FakeDiscord.send_interaction` fills the
    command's id, ``guild_id`` and option types from the commands the client synced: the
    server's own copy when it has one, as Discord lists it first; `command_guild_id` picks
    the copy of that server, or with `GLOBAL_COMMAND` the global one.
    """
    data: JSON = {
        "id": str(command_id or new_snowflake()),
        "name": name,
        "type": 1,
        "options": _options(options),
    }
    if command_guild_id is not None:
        data["guild_id"] = str(command_guild_id)
    return _interaction(
        2,
        data,
        user=user,
        guild_id=guild_id,
        channel_id=channel_id,
        dm=dm,
        application_id=application_id,
        locale=locale,
    )


def autocomplete_interaction(
    name: str,
    focused_option: str,
    value: str,
    options: Mapping[str, OptionValue] | None = None,
    *,
    user: Mapping[str, Any] | None = None,
    guild_id: int = GUILD_ID,
    channel_id: int | None = None,
    dm: bool = False,
    command_guild_id: int | None = None,
    application_id: int = APPLICATION_ID,
    locale: str = "en-US",
) -> JSON:
    """An autocomplete interaction (type 4): the user is typing `value` into `focused_option`.

    `options` holds the command's other, already filled options.
    """
    payload = slash_interaction(
        name,
        options,
        user=user,
        guild_id=guild_id,
        channel_id=channel_id,
        dm=dm,
        command_guild_id=command_guild_id,
        application_id=application_id,
        locale=locale,
    )
    payload["type"] = 4
    payload["data"]["options"].append(
        {"name": focused_option, "type": 3, "value": value, "focused": True}
    )
    return payload


def bot_message(
    content: str = "",
    *,
    components: Sequence[Mapping[str, Any]] = (),
    embeds: Sequence[Mapping[str, Any]] = (),
    channel_id: int | None = None,
    guild_id: int | None = GUILD_ID,
    bot_user: Mapping[str, Any] | None = None,
    message_id: int | None = None,
) -> JSON:
    """A message the bot posted earlier (e.g. the one a clicked button sits on)."""
    message: JSON = {
        "id": str(message_id or new_snowflake()),
        "channel_id": str(channel_id or (TEXT_CHANNEL_ID if guild_id else DM_CHANNEL_ID)),
        "author": copy.deepcopy(dict(bot_user or DEFAULT_BOT_USER)),
        "content": content,
        "timestamp": _iso_now(),
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": [copy.deepcopy(dict(embed)) for embed in embeds],
        "pinned": False,
        "type": 0,
        "flags": 0,
        "components": [copy.deepcopy(dict(component)) for component in components],
    }
    if guild_id is not None:
        message["guild_id"] = str(guild_id)
    return message


def component_interaction(
    custom_id: str,
    *,
    message: Mapping[str, Any] | None = None,
    component_type: int = 2,
    values: Sequence[str] | None = None,
    user: Mapping[str, Any] | None = None,
    guild_id: int = GUILD_ID,
    channel_id: int | None = None,
    dm: bool = False,
    application_id: int = APPLICATION_ID,
    locale: str = "en-US",
) -> JSON:
    """A message component interaction (type 3): a button click or a select choice.

    `message` is the message the component sits on; by default a bot message holding one
    action row with a button of `custom_id`. `values` are a select menu's chosen values.
    """
    data: JSON = {"custom_id": custom_id, "component_type": component_type}
    if values is not None:
        data["values"] = list(values)
    if message is None:
        button = {"type": 2, "style": 1, "label": "Go", "custom_id": custom_id}
        message = bot_message(
            components=[{"type": 1, "components": [button]}],
            channel_id=channel_id,
            guild_id=None if dm else guild_id,
        )
    return _interaction(
        3,
        data,
        user=user,
        guild_id=guild_id,
        channel_id=channel_id,
        dm=dm,
        application_id=application_id,
        locale=locale,
        message=copy.deepcopy(dict(message)),
    )


def modal_submit_interaction(
    custom_id: str,
    values: Mapping[str, str] | None = None,
    *,
    message: Mapping[str, Any] | None = None,
    labels: bool = False,
    user: Mapping[str, Any] | None = None,
    guild_id: int = GUILD_ID,
    channel_id: int | None = None,
    dm: bool = False,
    application_id: int = APPLICATION_ID,
    locale: str = "en-US",
) -> JSON:
    """A modal submission (type 5): what the user typed into the modal `custom_id`.

    `values` maps each text input's custom_id to what was typed, in the modal's order (as
    Discord does, an optional input left blank comes back as ""). Each comes back in an
    action row (type 1), as for a modal built of rows, or with `labels` in a Label (type 18).
    `message` is the message whose button opened the modal, when a button did.
    """
    components: list[JSON] = []
    for number, (input_id, value) in enumerate((values or {}).items()):
        text_input: JSON = {"type": 4, "id": 2 * number + 2, "custom_id": input_id, "value": value}
        if labels:
            components.append({"type": 18, "id": 2 * number + 1, "component": text_input})
        else:
            components.append({"type": 1, "id": 2 * number + 1, "components": [text_input]})
    return _interaction(
        5,
        {"custom_id": custom_id, "components": components},
        user=user,
        guild_id=guild_id,
        channel_id=channel_id,
        dm=dm,
        application_id=application_id,
        locale=locale,
        message=copy.deepcopy(dict(message)) if message is not None else None,
    )


def message_create(
    content: str,
    *,
    author: int | Mapping[str, Any] | None = None,
    channel_id: int | None = None,
    guild_id: int = GUILD_ID,
    mentions: Sequence[int | Mapping[str, Any]] = (),
    dm: bool = False,
    embeds: Sequence[Mapping[str, Any]] = (),
    attachments: Sequence[Mapping[str, Any]] = (),
    components: Sequence[Mapping[str, Any]] = (),
    message_id: int | None = None,
) -> JSON:
    """A MESSAGE_CREATE payload: `author` (default `DEFAULT_USER`) posts `content`.

    `mentions` lists user ids or user objects; `BOT_ID` stands for the fake's default bot, so
    ``message_create(f"<@{BOT_ID}> hi", mentions=[BOT_ID])`` mentions it. In a guild the
    payload carries ``guild_id`` and a partial ``member``; ``dm=True`` posts in the DM channel.
    """
    who = _known_user(author if author is not None else USER_ID)
    message: JSON = {
        "id": str(message_id or new_snowflake()),
        "channel_id": str(channel_id or (DM_CHANNEL_ID if dm else TEXT_CHANNEL_ID)),
        "author": who,
        "content": content,
        "timestamp": _iso_now(),
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": [copy.deepcopy(dict(item)) for item in attachments],
        "embeds": [copy.deepcopy(dict(item)) for item in embeds],
        "pinned": False,
        "type": 0,
        "flags": 0,
        "components": [copy.deepcopy(dict(item)) for item in components],
        "nonce": str(new_snowflake()),
    }
    for mentioned in mentions:
        mention = _known_user(mentioned)
        if not dm:
            mention["member"] = member_payload()
        message["mentions"].append(mention)
    if not dm:
        message["guild_id"] = str(guild_id)
        message["member"] = member_payload()
    return message


# -- validation --------------------------------------------------------------------------------

Path = tuple[str | int, ...]


class _Errors:
    """Collects Discord's ``errors`` tree: ``{"embeds": {"0": {"title": {"_errors": [...]}}}}``."""

    def __init__(self) -> None:
        self.tree: JSON = {}

    def __bool__(self) -> bool:
        return bool(self.tree)

    def add(self, path: Path, code: str, message: str) -> None:
        node = self.tree
        for key in path:
            node = node.setdefault(str(key), {})
        node.setdefault("_errors", []).append({"code": code, "message": message})

    def reply(self) -> _Reply:
        """The 400 answer: code 50035 "Invalid Form Body" with the tree."""
        body = {"code": INVALID_FORM_BODY, "errors": self.tree, "message": "Invalid Form Body"}
        return _Reply(400, body)

    def _size(self, path: Path, size: int, maximum: int, minimum: int) -> None:
        if minimum and not minimum <= size <= maximum:
            message = f"Must be between {minimum} and {maximum} in length."
            self.add(path, "BASE_TYPE_BAD_LENGTH", message)
        elif size > maximum:
            self.add(path, "BASE_TYPE_MAX_LENGTH", f"Must be {maximum} or fewer in length.")

    def text(
        self, path: Path, value: Any, maximum: int, *, minimum: int = 0, required: bool = False
    ) -> int:
        """Check one string field; returns its length (0 when absent) for embed totals."""
        if value is None:
            if required:
                self.add(path, "BASE_TYPE_REQUIRED", "This field is required")
            return 0
        if not isinstance(value, str):
            self.add(path, "STRING_TYPE_CONVERT", "Could not interpret value as string.")
            return 0
        self._size(path, len(value), maximum, minimum)
        return len(value)

    def items(self, path: Path, value: Any, maximum: int, *, minimum: int = 0) -> list[Any]:
        """Check one array field; returns it (or [] when it is not an array)."""
        if not isinstance(value, list):
            self.add(path, "LIST_TYPE_CONVERT", "Must be an array.")
            return []
        self._size(path, len(value), maximum, minimum)
        return value

    def identifier(self, path: Path, value: Any) -> None:
        """A required ``custom_id``: 1 to 100 characters."""
        self.text(path, value, MAX_CUSTOM_ID, minimum=1, required=True)


def _entry(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _validate_embeds(embeds: Any, errors: _Errors, path: Path) -> None:
    total = 0
    for index, embed in enumerate(errors.items(path, embeds, MAX_EMBEDS)):
        where, entry = (*path, index), _entry(embed)
        total += errors.text((*where, "title"), entry.get("title"), MAX_EMBED_TITLE)
        description = entry.get("description")
        total += errors.text((*where, "description"), description, MAX_EMBED_DESCRIPTION)
        if entry.get("fields") is not None:
            fields = errors.items((*where, "fields"), entry["fields"], MAX_EMBED_FIELDS)
            for number, item in enumerate(fields):
                spot, pair = (*where, "fields", number), _entry(item)
                for key, limit in (
                    ("name", MAX_EMBED_FIELD_NAME),
                    ("value", MAX_EMBED_FIELD_VALUE),
                ):
                    total += errors.text(
                        (*spot, key), pair.get(key), limit, minimum=1, required=True
                    )
        footer = _entry(entry.get("footer")).get("text")
        total += errors.text((*where, "footer", "text"), footer, MAX_EMBED_FOOTER)
        author = _entry(entry.get("author")).get("name")
        total += errors.text((*where, "author", "name"), author, MAX_EMBED_AUTHOR)
    if total > MAX_EMBED_TOTAL:
        message = f"Embed size exceeds maximum size of {MAX_EMBED_TOTAL}"
        errors.add(path, "MAX_EMBED_SIZE_EXCEEDED", message)


def _validate_component(component: Any, errors: _Errors, path: Path) -> None:
    entry = _entry(component)
    kind = entry.get("type")
    if kind == 2:
        errors.text((*path, "label"), entry.get("label"), MAX_BUTTON_LABEL)
        if entry.get("style") == 5:
            errors.text((*path, "url"), entry.get("url"), 512, required=True)
        elif entry.get("style") != 6:
            errors.identifier((*path, "custom_id"), entry.get("custom_id"))
    elif kind == 4:
        errors.identifier((*path, "custom_id"), entry.get("custom_id"))
    elif kind in _SELECT_TYPES:
        errors.identifier((*path, "custom_id"), entry.get("custom_id"))
        placeholder = entry.get("placeholder")
        errors.text((*path, "placeholder"), placeholder, MAX_SELECT_PLACEHOLDER)
        if kind == 3:
            options = entry.get("options")
            checked = errors.items((*path, "options"), options, MAX_SELECT_OPTIONS, minimum=1)
            for index, option in enumerate(checked):
                spot, item = (*path, "options", index), _entry(option)
                for key in ("label", "value"):
                    errors.text((*spot, key), item.get(key), 100, minimum=1, required=True)
                errors.text((*spot, "description"), item.get("description"), 100)


def _validate_action_rows(rows: Any, errors: _Errors, path: Path) -> None:
    for index, row in enumerate(errors.items(path, rows, MAX_ACTION_ROWS)):
        where, entry = (*path, index), _entry(row)
        if entry.get("type") != 1:
            errors.add((*where, "type"), "BASE_TYPE_CHOICES", "Value must be one of {1}.")
            continue
        spot = (*where, "components")
        children = errors.items(spot, entry.get("components"), MAX_ROW_COMPONENTS, minimum=1)
        if len(children) > 1 and any(_entry(c).get("type") in _SELECT_TYPES for c in children):
            message = "The specified component exceeds the maximum width"
            errors.add(spot, "COMPONENT_LAYOUT_WIDTH_EXCEEDED", message)
        for number, child in enumerate(children):
            _validate_component(child, errors, (*spot, number))


def _walk_v2(components: Any, errors: _Errors, path: Path) -> int:
    """Validate a components-v2 tree; returns how many components it holds."""
    if not isinstance(components, list):
        return 0
    count = 0
    for index, component in enumerate(components):
        where, entry = (*path, index), _entry(component)
        count += 1
        _validate_component(component, errors, where)
        count += _walk_v2(entry.get("components"), errors, (*where, "components"))
        if isinstance(entry.get("accessory"), Mapping):
            count += 1
            _validate_component(entry["accessory"], errors, (*where, "accessory"))
    return count


def _validate_message(body: Mapping[str, Any], errors: _Errors, path: Path = ()) -> None:
    """Check a message body (create or edit) against Discord's message limits."""
    errors.text((*path, "content"), body.get("content"), MAX_CONTENT)
    if body.get("embeds") is not None:
        _validate_embeds(body["embeds"], errors, (*path, "embeds"))
    components = body.get("components")
    if components is None:
        return
    flags = body.get("flags") or 0
    if not (isinstance(flags, int) and flags & IS_COMPONENTS_V2):
        _validate_action_rows(components, errors, (*path, "components"))
        return
    for key in ("content", "embeds"):
        if body.get(key):
            message = "The 'content' and 'embeds' fields cannot be used with IS_COMPONENTS_V2"
            errors.add((*path, key), "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2", message)
    if _walk_v2(components, errors, (*path, "components")) > MAX_V2_COMPONENTS:
        message = f"Must be {MAX_V2_COMPONENTS} or fewer in length."
        errors.add((*path, "components"), "BASE_TYPE_MAX_LENGTH", message)


def _is_empty(body: Mapping[str, Any], files: Sequence[UploadedFile]) -> bool:
    keys = ("content", "embeds", "components", "attachments", "sticker_ids", "poll")
    return not files and not any(body.get(key) for key in keys)


def _validate_choices(data: Any, errors: _Errors) -> None:
    path: Path = ("data", "choices")
    for index, choice in enumerate(errors.items(path, _entry(data).get("choices"), MAX_CHOICES)):
        where, entry = (*path, index), _entry(choice)
        errors.text((*where, "name"), entry.get("name"), MAX_CHOICE_NAME, minimum=1, required=True)
        value = entry.get("value")
        if isinstance(value, str):
            errors.text((*where, "value"), value, MAX_CHOICE_VALUE)
        elif not isinstance(value, int | float) or isinstance(value, bool):
            errors.add((*where, "value"), "BASE_TYPE_REQUIRED", "This field is required")


def _validate_text_input(component: Any, errors: _Errors, path: Path, *, labelled: bool) -> None:
    """One text input (type 4). In an action row it carries its own label (1-45, required);
    inside a Label component (type 18) the label is the Label's."""
    entry = _entry(component)
    if entry.get("type") != 4:
        errors.add((*path, "type"), "BASE_TYPE_CHOICES", "Value must be one of {4}.")
        return
    errors.identifier((*path, "custom_id"), entry.get("custom_id"))
    if entry.get("style") not in (1, 2):
        errors.add((*path, "style"), "BASE_TYPE_CHOICES", "Value must be one of {1, 2}.")
    label = entry.get("label")
    errors.text((*path, "label"), label, MAX_TEXT_INPUT_LABEL, minimum=1, required=not labelled)
    placeholder = entry.get("placeholder")
    errors.text((*path, "placeholder"), placeholder, MAX_TEXT_INPUT_PLACEHOLDER)
    errors.text((*path, "value"), entry.get("value"), MAX_TEXT_INPUT_LENGTH)
    bounds = {"min_length": 0, "max_length": 1}
    for key, least in bounds.items():
        value = entry.get(key)
        if value is None:
            continue
        if not isinstance(value, int) or isinstance(value, bool):
            errors.add((*path, key), "NUMBER_TYPE_COERCE", f"Value {value!r} is not int.")
        elif not least <= value <= MAX_TEXT_INPUT_LENGTH:
            message = f"Int value should be between {least} and {MAX_TEXT_INPUT_LENGTH}."
            errors.add((*path, key), "NUMBER_TYPE_MIN_MAX", message)
    low, high = entry.get("min_length"), entry.get("max_length")
    if isinstance(low, int) and isinstance(high, int) and low > high:
        message = "min_length must be less than or equal to max_length."
        errors.add((*path, "min_length"), "BASE_TYPE_BAD_LENGTH", message)


def _validate_modal(data: Any, errors: _Errors) -> None:
    """A modal (response type 9): custom_id 1-100, title 1-45, and 1-5 components, each an
    action row holding exactly one text input, or a Label (type 18) holding one text input
    or select menu."""
    entry = _entry(data)
    errors.identifier(("data", "custom_id"), entry.get("custom_id"))
    title = entry.get("title")
    errors.text(("data", "title"), title, MAX_MODAL_TITLE, minimum=1, required=True)
    path: Path = ("data", "components")
    rows = errors.items(path, entry.get("components"), MAX_MODAL_COMPONENTS, minimum=1)
    for index, row in enumerate(rows):
        where, item = (*path, index), _entry(row)
        kind = item.get("type")
        if kind == 1:
            spot = (*where, "components")
            children = errors.items(spot, item.get("components"), 1, minimum=1)
            for number, child in enumerate(children):
                _validate_text_input(child, errors, (*spot, number), labelled=False)
        elif kind == 18:
            label = item.get("label")
            errors.text((*where, "label"), label, MAX_TEXT_INPUT_LABEL, minimum=1, required=True)
            description = item.get("description")
            errors.text((*where, "description"), description, MAX_LABEL_DESCRIPTION)
            inner = item.get("component")
            if _entry(inner).get("type") in _SELECT_TYPES:
                _validate_component(inner, errors, (*where, "component"))
            else:
                _validate_text_input(inner, errors, (*where, "component"), labelled=True)
        else:
            errors.add((*where, "type"), "BASE_TYPE_CHOICES", "Value must be one of {1, 18}.")


def _valid_chat_input_name(name: Any) -> bool:
    if not isinstance(name, str) or not 1 <= len(name) <= MAX_COMMAND_NAME:
        return False
    return name == name.lower() and all(char.isalnum() or char in "-_'" for char in name)


def _validate_choice_list(choices: Any, errors: _Errors, path: Path) -> None:
    for number, choice in enumerate(errors.items(path, choices, MAX_CHOICES)):
        item = _entry(choice)
        name = item.get("name")
        errors.text((*path, number, "name"), name, MAX_CHOICE_NAME, minimum=1, required=True)
        if isinstance(item.get("value"), str):
            errors.text((*path, number, "value"), item["value"], MAX_CHOICE_VALUE)


def _validate_options(options: Any, errors: _Errors, path: Path) -> None:
    seen: set[str] = set()
    optional_seen = False
    for index, option in enumerate(errors.items(path, options, MAX_COMMAND_OPTIONS)):
        where, entry = (*path, index), _entry(option)
        name = entry.get("name")
        if not _valid_chat_input_name(name):
            errors.add(
                (*where, "name"), "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid"
            )
        elif name in seen:
            code = "APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS"
            errors.add((*where, "name"), code, "Option names must be unique")
        seen.add(str(name))
        description = entry.get("description")
        errors.text(
            (*where, "description"), description, MAX_COMMAND_DESCRIPTION, minimum=1, required=True
        )
        kind = entry.get("type")
        if not isinstance(kind, int) or not 1 <= kind <= 11:
            errors.add((*where, "type"), "BASE_TYPE_CHOICES", "Value must be one of (1..11).")
            continue
        if kind in (1, 2):  # subcommand, subcommand group
            if entry.get("options") is not None:
                _validate_options(entry["options"], errors, (*where, "options"))
            continue
        if not entry.get("required"):
            optional_seen = True
        elif optional_seen:
            message = "Required options must be placed before non-required options"
            code = "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID"
            errors.add((*where, "required"), code, message)
        if entry.get("choices") is not None:
            _validate_choice_list(entry["choices"], errors, (*where, "choices"))


def _validate_commands(commands: Any, errors: _Errors) -> None:
    """Check a bulk overwrite (``PUT .../commands``) the way Discord does."""
    seen: set[tuple[int, str]] = set()
    for index, command in enumerate(errors.items((), commands, 100)):
        entry = _entry(command)
        kind, name = entry.get("type", 1), entry.get("name")
        description = entry.get("description")
        if kind == 1:
            if not _valid_chat_input_name(name):
                message = "Command name is invalid"
                errors.add((index, "name"), "APPLICATION_COMMAND_INVALID_NAME", message)
            errors.text(
                (index, "description"),
                description,
                MAX_COMMAND_DESCRIPTION,
                minimum=1,
                required=True,
            )
            if entry.get("options") is not None:
                _validate_options(entry["options"], errors, (index, "options"))
        else:
            errors.text((index, "name"), name, MAX_COMMAND_NAME, minimum=1, required=True)
            if description:
                message = "Context menu commands cannot have description"
                errors.add(
                    (index, "description"), "APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION", message
                )
        if (kind, str(name)) in seen:
            message = f"Application command names must be unique: {name}"
            errors.add((index, "name"), "APPLICATION_COMMANDS_DUPLICATE_NAME", message)
        seen.add((kind, str(name)))


# -- records -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart request (``files[0]``...)."""

    field: str
    filename: str | None
    content_type: str | None
    data: bytes


@dataclass(frozen=True)
class RecordedRequest:
    """One REST request the fake answered.

    ``path`` is relative to ``/api/v10`` (``/channels/1/messages``); ``body`` is the parsed JSON
    body, or the ``payload_json`` part of a multipart body (whose files are in ``files``);
    ``time`` is read from the fake's clock; ``response`` is the JSON answered (None for 204).
    """

    method: str
    path: str
    query: dict[str, str]
    body: Any
    files: tuple[UploadedFile, ...]
    headers: dict[str, str]
    time: float
    status: int
    response: Any

    @property
    def data(self) -> JSON:
        """The ``data`` of an interaction callback, or an empty dict."""
        data = self.body.get("data") if isinstance(self.body, Mapping) else None
        return data if isinstance(data, dict) else {}

    @property
    def code(self) -> int | None:
        """Discord's JSON error code of a refusal, if any."""
        if isinstance(self.response, Mapping) and isinstance(self.response.get("code"), int):
            return int(self.response["code"])
        return None


@dataclass(frozen=True)
class Violation:
    """A request the fake refused (HTTP 4xx), with Discord's code, message and errors tree."""

    request: RecordedRequest
    status: int
    code: int
    message: str
    errors: JSON | None


@dataclass(frozen=True)
class IdentifyRecord:
    """What a gateway connection sent in IDENTIFY, and how it connected."""

    session_id: str
    token: str
    intents: int | None
    shard: tuple[int, int] | None
    properties: JSON
    compress: str | None
    large_threshold: int | None
    presence: JSON | None
    time: float


@dataclass(frozen=True)
class GatewayFrame:
    """A gateway payload: ``"in"`` from a client (heartbeats left out) or ``"out"`` (dispatches).

    For an outbound dispatch, ``data`` is what that connection received, after the Message
    Content rule.
    """

    direction: Literal["in", "out"]
    shard: tuple[int, int] | None
    op: int
    event: str | None
    seq: int | None
    data: Any
    time: float


@dataclass(frozen=True)
class _Reply:
    status: int
    body: Any = None


def _error(status: int, code: int, message: str) -> _Reply:
    return _Reply(status, {"message": message, "code": code})


@dataclass
class _Call:
    method: str
    path: str
    params: dict[str, str]
    query: dict[str, str]
    body: Any
    files: list[UploadedFile]
    headers: dict[str, str]


@dataclass
class _Interaction:
    id: int
    token: str
    type: int
    application_id: int
    guild_id: int | None
    channel_id: int | None
    user: JSON
    message: JSON | None
    dispatched_at: float | None = None
    response_type: int | None = None
    original: JSON | None = None
    loading: bool = False
    followups: dict[int, JSON] = field(default_factory=dict)


class _Connection:
    """One gateway websocket: compression state and a send lock keeping frames in order."""

    def __init__(self, ws: web.WebSocketResponse, compress: str | None) -> None:
        self.ws = ws
        self.compress = compress
        self._compressor = zlib.compressobj() if compress == "zlib-stream" else None
        self._lock = asyncio.Lock()
        self.session: _Session | None = None
        self.closed_by_server = False
        self.client_close_code: int | None = None

    async def send(self, payload: JSON) -> bool:
        """Send one payload; False when the socket is already gone."""
        text = json.dumps(payload, separators=(",", ":"))
        async with self._lock:
            if self.ws.closed:
                return False
            try:
                if self._compressor is not None:
                    data = self._compressor.compress(text.encode())
                    await self.ws.send_bytes(data + self._compressor.flush(zlib.Z_SYNC_FLUSH))
                else:
                    await self.ws.send_str(text)
            except (ConnectionError, RuntimeError):
                return False
        return True

    async def close(self, code: int, reason: str) -> None:
        self.closed_by_server = True
        await self.ws.close(code=code, message=reason.encode())


@dataclass
class _Session:
    id: str
    token: str
    intents: int
    shard: tuple[int, int] | None
    conn: _Connection | None
    lock: asyncio.Lock
    seq: int = 0
    log: list[JSON] = field(default_factory=list)
    ready: bool = False
    ended: bool = False

    def serves(self, shard_of: Callable[[int], int] | None) -> bool:
        if self.shard is None or shard_of is None:
            return self.shard is None or self.shard[0] == 0
        return self.shard[0] == shard_of(self.shard[1])


@dataclass(frozen=True)
class _Route:
    method: str
    pattern: re.Pattern[str]
    handler: Callable[[_Call], _Reply]
    auth: bool


def _describe(request: RecordedRequest) -> str:
    return f"{request.method} {request.path} -> {request.status}"


# -- the fake ----------------------------------------------------------------------------------


class FakeDiscord(LoopbackServer):
    """Discord's REST API and gateway, served on 127.0.0.1 from a background thread.

    Public helpers are thread-safe and meant for the test's thread; they must not be called
    from the fake's own loop.
    """

    _thread_name = "fake-discord"

    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        bot_id: int = BOT_ID,
        bot_name: str = BOT_NAME,
        application_id: int = APPLICATION_ID,
        guild_id: int = GUILD_ID,
        guild_name: str = GUILD_NAME,
        shards: int = 1,
        heartbeat_interval_ms: int = 1000,
        interaction_deadline: float = INTERACTION_RESPONSE_DEADLINE,
        token_lifetime: float = INTERACTION_TOKEN_LIFETIME,
        clock: Callable[[], float] = time.monotonic,
        compress_gateway: bool = True,
        privileged_intents: int = PRIVILEGED_INTENTS,
        echo_own_messages: bool = True,
        identify_close: int | None = None,
    ) -> None:
        """Configure the fake; nothing listens until `start`.

        `shards` is what ``GET /gateway/bot`` recommends (AutoShardedClient follows it).
        `privileged_intents` are those the application may use: IDENTIFY asking for more is
        closed with 4014, as Discord does. With `compress_gateway` the fake honours discord.py's
        ``compress=zlib-stream``; without it, it sends plain text frames (discord.py reads both).
        With `echo_own_messages` a message the bot posts comes back as MESSAGE_CREATE, as on
        Discord, so code under test must ignore its own messages. With `identify_close` every
        IDENTIFY is answered by closing the gateway with that code (and Discord's reason for
        it), whatever it carries: 4004 for a token reset after the REST login, say, or 4014
        for intents the application lost.
        """
        super().__init__()
        self.token = token
        self.bot_id = bot_id
        self.application_id = application_id
        self.guild_id = guild_id
        self.shards = shards
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.interaction_deadline = interaction_deadline
        self.token_lifetime = token_lifetime
        self.compress_gateway = compress_gateway
        self.privileged_intents = privileged_intents
        self.echo_own_messages = echo_own_messages
        self.identify_close = identify_close
        self._clock = clock
        self._clock_offset = 0.0
        self.bot_user: JSON = user_payload(bot_id, bot_name, bot=True)
        self.user: JSON = copy.deepcopy(DEFAULT_USER)
        self._guild_name = guild_name

        self._cond = threading.Condition(threading.RLock())
        self._requests: list[RecordedRequest] = []
        self._violations: list[Violation] = []
        self._frames: list[GatewayFrame] = []
        self._identifies: list[IdentifyRecord] = []
        self._sessions: dict[str, _Session] = {}
        self._connections: set[_Connection] = set()
        self._interactions: dict[int, _Interaction] = {}
        self._by_token: dict[str, _Interaction] = {}
        self._commands: dict[int | None, list[JSON]] = {}
        self._command_ids: dict[tuple[int | None, int, str], int] = {}
        self._messages: dict[int, JSON] = {}
        self._dm_channels: dict[int, JSON] = {USER_ID: self._dm_channel(DM_CHANNEL_ID, self.user)}
        self._attachments: dict[int, UploadedFile] = {}
        self._heartbeats = 0
        self._client_close_codes: list[int | None] = []
        self._tasks: set[asyncio.Task[Any]] = set()

        self._routes = self._build_routes()

    # -- lifecycle ----------------------------------------------------------------------------

    def _make_app(self) -> web.Application:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", _API_PREFIX + "/{tail:.*}", self._handle_rest)
        app.router.add_get("/gateway", self._handle_gateway)
        app.router.add_get("/resume-gateway", self._handle_gateway)
        app.router.add_get("/attachments/{id}/{filename}", self._handle_attachment)
        app.router.add_route("*", "/{tail:.*}", self._handle_rest)
        return app

    async def _close_clients(self) -> None:
        for conn in list(self._connections):
            await conn.close(1001, "server shutdown")

    def _spawn(self, coro: Coroutine[Any, Any, Any]) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # -- addresses, clock and world ----------------------------------------------------------

    @property
    def root_url(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return f"http://{LOOPBACK}:{self.port}"

    @property
    def base_url(self) -> str:
        """The REST base for ``discord.http.Route.BASE``: ``http://127.0.0.1:PORT/api/v10``."""
        return self.root_url + _API_PREFIX

    @property
    def gateway_url(self) -> str:
        """The gateway for ``DiscordWebSocket.DEFAULT_GATEWAY``: ``ws://127.0.0.1:PORT/gateway``."""
        return f"ws://{LOOPBACK}:{self.port}/gateway"

    @property
    def resume_gateway_url(self) -> str:
        """Where READY tells clients to RESUME: ``ws://127.0.0.1:PORT/resume-gateway``."""
        return f"ws://{LOOPBACK}:{self.port}/resume-gateway"

    def now(self) -> float:
        """The fake's clock: the injected clock plus everything passed to `advance`."""
        with self._cond:
            return self._clock() + self._clock_offset

    def advance(self, seconds: float) -> None:
        """Move the fake's clock forward (past the 3 s deadline, or a token's 15 minutes).

        Thread-safe: a command handler running in the client's loop may call it.
        """
        with self._cond:
            self._clock_offset += seconds

    @property
    def text_channel_id(self) -> int:
        """The guild's ``#general`` text channel."""
        return TEXT_CHANNEL_ID

    @property
    def dm_channel_id(self) -> int:
        """The DM channel between the bot and `user` (alice)."""
        return DM_CHANNEL_ID

    def guild_payload(self) -> JSON:
        """The full guild object sent in GUILD_CREATE: channels, roles, members."""
        guild = self.guild_id
        everyone = {
            "id": str(guild),
            "name": "@everyone",
            "permissions": "1071698660929",
            "position": 0,
            "color": 0,
            "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            "hoist": False,
            "managed": False,
            "mentionable": False,
            "icon": None,
            "unicode_emoji": None,
            "flags": 0,
        }
        bot_role = everyone | {
            "id": str(BOT_ROLE_ID),
            "name": self.bot_user["username"],
            "permissions": APP_PERMISSIONS,
            "position": 1,
            "managed": True,
            "tags": {"bot_id": str(self.bot_id)},
        }
        members = [
            member_payload(self.bot_user, roles=[BOT_ROLE_ID]),
            member_payload(self.user),
            member_payload(OTHER_USER),
        ]
        return {
            "id": str(guild),
            "name": self._guild_name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "banner": None,
            "description": None,
            "owner_id": str(USER_ID),
            "afk_channel_id": None,
            "afk_timeout": 300,
            "system_channel_id": str(TEXT_CHANNEL_ID),
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "safety_alerts_channel_id": None,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "nsfw_level": 0,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "premium_progress_bar_enabled": False,
            "preferred_locale": "en-US",
            "vanity_url_code": None,
            "features": [],
            "roles": [everyone, bot_role],
            "emojis": [],
            "stickers": [],
            "channels": [
                {k: v for k, v in channel.items() if k != "guild_id"}
                for channel in self._guild_channels().values()
            ],
            "threads": [],
            "members": members,
            "member_count": len(members),
            "presences": [],
            "voice_states": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
            "joined_at": "2024-02-24T08:00:00.000000+00:00",
            "large": False,
            "unavailable": False,
            "lazy": True,
            "max_members": 500000,
            "max_video_channel_users": 25,
            "application_id": None,
        }

    def _guild_channels(self) -> dict[int, JSON]:
        base = {
            "guild_id": str(self.guild_id),
            "permission_overwrites": [],
            "nsfw": False,
            "flags": 0,
        }
        category = base | {"id": str(CATEGORY_ID), "type": 4, "name": "Text", "position": 0}
        text = base | {
            "type": 0,
            "parent_id": str(CATEGORY_ID),
            "topic": None,
            "last_message_id": None,
            "rate_limit_per_user": 0,
        }
        voice = base | {
            "id": str(VOICE_CHANNEL_ID),
            "type": 2,
            "name": "Voice",
            "position": 2,
            "parent_id": str(CATEGORY_ID),
            "bitrate": 64000,
            "user_limit": 0,
            "rtc_region": None,
            "last_message_id": None,
            "rate_limit_per_user": 0,
        }
        return {
            CATEGORY_ID: category,
            TEXT_CHANNEL_ID: text | {"id": str(TEXT_CHANNEL_ID), "name": "general", "position": 0},
            OTHER_TEXT_CHANNEL_ID: text
            | {"id": str(OTHER_TEXT_CHANNEL_ID), "name": "answers", "position": 1},
            VOICE_CHANNEL_ID: voice,
        }

    def _dm_channel(self, channel_id: int, recipient: JSON) -> JSON:
        return {
            "id": str(channel_id),
            "type": 1,
            "last_message_id": None,
            "flags": 0,
            "recipients": [copy.deepcopy(recipient)],
        }

    def _channel(self, channel_id: int) -> JSON | None:
        channel = self._guild_channels().get(channel_id)
        if channel is not None:
            return channel
        return next((dm for dm in self._dm_channels.values() if int(dm["id"]) == channel_id), None)

    # -- records -----------------------------------------------------------------------------

    def requests(self, method: str | None = None, path: str | None = None) -> list[RecordedRequest]:
        """Recorded requests, oldest first; `path` is a regex searched in the path."""
        with self._cond:
            return [
                request
                for request in self._requests
                if (method is None or request.method == method.upper())
                and (path is None or re.search(path, request.path))
            ]

    @property
    def violations(self) -> list[Violation]:
        """Every refused request so far, oldest first."""
        with self._cond:
            return list(self._violations)

    @property
    def identifies(self) -> list[IdentifyRecord]:
        """Every IDENTIFY received, oldest first."""
        with self._cond:
            return list(self._identifies)

    @property
    def heartbeats(self) -> int:
        """How many heartbeats (op 1) clients have sent."""
        with self._cond:
            return self._heartbeats

    def frames(self, op: int | None = None, direction: str | None = None) -> list[GatewayFrame]:
        """Recorded gateway frames, oldest first."""
        with self._cond:
            return [
                frame
                for frame in self._frames
                if (op is None or frame.op == op)
                and (direction is None or frame.direction == direction)
            ]

    @property
    def client_close_codes(self) -> list[int | None]:
        """The close code of each gateway connection the client closed, oldest first: 1000
        (or 1001) ends the session and takes the bot offline at once; anything else leaves
        it resumable, and the bot shown online until Discord times the session out."""
        with self._cond:
            return list(self._client_close_codes)

    @property
    def open_connections(self) -> int:
        """How many gateway websockets are open right now."""
        with self._cond:
            return len(self._connections)

    def connected_sessions(self) -> list[IdentifyRecord]:
        """IDENTIFY records of the sessions that have an open gateway connection now.

        A session whose connection dropped stays resumable (and keeps receiving dispatches, to
        replay on RESUME) but is not listed. discord.py's ``close()`` leaves its session
        resumable too: it closes with 4000, not 1000.
        """
        with self._cond:
            live = {s.id for s in self._sessions.values() if s.conn is not None and not s.ended}
            return [record for record in self._identifies if record.session_id in live]

    def commands(self, guild_id: int | None = None) -> list[JSON]:
        """The application commands synced globally (None) or for `guild_id`."""
        with self._cond:
            return copy.deepcopy(self._commands.get(guild_id, []))

    def messages(self, channel_id: int | None = None) -> list[JSON]:
        """Messages the bot posted to channels through ``POST /channels/{id}/messages``."""
        with self._cond:
            return [
                copy.deepcopy(message)
                for message in self._messages.values()
                if channel_id is None or message["channel_id"] == str(channel_id)
            ]

    def clear(self) -> None:
        """Forget recorded requests, violations and gateway frames (state such as commands,
        sessions and interactions stays)."""
        with self._cond:
            self._requests.clear()
            self._violations.clear()
            self._frames.clear()

    def _wait_for(
        self, find: Callable[[], _T | None], timeout: float, describe: Callable[[], str]
    ) -> _T:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = find()
                if found is not None:
                    return found
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(describe())
                self._cond.wait(remaining)

    def wait_request(
        self,
        method: str,
        path_regex: str,
        predicate: Callable[[RecordedRequest], bool] | None = None,
        timeout: float = 5.0,
    ) -> RecordedRequest:
        """The first recorded request matching; waits up to `timeout` s for one to arrive.

        `path_regex` is searched (``re.search``) in the path relative to ``/api/v10``. On
        timeout raises AssertionError listing what the fake did receive.
        """
        wanted = method.upper()

        def find() -> RecordedRequest | None:
            return next(
                (
                    request
                    for request in self._requests
                    if request.method == wanted
                    and re.search(path_regex, request.path)
                    and (predicate is None or predicate(request))
                ),
                None,
            )

        def describe() -> str:
            received = "\n  ".join(_describe(request) for request in self._requests) or "nothing"
            return (
                f"no {wanted} {path_regex!r} within {timeout} s"
                f"{' matching the predicate' if predicate else ''}; received:\n  {received}"
            )

        return self._wait_for(find, timeout, describe)

    def wait_callback(self, interaction_id: int, timeout: float = 5.0) -> RecordedRequest:
        """The first response (``POST /interactions/{id}/{token}/callback``) to an interaction."""
        return self.wait_request(
            "POST", rf"^/interactions/{interaction_id}/[^/]+/callback$", timeout=timeout
        )

    def wait_followup(
        self, interaction: str | Mapping[str, Any], timeout: float = 5.0
    ) -> RecordedRequest:
        """The first followup (``POST /webhooks/{app}/{token}``) for an interaction token or
        payload."""
        token = interaction if isinstance(interaction, str) else str(interaction["token"])
        return self.wait_request("POST", rf"^/webhooks/\d+/{re.escape(token)}$", timeout=timeout)

    def wait_frame(
        self,
        op: int,
        predicate: Callable[[GatewayFrame], bool] | None = None,
        timeout: float = 5.0,
        direction: Literal["in", "out"] = "in",
    ) -> GatewayFrame:
        """The first gateway frame with `op` (e.g. 6 for a client's RESUME), waiting for it.

        With ``direction="out"`` it looks at dispatches sent (op 0; use `predicate` on
        ``frame.event``).
        """

        def find() -> GatewayFrame | None:
            return next(
                (
                    frame
                    for frame in self._frames
                    if frame.direction == direction
                    and frame.op == op
                    and (predicate is None or predicate(frame))
                ),
                None,
            )

        def describe() -> str:
            seen = ", ".join(
                f"op {frame.op} {frame.event or ''}".strip()
                for frame in self._frames
                if frame.direction == direction
            )
            return f"no gateway op {op} ({direction}) within {timeout} s; saw: {seen or 'nothing'}"

        return self._wait_for(find, timeout, describe)

    def wait_ready(self, timeout: float = 10.0) -> list[IdentifyRecord]:
        """Wait until every shard has identified and been sent READY and GUILD_CREATE.

        Returns the connected sessions' IDENTIFY records, by shard. Meant for one client at a
        time per fake.
        """

        def find() -> list[IdentifyRecord] | None:
            live = [s for s in self._sessions.values() if s.ready and s.conn and not s.ended]
            if not live:
                return None
            count = max((s.shard[1] if s.shard else 1) for s in live)
            covered = {s.shard[0] if s.shard else 0 for s in live}
            if covered != set(range(count)):
                return None
            ids = {s.id for s in live}
            records = [record for record in self._identifies if record.session_id in ids]
            return sorted(records, key=lambda record: record.shard or (0, 1))

        def describe() -> str:
            return f"no client became ready within {timeout} s; IDENTIFYs: {self._identifies!r}"

        return self._wait_for(find, timeout, describe)

    def _record(self, request: RecordedRequest) -> None:
        with self._cond:
            self._requests.append(request)
            if request.status >= 400 and isinstance(request.response, Mapping):
                self._violations.append(
                    Violation(
                        request=request,
                        status=request.status,
                        code=int(request.response.get("code", 0)),
                        message=str(request.response.get("message", "")),
                        errors=request.response.get("errors"),
                    )
                )
            self._cond.notify_all()

    def _record_frame(
        self,
        direction: Literal["in", "out"],
        shard: tuple[int, int] | None,
        op: int,
        event: str | None,
        seq: int | None,
        data: Any,
    ) -> None:
        with self._cond:
            self._frames.append(GatewayFrame(direction, shard, op, event, seq, data, self.now()))
            self._cond.notify_all()

    # -- dispatching from the test -----------------------------------------------------------

    def dispatch(self, event: str, data: Mapping[str, Any], *, timeout: float = 5.0) -> None:
        """Send a gateway DISPATCH (``t`` = `event`) to the sessions that would receive it.

        A guild event goes to the shard owning its ``guild_id``, anything else to shard 0.
        MESSAGE_CREATE/UPDATE obey the intents (GUILD_MESSAGES, DIRECT_MESSAGES) and the
        Message Content rule of each session. A session between reconnects gets it on RESUME.
        Raises AssertionError if no client has identified.
        """
        payload = copy.deepcopy(dict(data))
        delivered = self._call_in_loop(self._deliver(event, payload), timeout)
        if not delivered:
            raise AssertionError(
                f"no identified gateway session to receive {event}; call wait_ready() first"
            )

    def send_interaction(self, payload: Mapping[str, Any], *, timeout: float = 5.0) -> int:
        """Dispatch INTERACTION_CREATE and start its 3 s clock; returns the interaction id.

        As Discord does, the command's ``data.id``, ``data.guild_id`` (for a guild command) and
        option types are taken from the commands the client synced, when the name matches.
        """
        interaction = copy.deepcopy(dict(payload))
        self._resolve_command(interaction)
        interaction_id = int(interaction["id"])
        guild = interaction.get("guild_id")
        channel = interaction.get("channel_id")
        state = _Interaction(
            id=interaction_id,
            token=str(interaction["token"]),
            type=int(interaction["type"]),
            application_id=int(interaction["application_id"]),
            guild_id=int(guild) if guild else None,
            channel_id=int(channel) if channel else None,
            user=(interaction.get("member") or {}).get("user") or interaction.get("user") or {},
            message=interaction.get("message"),
        )
        with self._cond:
            self._interactions[interaction_id] = state
            self._by_token[state.token] = state
        self.dispatch("INTERACTION_CREATE", interaction, timeout=timeout)
        return interaction_id

    def _resolve_command(self, interaction: JSON) -> None:
        data = interaction.get("data")
        if interaction.get("type") not in (2, 4) or not isinstance(data, dict):
            return
        name, kind = data.get("name"), data.get("type", 1)
        guild = interaction.get("guild_id")
        scopes: list[int | None]
        if data.get("guild_id") == str(GLOBAL_COMMAND):
            del data["guild_id"]  # a global command's interaction carries no data.guild_id
            scopes = [None]
        elif "guild_id" in data:
            scopes = [int(data["guild_id"])]
        else:
            scopes = [int(guild), None] if guild else [None]
        with self._cond:
            for scope in scopes:
                command = next(
                    (
                        c
                        for c in self._commands.get(scope, [])
                        if c["name"] == name and c.get("type", 1) == kind
                    ),
                    None,
                )
                if command is None:
                    continue
                data["id"] = command["id"]
                if scope is not None:
                    data["guild_id"] = str(scope)
                types = {o["name"]: o.get("type") for o in command.get("options") or []}
                for option in data.get("options") or []:
                    if option.get("type") not in (1, 2) and types.get(option.get("name")):
                        option["type"] = types[option["name"]]
                return

    def disconnect(self, shard_id: int | None = None, code: int = 4000) -> None:
        """Close live gateway connections (of one shard, or all) with `code`.

        With a resumable code such as 4000 discord.py comes back with RESUME.
        """
        self._call_in_loop(self._close_connections(shard_id, code))

    def request_reconnect(self, shard_id: int | None = None) -> None:
        """Send op 7 RECONNECT: the client closes and RESUMEs."""
        self._call_in_loop(self._broadcast_op(shard_id, {"op": 7, "d": None, "s": None, "t": None}))

    def _targets(self, shard_id: int | None) -> list[_Connection]:
        with self._cond:
            return [
                conn
                for conn in self._connections
                if conn.session is not None
                and (shard_id is None or (conn.session.shard or (0, 1))[0] == shard_id)
            ]

    async def _close_connections(self, shard_id: int | None, code: int) -> None:
        for conn in self._targets(shard_id):
            await conn.close(code, "closed by the fake")

    async def _broadcast_op(self, shard_id: int | None, payload: JSON) -> None:
        for conn in self._targets(shard_id):
            await conn.send(payload)

    async def _deliver(self, event: str, data: JSON) -> int:
        guild = int(data.get("guild_id") or 0)

        def shard_of(count: int) -> int:
            return (guild >> 22) % count

        with self._cond:
            sessions = [
                s
                for s in self._sessions.values()
                if not s.ended and s.serves(shard_of if guild else None)
            ]
            if event == "INTERACTION_CREATE":
                state = self._interactions.get(int(data["id"]))
                if state is not None:
                    state.dispatched_at = self.now()
        for session in sessions:
            visible = self._visible(session, event, data)
            if visible is not None:
                await self._emit(session, event, visible)
        return len(sessions)

    def _visible(self, session: _Session, event: str, data: JSON) -> JSON | None:
        """What `session` receives of a dispatch: intents filter and the Message Content rule."""
        if event not in ("MESSAGE_CREATE", "MESSAGE_UPDATE", "MESSAGE_DELETE"):
            return data
        in_dm = "guild_id" not in data
        needed = INTENT_DIRECT_MESSAGES if in_dm else INTENT_GUILD_MESSAGES
        if not session.intents & needed:
            return None
        if event == "MESSAGE_DELETE" or in_dm or session.intents & INTENT_MESSAGE_CONTENT:
            return data
        bot = str(self.bot_id)
        author = data.get("author") or {}
        mentioned = any(str(m.get("id")) == bot for m in data.get("mentions") or [])
        if author.get("id") == bot or mentioned:
            return data
        stripped = copy.deepcopy(data)
        if "content" in stripped:
            stripped["content"] = ""
        for key in _CONTENT_FIELDS:
            if key in stripped:
                stripped[key] = []
        stripped.pop("poll", None)
        return stripped

    async def _emit(self, session: _Session, event: str, data: JSON) -> None:
        async with session.lock:
            with self._cond:
                session.seq += 1
                frame = {"op": 0, "t": event, "s": session.seq, "d": data}
                session.log.append(frame)
                del session.log[:-1000]
                self._record_frame("out", session.shard, 0, event, session.seq, data)
            conn = session.conn
            if conn is not None:
                await conn.send(frame)

    # -- gateway -----------------------------------------------------------------------------

    async def _handle_gateway(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        compress = request.query.get("compress")
        conn = _Connection(ws, compress if self.compress_gateway else None)
        with self._cond:
            self._connections.add(conn)
        try:
            if request.query.get("v") != str(API_VERSION):
                await conn.close(4012, "Invalid API version")
                return ws
            if request.query.get("encoding", "json") != "json":
                await conn.close(4002, "Error while decoding payload.")
                return ws
            hello = {"heartbeat_interval": self.heartbeat_interval_ms, "_trace": ["fake-discord"]}
            await conn.send({"op": 10, "d": hello, "s": None, "t": None})
            while True:
                message = await ws.receive()
                if message.type is WSMsgType.CLOSE:  # the code the client sent, as Discord
                    conn.client_close_code = int(message.data)  # reads it (our reply may fail)
                    break
                if message.type in (WSMsgType.CLOSING, WSMsgType.CLOSED, WSMsgType.ERROR):
                    break
                if message.type is not WSMsgType.TEXT:
                    await conn.close(4002, "Error while decoding payload.")
                    break
                try:
                    payload = json.loads(message.data)
                except ValueError:
                    await conn.close(4002, "Error while decoding payload.")
                    break
                await self._on_frame(conn, payload)
        finally:
            with self._cond:
                self._connections.discard(conn)
                code = conn.client_close_code or ws.close_code  # 1006: gone without a frame
                if not conn.closed_by_server:
                    self._client_close_codes.append(code)
                session = conn.session
                if session is not None and session.conn is conn:
                    session.conn = None
                    # A client closing with 1000/1001 ends its session; anything else may resume.
                    # (discord.py's close() sends 4000 while its reader waits: still resumable.)
                    if not conn.closed_by_server and code in (1000, 1001):
                        session.ended = True
                self._cond.notify_all()
        return ws

    async def _on_frame(self, conn: _Connection, payload: Any) -> None:
        if not isinstance(payload, dict) or not isinstance(payload.get("op"), int):
            await conn.close(4002, "Error while decoding payload.")
            return
        op, data = payload["op"], payload.get("d")
        shard = conn.session.shard if conn.session else None
        if op == 1:
            with self._cond:
                self._heartbeats += 1
            await conn.send({"op": 11, "d": None, "s": None, "t": None})
            return
        self._record_frame("in", shard, op, None, None, data)
        if op == 2:
            await self._identify(conn, data if isinstance(data, dict) else {})
        elif op == 6:
            await self._resume(conn, data if isinstance(data, dict) else {})
        elif conn.session is None:
            await conn.close(4003, "Not authenticated.")
        elif op == 8:
            await self._members_chunk(conn.session, data if isinstance(data, dict) else {})
        elif op not in (3, 4):
            await conn.close(4001, "Unknown opcode.")

    async def _identify(self, conn: _Connection, data: JSON) -> None:
        if conn.session is not None:
            await conn.close(4005, "Already authenticated.")
            return
        if self.identify_close is not None:
            await conn.close(self.identify_close, CLOSE_REASONS.get(self.identify_close, ""))
            return
        if data.get("token") != self.token:
            await conn.close(4004, "Authentication failed.")
            return
        raw_shard = data.get("shard")
        shard: tuple[int, int] | None = None
        if raw_shard is not None:
            valid = isinstance(raw_shard, list) and len(raw_shard) == 2
            if not valid or not 0 <= raw_shard[0] < raw_shard[1]:
                await conn.close(4010, "Invalid shard.")
                return
            shard = (int(raw_shard[0]), int(raw_shard[1]))
        intents = data.get("intents")
        if not isinstance(intents, int):
            await conn.close(4013, "Invalid intent(s).")
            return
        if intents & PRIVILEGED_INTENTS & ~self.privileged_intents:
            await conn.close(4014, "Disallowed intent(s).")
            return
        session = _Session(
            id=uuid.uuid4().hex,
            token=self.token,
            intents=intents,
            shard=shard,
            conn=conn,
            lock=asyncio.Lock(),
        )
        conn.session = session
        record = IdentifyRecord(
            session_id=session.id,
            token=str(data.get("token")),
            intents=intents,
            shard=shard,
            properties=dict(data.get("properties") or {}),
            compress=conn.compress,
            large_threshold=data.get("large_threshold"),
            presence=data.get("presence"),
            time=self.now(),
        )
        with self._cond:
            self._sessions[session.id] = session
            self._identifies.append(record)
        owns_guild = shard is None or (self.guild_id >> 22) % shard[1] == shard[0]
        ready: JSON = {
            "v": API_VERSION,
            "user": self.bot_user | {"verified": True, "mfa_enabled": False, "email": None},
            "user_settings": {},
            "session_id": session.id,
            "session_type": "normal",
            "resume_gateway_url": self.resume_gateway_url,
            "guilds": [{"id": str(self.guild_id), "unavailable": True}] if owns_guild else [],
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "guild_join_requests": [],
            "geo_ordered_rtc_regions": ["rotterdam"],
            "application": {"id": str(self.application_id), "flags": APPLICATION_FLAGS},
            "_trace": ["fake-discord"],
        }
        if shard is not None:
            ready["shard"] = list(shard)
        await self._emit(session, "READY", ready)
        if owns_guild:
            await self._emit(session, "GUILD_CREATE", self.guild_payload())
        with self._cond:
            session.ready = True
            self._cond.notify_all()

    async def _resume(self, conn: _Connection, data: JSON) -> None:
        if data.get("token") != self.token:
            await conn.close(4004, "Authentication failed.")
            return
        with self._cond:
            session = self._sessions.get(str(data.get("session_id")))
        if session is None or session.ended:
            await conn.send({"op": 9, "d": False, "s": None, "t": None})
            return
        seq = data.get("seq") or 0
        async with session.lock:
            with self._cond:
                session.conn = conn
                conn.session = session
                missed = [frame for frame in session.log if frame["s"] > seq]
            for frame in missed:
                await conn.send(frame)
        await self._emit(session, "RESUMED", {"_trace": ["fake-discord"]})

    async def _members_chunk(self, session: _Session, data: JSON) -> None:
        members = self.guild_payload()["members"]
        query = str(data.get("query") or "")
        wanted = {str(user) for user in data.get("user_ids") or []}
        chosen = [
            m
            for m in members
            if (not wanted or m["user"]["id"] in wanted) and m["user"]["username"].startswith(query)
        ]
        limit = data.get("limit") or 0
        chunk: JSON = {
            "guild_id": str(self.guild_id),
            "members": chosen[:limit] if limit else chosen,
            "chunk_index": 0,
            "chunk_count": 1,
            "not_found": [],
        }
        if data.get("nonce") is not None:
            chunk["nonce"] = data["nonce"]
        await self._emit(session, "GUILD_MEMBERS_CHUNK", chunk)

    # -- REST plumbing -----------------------------------------------------------------------

    def _build_routes(self) -> list[_Route]:
        commands = r"/applications/(?P<app>\d+)/commands"
        guild_commands = r"/applications/(?P<app>\d+)/guilds/(?P<guild>\d+)/commands"
        webhook = r"/webhooks/(?P<app>\d+)/(?P<token>[^/]+)"
        webhook_message = webhook + r"/messages/(?P<message>@original|\d+)"
        channel = r"/channels/(?P<channel>\d+)"
        channel_message = channel + r"/messages/(?P<message>\d+)"
        table: list[tuple[str, str, Callable[[_Call], _Reply], bool]] = [
            ("GET", "/users/@me", self._get_me, True),
            ("GET", "/oauth2/applications/@me", self._get_application, True),
            ("GET", "/applications/@me", self._get_application, True),
            ("GET", "/gateway", self._get_gateway, False),
            ("GET", "/gateway/bot", self._get_gateway_bot, True),
            ("GET", commands, self._get_commands, True),
            ("PUT", commands, self._put_commands, True),
            ("GET", guild_commands, self._get_commands, True),
            ("PUT", guild_commands, self._put_commands, True),
            ("POST", r"/interactions/(?P<id>\d+)/(?P<token>[^/]+)/callback", self._callback, False),
            ("POST", webhook, self._followup, False),
            ("GET", webhook_message, self._get_webhook_message, False),
            ("PATCH", webhook_message, self._edit_webhook_message, False),
            ("DELETE", webhook_message, self._delete_webhook_message, False),
            ("POST", channel + "/messages", self._create_message, True),
            ("GET", channel_message, self._get_message, True),
            ("PATCH", channel_message, self._edit_message, True),
            ("DELETE", channel_message, self._delete_message, True),
            ("POST", channel + "/typing", self._typing, True),
            ("GET", channel, self._get_channel, True),
            ("POST", "/users/@me/channels", self._create_dm, True),
        ]
        return [
            _Route(method, re.compile(pattern + "$"), handler, auth)
            for method, pattern, handler, auth in table
        ]

    async def _handle_rest(self, request: web.Request) -> web.Response:
        raw_path = request.path
        path = raw_path[len(_API_PREFIX) :] if raw_path.startswith(_API_PREFIX + "/") else raw_path
        body, files, bad_json = await self._read_body(request)
        call = _Call(
            method=request.method,
            path=path,
            params={},
            query=dict(request.query),
            body=body,
            files=files,
            headers=dict(request.headers),
        )
        if not raw_path.startswith(_API_PREFIX + "/"):
            reply = _error(404, 0, "404: Not Found")
        elif bad_json:
            reply = _error(400, INVALID_JSON, "The request body contains invalid JSON.")
        else:
            reply = self._route(call)
        with self._cond:
            stamp = self.now()
        self._record(
            RecordedRequest(
                method=call.method,
                path=path,
                query=call.query,
                body=body,
                files=tuple(files),
                headers=call.headers,
                time=stamp,
                status=reply.status,
                response=copy.deepcopy(reply.body),
            )
        )
        if reply.body is None:
            return web.Response(status=reply.status)
        return web.Response(
            status=reply.status,
            body=json.dumps(reply.body).encode(),
            headers={"Content-Type": "application/json"},
        )

    @staticmethod
    async def _read_body(request: web.Request) -> tuple[Any, list[UploadedFile], bool]:
        """The parsed body, the uploaded files, and whether the JSON was unreadable."""
        if request.content_type == "multipart/form-data":
            body: Any = None
            files: list[UploadedFile] = []
            reader = await request.multipart()
            while (part := await reader.next()) is not None:
                if not isinstance(part, aiohttp.BodyPartReader):
                    continue
                content = bytes(await part.read())
                if part.name == "payload_json":
                    try:
                        body = json.loads(content)
                    except ValueError:
                        return content.decode("utf-8", "replace"), files, True
                else:
                    files.append(
                        UploadedFile(
                            field=part.name or "",
                            filename=part.filename,
                            content_type=part.headers.get("Content-Type"),
                            data=content,
                        )
                    )
            return body, files, False
        raw = await request.read()
        if not raw:
            return None, [], False
        if request.content_type == "application/json":
            try:
                return json.loads(raw), [], False
            except ValueError:
                return raw.decode("utf-8", "replace"), [], True
        return raw.decode("utf-8", "replace"), [], False

    def _route(self, call: _Call) -> _Reply:
        path_matched = False
        for route in self._routes:
            match = route.pattern.match(call.path)
            if match is None:
                continue
            path_matched = True
            if route.method != call.method:
                continue
            if route.auth and call.headers.get("Authorization") != f"Bot {self.token}":
                return _error(401, 0, "401: Unauthorized")
            call.params = match.groupdict()
            with self._cond:
                return route.handler(call)
        if path_matched:
            return _error(405, 0, "405: Method Not Allowed")
        return _error(404, 0, "404: Not Found")

    async def _handle_attachment(self, request: web.Request) -> web.Response:
        with self._cond:
            upload = self._attachments.get(int(request.match_info["id"]))
        if upload is None:
            return web.Response(status=404)
        return web.Response(
            body=upload.data,
            headers={"Content-Type": upload.content_type or "application/octet-stream"},
        )

    # -- REST: login, gateway, commands ------------------------------------------------------

    def _get_me(self, call: _Call) -> _Reply:
        return _Reply(
            200,
            self.bot_user
            | {"verified": True, "mfa_enabled": False, "locale": "en-US", "email": None},
        )

    def _get_application(self, call: _Call) -> _Reply:
        return _Reply(
            200,
            {
                "id": str(self.application_id),
                "name": self.bot_user["username"],
                "icon": None,
                "description": "",
                "summary": "",
                "type": None,
                "hook": True,
                "bot_public": True,
                "bot_require_code_grant": False,
                "verify_key": "0" * 64,
                "owner": copy.deepcopy(self.user),
                "team": None,
                "flags": APPLICATION_FLAGS,
                "bot": copy.deepcopy(self.bot_user),
                "redirect_uris": [],
                "interactions_endpoint_url": None,
                "approximate_guild_count": 1,
                "integration_types_config": {"0": {}},
            },
        )

    def _get_gateway(self, call: _Call) -> _Reply:
        return _Reply(200, {"url": self.gateway_url})

    def _get_gateway_bot(self, call: _Call) -> _Reply:
        limit = {"total": 1000, "remaining": 999, "reset_after": 86_400_000, "max_concurrency": 1}
        return _Reply(
            200, {"url": self.gateway_url, "shards": self.shards, "session_start_limit": limit}
        )

    def _command_scope(self, call: _Call) -> int | _Reply | None:
        if int(call.params["app"]) != self.application_id:
            return _error(403, 50001, "Missing Access")
        guild = call.params.get("guild")
        if guild is None:
            return None
        if int(guild) != self.guild_id:
            return _error(403, 50001, "Missing Access")
        return int(guild)

    def _get_commands(self, call: _Call) -> _Reply:
        scope = self._command_scope(call)
        if isinstance(scope, _Reply):
            return scope
        return _Reply(200, copy.deepcopy(self._commands.get(scope, [])))

    def _put_commands(self, call: _Call) -> _Reply:
        scope = self._command_scope(call)
        if isinstance(scope, _Reply):
            return scope
        errors = _Errors()
        _validate_commands(call.body, errors)
        if errors:
            return errors.reply()
        stored: list[JSON] = []
        for command in call.body:
            kind = int(command.get("type", 1))
            key = (scope, kind, str(command["name"]))
            command_id = self._command_ids.setdefault(key, new_snowflake())
            entry: JSON = {
                "id": str(command_id),
                "application_id": str(self.application_id),
                "version": str(new_snowflake()),
                "type": kind,
                "name": command["name"],
                "name_localizations": command.get("name_localizations"),
                "description": command.get("description", ""),
                "description_localizations": command.get("description_localizations"),
                "options": copy.deepcopy(command.get("options") or []),
                "default_member_permissions": command.get("default_member_permissions"),
                "dm_permission": command.get("dm_permission", True),
                "contexts": command.get("contexts"),
                "integration_types": command.get("integration_types") or [0],
                "nsfw": bool(command.get("nsfw", False)),
            }
            if scope is not None:
                entry["guild_id"] = str(scope)
            stored.append(entry)
        self._commands[scope] = stored
        return _Reply(200, copy.deepcopy(stored))

    # -- REST: interactions ------------------------------------------------------------------

    def _callback(self, call: _Call) -> _Reply:
        state = self._interactions.get(int(call.params["id"]))
        if state is None or state.token != call.params["token"]:
            return _error(404, UNKNOWN_INTERACTION, "Unknown interaction")
        if state.response_type is not None:
            return _error(
                400, INTERACTION_ALREADY_ACKNOWLEDGED, "Interaction has already been acknowledged."
            )
        sent = state.dispatched_at
        if sent is None or self.now() - sent > self.interaction_deadline:
            return _error(404, UNKNOWN_INTERACTION, "Unknown interaction")
        body = call.body if isinstance(call.body, dict) else {}
        response_type = body.get("type")
        data = body.get("data")
        errors = _Errors()
        allowed = _ALLOWED_RESPONSES.get(state.type, ())
        if response_type is None:
            errors.add(("type",), "BASE_TYPE_REQUIRED", "This field is required")
        elif response_type not in allowed:
            choices = ", ".join(str(choice) for choice in allowed)
            errors.add(("type",), "BASE_TYPE_CHOICES", f"Value must be one of ({choices}).")
        elif response_type in (4, 7) and isinstance(data, Mapping):
            _validate_message(data, errors, ("data",))
        elif response_type == 8:
            _validate_choices(data, errors)
        elif response_type == 9:
            _validate_modal(data, errors)
        if errors:
            return errors.reply()
        message_body: JSON = dict(data) if isinstance(data, Mapping) else {}
        if response_type == 4 and _is_empty(message_body, call.files):
            return _error(400, EMPTY_MESSAGE, "Cannot send an empty message")

        state.response_type = response_type
        message: JSON | None = None
        if response_type == 4:
            message = self._interaction_message(state, message_body, call.files)
            state.original = message
        elif response_type == 5:
            flags = LOADING | (int(message_body.get("flags") or 0) & EPHEMERAL)
            message = self._interaction_message(state, {"flags": flags}, [])
            state.original = message
            state.loading = True
        elif response_type in (6, 7) and state.message is not None:
            message = copy.deepcopy(state.message)
            if response_type == 7:
                self._apply_edit(message, message_body, call.files)
            state.original = message
        if response_type == 4 and message is not None:
            self._echo(message, state.guild_id)

        if call.query.get("with_response", "").lower() not in ("1", "true"):
            return _Reply(204)
        flags = int((message or {}).get("flags") or 0)
        described: JSON = {
            "id": str(state.id),
            "type": state.type,
            "response_message_loading": response_type == 5,
            "response_message_ephemeral": bool(flags & EPHEMERAL),
        }
        resource: JSON = {"type": response_type}
        if message is not None:
            described["response_message_id"] = message["id"]
            resource["message"] = copy.deepcopy(message)
        return _Reply(200, {"interaction": described, "resource": resource})

    def _interaction_message(
        self, state: _Interaction, body: Mapping[str, Any], files: Sequence[UploadedFile]
    ) -> JSON:
        message = self._new_message(
            state.channel_id or 0, body, files, message_type=20 if state.type == 2 else 0
        )
        message["webhook_id"] = str(state.application_id)
        message["application_id"] = str(state.application_id)
        message["interaction_metadata"] = {
            "id": str(state.id),
            "type": state.type,
            "user": copy.deepcopy(state.user),
            "authorizing_integration_owners": {"0": str(state.guild_id or 0)},
        }
        return message

    def _webhook_state(self, call: _Call) -> _Interaction | _Reply:
        state = self._by_token.get(call.params["token"])
        if state is None or int(call.params["app"]) != state.application_id:
            return _error(404, UNKNOWN_WEBHOOK, "Unknown Webhook")
        sent = state.dispatched_at
        if sent is None or self.now() - sent > self.token_lifetime:
            return _error(401, INVALID_WEBHOOK_TOKEN, "Invalid Webhook Token")
        return state

    def _followup(self, call: _Call) -> _Reply:
        state = self._webhook_state(call)
        if isinstance(state, _Reply):
            return state
        if state.response_type is None or state.response_type == 8:
            return _error(404, UNKNOWN_WEBHOOK, "Unknown Webhook")
        body = call.body if isinstance(call.body, dict) else {}
        errors = _Errors()
        _validate_message(body, errors)
        if errors:
            return errors.reply()
        if _is_empty(body, call.files):
            return _error(400, EMPTY_MESSAGE, "Cannot send an empty message")
        if state.loading and state.original is not None:
            # The first followup after a deferral replaces the "thinking..." message.
            message = state.original
            self._apply_edit(message, body, call.files)
            message["flags"] = (int(message.get("flags") or 0) & EPHEMERAL) | (
                int(body.get("flags") or 0) & ~LOADING
            )
            state.loading = False
        else:
            message = self._interaction_message(state, body, call.files)
            state.followups[int(message["id"])] = message
        if not int(message.get("flags") or 0) & EPHEMERAL:
            self._echo(message, state.guild_id)
        if call.query.get("wait", "").lower() not in ("1", "true"):
            return _Reply(204)
        return _Reply(200, copy.deepcopy(message))

    def _webhook_message(self, call: _Call) -> tuple[_Interaction, JSON] | _Reply:
        state = self._webhook_state(call)
        if isinstance(state, _Reply):
            return state
        wanted = call.params["message"]
        if wanted == "@original" or (state.original is not None and state.original["id"] == wanted):
            message = state.original
        else:
            message = state.followups.get(int(wanted))
        if message is None:
            return _error(404, UNKNOWN_MESSAGE, "Unknown Message")
        return state, message

    def _get_webhook_message(self, call: _Call) -> _Reply:
        found = self._webhook_message(call)
        if isinstance(found, _Reply):
            return found
        return _Reply(200, copy.deepcopy(found[1]))

    def _edit_webhook_message(self, call: _Call) -> _Reply:
        found = self._webhook_message(call)
        if isinstance(found, _Reply):
            return found
        state, message = found
        body = call.body if isinstance(call.body, dict) else {}
        errors = _Errors()
        _validate_message(body, errors)
        if errors:
            return errors.reply()
        self._apply_edit(message, body, call.files)
        if message is state.original and state.loading:
            message["flags"] = int(message.get("flags") or 0) & ~LOADING
            state.loading = False
        return _Reply(200, copy.deepcopy(message))

    def _delete_webhook_message(self, call: _Call) -> _Reply:
        found = self._webhook_message(call)
        if isinstance(found, _Reply):
            return found
        state, message = found
        if message is state.original:
            state.original = None
        else:
            state.followups.pop(int(message["id"]), None)
        return _Reply(204)

    # -- REST: channels and messages ---------------------------------------------------------

    def _new_message(
        self,
        channel_id: int,
        body: Mapping[str, Any],
        files: Sequence[UploadedFile],
        *,
        message_type: int = 0,
    ) -> JSON:
        message: JSON = {
            "id": str(new_snowflake()),
            "channel_id": str(channel_id),
            "author": copy.deepcopy(self.bot_user),
            "content": "",
            "timestamp": _iso_now(),
            "edited_timestamp": None,
            "tts": bool(body.get("tts", False)),
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": [],
            "pinned": False,
            "type": message_type,
            "flags": 0,
            "components": [],
        }
        reference = body.get("message_reference")
        if isinstance(reference, Mapping):
            message["message_reference"] = dict(reference)
            message["type"] = 19 if message_type == 0 else message_type
        self._apply_edit(message, body, files)
        message["edited_timestamp"] = None
        return message

    def _apply_edit(
        self, message: JSON, body: Mapping[str, Any], files: Sequence[UploadedFile]
    ) -> None:
        for key in _MESSAGE_FIELDS:
            if key in body and body[key] is not None:
                message[key] = copy.deepcopy(body[key])
        message["embeds"] = [
            {"type": "rich", **embed}
            for embed in message.get("embeds") or []
            if isinstance(embed, dict)
        ]
        if "attachments" in body or files:
            message["attachments"] = self._attachments_for(message, body, files)
        message["edited_timestamp"] = _iso_now()

    def _attachments_for(
        self, message: JSON, body: Mapping[str, Any], files: Sequence[UploadedFile]
    ) -> list[JSON]:
        by_index: dict[str, UploadedFile] = {}
        for upload in files:
            match = re.fullmatch(r"files\[(\d+)\]", upload.field)
            by_index[match.group(1) if match else upload.field] = upload
        existing = {item["id"]: item for item in message.get("attachments") or []}
        wanted = body.get("attachments")
        if wanted is None:
            wanted = [{"id": index} for index in by_index]
        result: list[JSON] = []
        for item in wanted if isinstance(wanted, list) else []:
            key = str(item.get("id")) if isinstance(item, Mapping) else ""
            if key in existing:
                result.append(existing[key])
                continue
            found = by_index.get(key)
            if found is None:
                continue
            attachment_id = new_snowflake()
            self._attachments[attachment_id] = found
            filename = found.filename or f"file{key}"
            url = f"{self.root_url}/attachments/{attachment_id}/{filename}"
            result.append(
                {
                    "id": str(attachment_id),
                    "filename": filename,
                    "size": len(found.data),
                    "url": url,
                    "proxy_url": url,
                    "content_type": found.content_type,
                    "description": item.get("description"),
                }
            )
        return result

    def _echo(self, message: JSON, guild_id: int | None) -> None:
        """Dispatch MESSAGE_CREATE for a message the bot posted, as Discord does."""
        if not self.echo_own_messages:
            return
        event = copy.deepcopy(message)
        if guild_id is not None:
            event["guild_id"] = str(guild_id)
            event["member"] = member_payload(roles=[BOT_ROLE_ID])
        self._spawn(self._deliver("MESSAGE_CREATE", event))

    def _create_message(self, call: _Call) -> _Reply:
        channel_id = int(call.params["channel"])
        channel = self._channel(channel_id)
        if channel is None or channel["type"] == 4 or channel["type"] == 2:
            return _error(404, UNKNOWN_CHANNEL, "Unknown Channel")
        body = call.body if isinstance(call.body, dict) else {}
        errors = _Errors()
        _validate_message(body, errors)
        if errors:
            return errors.reply()
        if _is_empty(body, call.files):
            return _error(400, EMPTY_MESSAGE, "Cannot send an empty message")
        message = self._new_message(channel_id, body, call.files)
        self._messages[int(message["id"])] = message
        guild = channel.get("guild_id")
        self._echo(message, int(guild) if guild else None)
        return _Reply(200, copy.deepcopy(message))

    def _channel_message(self, call: _Call) -> JSON | _Reply:
        message = self._messages.get(int(call.params["message"]))
        if message is None or message["channel_id"] != call.params["channel"]:
            return _error(404, UNKNOWN_MESSAGE, "Unknown Message")
        return message

    def _get_message(self, call: _Call) -> _Reply:
        found = self._channel_message(call)
        return found if isinstance(found, _Reply) else _Reply(200, copy.deepcopy(found))

    def _edit_message(self, call: _Call) -> _Reply:
        found = self._channel_message(call)
        if isinstance(found, _Reply):
            return found
        body = call.body if isinstance(call.body, dict) else {}
        errors = _Errors()
        _validate_message(body, errors)
        if errors:
            return errors.reply()
        self._apply_edit(found, body, call.files)
        return _Reply(200, copy.deepcopy(found))

    def _delete_message(self, call: _Call) -> _Reply:
        found = self._channel_message(call)
        if isinstance(found, _Reply):
            return found
        del self._messages[int(found["id"])]
        return _Reply(204)

    def _typing(self, call: _Call) -> _Reply:
        if self._channel(int(call.params["channel"])) is None:
            return _error(404, UNKNOWN_CHANNEL, "Unknown Channel")
        return _Reply(204)

    def _get_channel(self, call: _Call) -> _Reply:
        channel = self._channel(int(call.params["channel"]))
        if channel is None:
            return _error(404, UNKNOWN_CHANNEL, "Unknown Channel")
        return _Reply(200, copy.deepcopy(channel))

    def _create_dm(self, call: _Call) -> _Reply:
        body = call.body if isinstance(call.body, dict) else {}
        recipient = body.get("recipient_id")
        if recipient is None:
            errors = _Errors()
            errors.add(("recipient_id",), "BASE_TYPE_REQUIRED", "This field is required")
            return errors.reply()
        user_id = int(recipient)
        if user_id not in self._dm_channels:
            self._dm_channels[user_id] = self._dm_channel(new_snowflake(), _known_user(user_id))
        return _Reply(200, copy.deepcopy(self._dm_channels[user_id]))


# -- pointing discord.py at the fake -----------------------------------------------------------


@contextlib.contextmanager
def patched_discord(fake: FakeDiscord) -> Iterator[FakeDiscord]:
    """Point discord.py's REST base and default gateway at `fake`; restore them afterwards.

    Both are process-wide class attributes (``discord.http.Route.BASE``, which covers
    interaction callbacks and webhooks too, and ``DiscordWebSocket.DEFAULT_GATEWAY``).
    AutoShardedClient takes its gateway from ``GET /gateway/bot``, which answers the fake's.
    """
    route = discord.http.Route
    socket = discord.gateway.DiscordWebSocket
    old_base, old_gateway = route.BASE, socket.DEFAULT_GATEWAY
    route.BASE = fake.base_url
    socket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)
    try:
        yield fake
    finally:
        route.BASE = old_base
        socket.DEFAULT_GATEWAY = old_gateway


# -- running a discord.py client from a synchronous test ---------------------------------------


async def _no_identify_delay(shard_id: int | None, *, initial: bool = False) -> None:
    """Replacement for discord.py's default hook, which sleeps 5 s before each re-IDENTIFY."""


async def _awaited(awaitable: Awaitable[_T]) -> _T:
    return await awaitable


class ClientThread:
    """A discord.py client running ``client.start(token)`` in its own thread and event loop.

    `call` runs a coroutine on the client's loop and returns its result; `stop` closes the
    client, waits for ``start`` to return, drains and closes the loop, joins the thread, and
    re-raises whatever the client died of. Use it as a context manager.
    """

    def __init__(
        self, client: discord.Client, token: str, *, skip_identify_delay: bool = True
    ) -> None:
        """Start the client. With `skip_identify_delay`, a client still using discord.py's
        default ``before_identify_hook`` (5 s sleep before every IDENTIFY but the first) gets a
        no-op instead, so extra shards and re-IDENTIFYs do not slow tests down."""
        self.client = client
        self.loop = asyncio.new_event_loop()
        self._token = token
        self._task: asyncio.Task[None] | None = None
        self._stopped = False
        hook = getattr(type(client), "before_identify_hook", None)
        if skip_identify_delay and hook is discord.Client.before_identify_hook:
            client.before_identify_hook = _no_identify_delay  # type: ignore[method-assign]
        started = threading.Event()
        self._thread = threading.Thread(
            target=self._main, args=(started,), name="discord-client", daemon=True
        )
        self._thread.start()
        started.wait(timeout=10)

    def __enter__(self) -> Self:
        """The running client thread."""
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Stop the client; its own error is re-raised only if the block raised nothing."""
        self.stop(raise_errors=exc is None)

    def _main(self, started: threading.Event) -> None:
        asyncio.set_event_loop(self.loop)
        self._task = self.loop.create_task(self.client.start(self._token), name="discord-client")
        started.set()
        try:
            self.loop.run_forever()
        finally:
            pending = [task for task in asyncio.all_tasks(self.loop) if not task.done()]
            for task in pending:
                task.cancel()
            self.loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            self.loop.run_until_complete(self.loop.shutdown_asyncgens())
            self.loop.run_until_complete(self.loop.shutdown_default_executor())
            self.loop.close()

    def call(self, awaitable: Awaitable[_T], timeout: float = 10.0) -> _T:
        """Run `awaitable` on the client's loop and return its result (or raise its error)."""
        coro = _awaited(awaitable)
        if self.loop.is_closed() or not self._thread.is_alive():
            coro.close()
            if isinstance(awaitable, Coroutine):
                awaitable.close()
            raise RuntimeError("the client thread is not running")
        future = asyncio.run_coroutine_threadsafe(coro, self.loop)
        try:
            return future.result(timeout)
        except concurrent.futures.TimeoutError:
            future.cancel()
            raise TimeoutError(
                f"the client's loop did not finish the call in {timeout} s"
            ) from None

    def wait_until_ready(self, timeout: float = 10.0) -> None:
        """Wait for the client's ``on_ready``; raises if the client died first."""

        async def ready() -> None:
            deadline = time.monotonic() + timeout
            while not self.client.is_ready():
                task = self._task
                if task is not None and task.done():
                    error = None if task.cancelled() else task.exception()
                    raise RuntimeError("the client stopped before it was ready") from error
                if time.monotonic() > deadline:
                    raise TimeoutError(f"the client was not ready within {timeout} s")
                await asyncio.sleep(0.01)

        self.call(ready(), timeout + 1)

    @property
    def thread(self) -> threading.Thread:
        """The thread running the client's loop."""
        return self._thread

    @property
    def error(self) -> BaseException | None:
        """What ``client.start`` raised, once it has returned."""
        task = self._task
        if task is None or not task.done() or task.cancelled():
            return None
        return task.exception()

    def stop(self, timeout: float = 10.0, *, raise_errors: bool = True) -> None:
        """Close the client, drain its loop and join the thread. Safe to call twice."""
        if self._stopped:
            return
        self._stopped = True
        if self._thread.is_alive() and not self.loop.is_closed():

            async def shutdown() -> None:
                if not self.client.is_closed():
                    await self.client.close()
                task = self._task
                if task is not None and not task.done():
                    await asyncio.wait({task}, timeout=timeout / 2)
                    task.cancel()

            try:
                self.call(shutdown(), timeout)
            finally:
                self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout)
        if self._thread.is_alive():
            raise RuntimeError("the discord client thread did not stop")
        error = self.error
        if raise_errors and error is not None:
            raise error


def run_client_in_thread(
    client: discord.Client, token: str = DEFAULT_TOKEN, *, skip_identify_delay: bool = True
) -> ClientThread:
    """Start ``client.start(token)`` in a new thread with its own loop; see `ClientThread`."""
    return ClientThread(client, token, skip_identify_delay=skip_identify_delay)
