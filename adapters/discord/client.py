"""The Discord client: slash commands, mentions, DMs and button clicks in, the core's answers out.

Thin by design: a payload becomes a `bot.answers.Question` (platform "discord", the user's id
as asker), `Envoy.handle` answers it in a worker thread (never on the event loop that keeps
the gateway alive), `render` shapes the answer, and the client sends it. An interaction
whose answer is not ready within `DEFER_AFTER` seconds is deferred first, then answered by
a followup. "Report a problem" opens a form (a modal) whose submission is recorded with
`Envoy.report_problem`, off the event loop like every call into the core. One boundary,
`apologise`, answers whatever goes wrong with a reference id that the log carries too.
Every piece of work is counted in `inflight`, so that a stop (`drain`) sends the answers
in flight before the gateway closes.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import re
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import discord
from discord import app_commands

from adapters.discord import render
from adapters.discord.commands import DYNAMIC_ITEMS, build_tree, modal_for, view_for
from adapters.discord.cooldown import Cooldown
from adapters.discord.settings import DiscordSettings
from adapters.inflight import InFlight
from bot import messages
from bot.answers import Answer, Question
from bot.commands import COMMAND_NAMES
from bot.service import Envoy

log = logging.getLogger(__name__)

PLATFORM = "discord"
DEFER_AFTER = 1.0
"""Seconds to wait for an answer before deferring: Discord allows 3 for the first response."""
AUTOCOMPLETE_BUDGET = 2.0
"""Autocomplete cannot be deferred: past this, answer with no choices rather than too late."""
NO_MENTIONS = discord.AllowedMentions.none()
CORE_LIMIT_QUIET = 30.0
"""After telling a user about the core's limit, seconds before telling them again."""
_ANSWERED_TYPES = (discord.MessageType.default, discord.MessageType.reply)
_T = TypeVar("_T")


def intents() -> discord.Intents:
    """Servers, server messages and DMs: a subset of ``Intents.default()``, nothing privileged.

    Without Message Content, Discord still sends the text of messages that mention the bot
    and of DMs, which is all Envoy reads.
    """
    return discord.Intents(guilds=True, guild_messages=True, dm_messages=True)


def question_text(content: str, bot_id: int) -> str:
    """A mention's text without the bot's own ``<@ID>`` / ``<@!ID>``."""
    return " ".join(re.sub(rf"<@!?{bot_id}>", " ", content).split())


def suggested_question(suggestion: str) -> tuple[str, str]:
    """(command, text) for a suggestion button: the core words suggestions as questions
    ("Tell me about X", "Quotes by X"), which `ask` routes. Buttons sent by older versions
    may still carry "quotes NAME" or "about NAME": those go to that command."""
    head, _, rest = suggestion.strip().partition(" ")
    if head in COMMAND_NAMES and head != "ask" and rest.strip():
        return head, rest.strip()
    return "ask", suggestion


class EnvoyClient(discord.Client):
    """A discord.py client that answers with one `Envoy`. Build it with `create_client`."""

    def __init__(
        self,
        envoy: Envoy,
        settings: DiscordSettings,
        *,
        defer_after: float = DEFER_AFTER,
        clock: Callable[[], float] = time.monotonic,
        **options: Any,
    ) -> None:
        """`options` go to discord.py (e.g. ``guild_ready_timeout``, ``shard_count``)."""
        options.setdefault("max_messages", None)  # Envoy never reads the message cache
        # Envoy uses no voice: discord.py's warnings that voice libraries are missing are noise.
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
        super().__init__(intents=intents(), allowed_mentions=NO_MENTIONS, **options)
        self.envoy = envoy
        self.settings = settings
        self.defer_after = defer_after
        self.cooldown = Cooldown(settings.cooldown_rate, settings.cooldown_seconds, clock)
        self.inflight = InFlight()
        self.tree = build_tree(self, self, guild_id=settings.guild_id)
        self.tree.error(self.on_tree_error)

    async def setup_hook(self) -> None:
        """Register the buttons' handlers and sync the commands (to DISCORD_GUILD_ID, or
        globally), once per process, after login and before the gateway connects."""
        self.add_dynamic_items(*DYNAMIC_ITEMS)
        await sync_tree(self.tree, self.settings.guild_id)

    async def drain(self, timeout: float) -> bool:
        """Wait up to `timeout` s for the answers in flight to be sent, saying what happened;
        False if some were still unsent at the end."""
        running = self.inflight.running
        if not running:
            return True
        log.info("stopping: finishing %d answer(s) in flight (up to %.0f s)", running, timeout)
        if await self.inflight.wait_idle(timeout):
            log.info("stopping: every answer in flight was sent")
            return True
        log.warning(
            "stopping: %d answer(s) still unsent after %.0f s; they are lost",
            self.inflight.running,
            timeout,
        )
        return False

    # -- slash commands ------------------------------------------------------------------

    async def answer_command(
        self, interaction: discord.Interaction[Any], command: str, text: str, *, private: bool
    ) -> None:
        """Answer ``/command text``; `private` answers only the user who asked."""
        async with self.inflight.track():
            try:
                asked = text if command == "ask" else f"/{command} {text}".strip()
                question = Question(command, text, PLATFORM, str(interaction.user.id))
                usage = render.usage(command, text)
                await self._answer_interaction(
                    interaction, question, asked=asked, private=private, usage=usage
                )
            except Exception as error:  # noqa: BLE001 - the boundary answers it
                await self.apologise(interaction, error)

    async def complete(self, kind: str, current: str) -> list[app_commands.Choice[str]]:
        """At most 25 names of `kind` for what the user is typing, within 3 s or none."""
        try:
            names = await asyncio.wait_for(
                asyncio.to_thread(self.envoy.complete, kind, current[: render.MAX_CHOICE]),
                AUTOCOMPLETE_BUDGET,
            )
        except TimeoutError:
            log.warning(
                "autocomplete took over %.1f s; answered with no choices", AUTOCOMPLETE_BUDGET
            )
            return []
        except Exception as error:  # noqa: BLE001 - autocomplete has no message to apologise in
            self._log_failure(error)
            return []
        return [
            app_commands.Choice(name=name, value=value) for name, value in render.choices(names)
        ]

    async def on_tree_error(
        self, interaction: discord.Interaction[Any], error: app_commands.AppCommandError
    ) -> None:
        """The command tree's error handler: a command this version does not know (or knows
        differently) still gets an answer; anything else gets the apology."""
        async with self.inflight.track():
            if isinstance(
                error, app_commands.CommandNotFound | app_commands.CommandSignatureMismatch
            ):
                try:
                    await self._answer_unknown(interaction)
                except Exception as failure:  # noqa: BLE001 - the boundary answers it
                    await self.apologise(interaction, failure)
                return
            invoked = isinstance(error, app_commands.CommandInvokeError)
            await self.apologise(interaction, error.original if invoked else error)

    async def _answer_unknown(self, interaction: discord.Interaction[Any]) -> None:
        if interaction.type is discord.InteractionType.autocomplete:
            if not interaction.response.is_done():
                await interaction.response.autocomplete([])
            return
        data: dict[str, Any] = dict(interaction.data or {})
        name = str(data.get("name") or "")[:32]
        options = [o for o in data.get("options") or [] if isinstance(o, dict)]
        text = " ".join(str(o["value"]) for o in options if isinstance(o.get("value"), str))
        private = next(
            (bool(o["value"]) for o in options if o.get("name") == render.PRIVATE_OPTION),
            name not in COMMAND_NAMES,
        )
        log.info("answering /%s, which this version does not know as sent", name)
        question = Question(name or "help", text, PLATFORM, str(interaction.user.id))
        asked = f"/{name} {text}".strip()
        await self._answer_interaction(interaction, question, asked=asked, private=private)

    # -- buttons -------------------------------------------------------------------------

    async def ask_suggestion(self, interaction: discord.Interaction[Any], text: str) -> None:
        """Ask what a suggestion button offers; private when the message it sits on is."""
        async with self.inflight.track():
            try:
                command, rest = suggested_question(text)
                message = interaction.message
                private = bool(message is not None and message.flags.ephemeral)
                question = Question(command, rest, PLATFORM, str(interaction.user.id))
                await self._answer_interaction(interaction, question, asked=text, private=private)
            except Exception as error:  # noqa: BLE001 - the boundary answers it
                await self.apologise(interaction, error)

    async def record_feedback(
        self, interaction: discord.Interaction[Any], answer_id: str, helpful: bool
    ) -> None:
        """Record helpful / not helpful against `answer_id`; thank the user privately."""
        async with self.inflight.track():
            await self._record_feedback(interaction, answer_id, helpful)

    async def _record_feedback(
        self, interaction: discord.Interaction[Any], answer_id: str, helpful: bool
    ) -> None:
        try:
            if await self._refused(interaction):
                return
            known = await self._off_loop(
                lambda: self.envoy.feedback(
                    answer_id, helpful, platform=PLATFORM, asker=str(interaction.user.id)
                ),
                on_slow=lambda: interaction.response.defer(ephemeral=True, thinking=True),
            )
            await self._say(
                interaction, messages.FEEDBACK_THANKS if known else messages.FEEDBACK_UNKNOWN
            )
        except Exception as error:  # noqa: BLE001 - the boundary answers it
            await self.apologise(interaction, error)

    async def open_report(self, interaction: discord.Interaction[Any], answer_id: str) -> None:
        """Answer a click on "Report a problem" with the report form about `answer_id`.

        The form must be the first response, so nothing slow happens first: whether the
        answer is known is checked when the form comes back."""
        try:
            await interaction.response.send_modal(modal_for(render.report_form(answer_id)))
        except Exception as error:  # noqa: BLE001 - the boundary answers it
            await self.apologise(interaction, error)

    async def report_problem(
        self, interaction: discord.Interaction[Any], answer_id: str, note: str
    ) -> None:
        """Record a submitted report form (with its `note`, if any) against `answer_id`;
        thank the user privately. The note is never shown back."""
        async with self.inflight.track():
            await self._report_problem(interaction, answer_id, note)

    async def _report_problem(
        self, interaction: discord.Interaction[Any], answer_id: str, note: str
    ) -> None:
        try:
            if await self._refused(interaction):
                return
            known = await self._off_loop(
                lambda: self.envoy.report_problem(
                    answer_id,
                    platform=PLATFORM,
                    asker=str(interaction.user.id),
                    note=note.strip() or None,
                ),
                on_slow=lambda: interaction.response.defer(ephemeral=True, thinking=True),
            )
            await self._say(interaction, render.REPORT_THANKS if known else render.REPORT_UNKNOWN)
        except Exception as error:  # noqa: BLE001 - the boundary answers it
            await self.apologise(interaction, error)

    async def on_interaction(self, interaction: discord.Interaction[Any]) -> None:
        """A submitted report form is recorded; a click on a button, or a form, that no
        format of this version matches still gets an answer."""
        async with self.inflight.track():
            await self._on_interaction(interaction)

    async def _on_interaction(self, interaction: discord.Interaction[Any]) -> None:
        if interaction.type is discord.InteractionType.modal_submit:
            await self._on_form(interaction)
            return
        if interaction.type is not discord.InteractionType.component:
            return
        data: dict[str, Any] = dict(interaction.data or {})
        custom_id = str(data.get("custom_id") or "")
        if render.is_envoy_custom_id(custom_id):
            return  # a DynamicItem answers it
        try:
            await self._say(interaction, render.STALE_BUTTON)
        except Exception as error:  # noqa: BLE001 - the boundary answers it
            await self.apologise(interaction, error)

    async def _on_form(self, interaction: discord.Interaction[Any]) -> None:
        data: dict[str, Any] = dict(interaction.data or {})
        answer_id = render.reported_answer(str(data.get("custom_id") or ""))
        if answer_id is not None:
            note = render.submitted_text(data.get("components"))
            await self.report_problem(interaction, answer_id, note)
            return
        try:
            await self._say(interaction, render.STALE_BUTTON)
        except Exception as error:  # noqa: BLE001 - the boundary answers it
            await self.apologise(interaction, error)

    # -- mentions and DMs ----------------------------------------------------------------

    async def on_message(self, message: discord.Message) -> None:
        """Answer a DM, or a message in a server that @mentions the bot, as a reply.

        Its own messages, other bots', webhooks' and system messages are ignored.
        """
        me = self.user
        if me is None or message.author.bot or message.author.system:
            return
        if message.type not in _ANSWERED_TYPES:
            return
        if message.guild is not None and not any(user.id == me.id for user in message.mentions):
            return
        async with self.inflight.track():
            try:
                await self._answer_message(message, me.id)
            except Exception as error:  # noqa: BLE001 - the boundary answers it
                await self.apologise(message, error)

    async def _answer_message(self, message: discord.Message, bot_id: int) -> None:
        wait = self.cooldown.hit(message.author.id)
        if wait > 0:
            if self.cooldown.first_refusal(message.author.id, wait):
                await self._tell_privately(message, _cooldown_text(wait), wait)
            return
        text = question_text(message.content, bot_id)
        question = Question("ask", text, PLATFORM, str(message.author.id))

        async def typing() -> None:
            with contextlib.suppress(discord.HTTPException):
                await message.channel.typing()

        answer = await self._off_loop(lambda: self.envoy.handle(question), on_slow=typing)
        if answer.rate_limited:
            if self.cooldown.first_refusal(message.author.id, CORE_LIMIT_QUIET):
                await self._tell_privately(message, answer.text, CORE_LIMIT_QUIET)
            return
        card = render.answer_card(answer)
        options: dict[str, Any] = {"embed": card.embed(), "allowed_mentions": NO_MENTIONS}
        view = view_for(card)
        if view is not None:
            options["view"] = view
        if message.guild is not None:
            options["reference"] = message.to_reference(fail_if_not_exists=False)
        await message.channel.send(**options)

    async def _tell_privately(self, message: discord.Message, text: str, wait: float) -> None:
        """Tell the author something only they should read: in their DMs, or, when they
        accept none, briefly in the channel."""
        content = render.notice(text)
        if message.guild is None:
            await message.channel.send(content, allowed_mentions=NO_MENTIONS)
            return
        try:
            await message.author.send(content, allowed_mentions=NO_MENTIONS)
        except discord.HTTPException:
            await message.channel.send(
                content,
                reference=message.to_reference(fail_if_not_exists=False),
                allowed_mentions=NO_MENTIONS,
                delete_after=min(max(wait, 5.0), 30.0),
            )

    # -- the shared path -----------------------------------------------------------------

    async def _answer_interaction(
        self,
        interaction: discord.Interaction[Any],
        question: Question,
        *,
        asked: str,
        private: bool,
        usage: tuple[str, str] | None = None,
    ) -> None:
        if await self._refused(interaction):
            return
        answer: Answer = await self._off_loop(
            lambda: self.envoy.handle(question),
            on_slow=lambda: interaction.response.defer(ephemeral=private, thinking=True),
        )
        if answer.rate_limited:
            await self._say(interaction, answer.text)
            return
        card = render.answer_card(answer, asked=asked, usage=usage)
        options: dict[str, Any] = {
            "embed": card.embed(),
            "ephemeral": private,
            "allowed_mentions": NO_MENTIONS,
        }
        view = view_for(card)
        if view is not None:
            options["view"] = view
        if interaction.response.is_done():
            await interaction.followup.send(**options)
        else:
            await interaction.response.send_message(**options)

    async def _off_loop(
        self, work: Callable[[], _T], *, on_slow: Callable[[], Awaitable[object]]
    ) -> _T:
        """Run blocking `work` in a worker thread; if it has not finished within
        `defer_after` seconds, run `on_slow` (defer, typing) while it goes on."""
        task = asyncio.ensure_future(asyncio.to_thread(work))
        done, _ = await asyncio.wait({task}, timeout=self.defer_after)
        if not done:
            try:
                await on_slow()
            except BaseException:
                task.add_done_callback(_retrieve)
                raise
        return await task

    async def _refused(self, interaction: discord.Interaction[Any]) -> bool:
        """Apply the cooldown: True (and the user told, privately) when they must wait."""
        wait = self.cooldown.hit(interaction.user.id)
        if wait <= 0:
            return False
        await self._say(interaction, _cooldown_text(wait))
        return True

    async def _say(self, interaction: discord.Interaction[Any], text: str) -> None:
        """A short private message in answer to `interaction`."""
        content = render.notice(text)
        if interaction.response.is_done():
            await interaction.followup.send(content, ephemeral=True, allowed_mentions=NO_MENTIONS)
        else:
            await interaction.response.send_message(
                content, ephemeral=True, allowed_mentions=NO_MENTIONS
            )

    # -- the boundary --------------------------------------------------------------------

    async def apologise(
        self, target: discord.Interaction[Any] | discord.Message, error: BaseException
    ) -> None:
        """Log `error` with a new reference id and tell the user, briefly, with the same id."""
        reference = self._log_failure(error)
        text = messages.INTERNAL_ERROR.format(reference=reference)
        try:
            if isinstance(target, discord.Message):
                options: dict[str, Any] = {"allowed_mentions": NO_MENTIONS}
                if target.guild is not None:
                    options["reference"] = target.to_reference(fail_if_not_exists=False)
                await target.channel.send(render.notice(text), **options)
            elif target.type is discord.InteractionType.autocomplete:
                if not target.response.is_done():
                    await target.response.autocomplete([])
            else:
                await self._say(target, text)
        except discord.HTTPException as failure:
            log.warning("could not deliver the apology for reference %s: %s", reference, failure)

    def _log_failure(self, error: BaseException) -> str:
        reference = uuid.uuid4().hex[:10]
        log.error(
            "failed to answer on Discord (reference %s)",
            reference,
            exc_info=(type(error), error, error.__traceback__),
            extra={"reference": reference, "platform": PLATFORM},
        )
        return reference


class ShardedEnvoyClient(EnvoyClient, discord.AutoShardedClient):
    """The same client on discord.py's AutoShardedClient: one process, many gateway shards."""


def create_client(envoy: Envoy, settings: DiscordSettings, **options: Any) -> EnvoyClient:
    """The client `settings` ask for: sharded (with a fixed or recommended shard count) or not."""
    if settings.sharded:
        if settings.shard_count is not None:
            options.setdefault("shard_count", settings.shard_count)
        return ShardedEnvoyClient(envoy, settings, **options)
    return EnvoyClient(envoy, settings, **options)


async def sync_tree(tree: app_commands.CommandTree[Any], guild_id: int | None) -> int:
    """Upload the commands to one server (instant) or globally; returns how many."""
    guild = discord.Object(guild_id) if guild_id is not None else None
    synced = await tree.sync(guild=guild)
    where = f"to server {guild_id}" if guild_id is not None else "globally"
    log.info("synced %d slash commands %s", len(synced), where)
    return len(synced)


def _cooldown_text(wait: float) -> str:
    return messages.RATE_LIMITED.format(seconds=max(1, math.ceil(wait)))


def _retrieve(task: asyncio.Future[Any]) -> None:
    """Mark an abandoned task's outcome as seen (its answer can no longer be delivered)."""
    if not task.cancelled() and task.exception() is not None:
        log.warning("an answer could not be delivered: %s", task.exception())
