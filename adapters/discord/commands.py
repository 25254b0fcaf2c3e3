"""What users can invoke on Discord: slash commands built from `bot.commands.COMMANDS`, and
the buttons Envoy puts under its answers.

Nothing here decides what a command does: each callback hands the payload to a `Handler`
(the client), which asks the core. The buttons are DynamicItems: their custom_id carries
everything a click needs, so they keep working after a restart without any stored view.
The "Report a problem" form is likewise kept nowhere: its custom_id carries the answer id,
and the client reads its submission from the raw interaction, before or after a restart.
"""

from __future__ import annotations

import re
from typing import Any, Protocol, runtime_checkable

import discord
from discord import app_commands

from adapters.discord import render
from bot.commands import COMMANDS, Command

QUESTION_MAX_LENGTH = 500
"""The longest option Discord's picker accepts: the core reads no further anyway."""


@runtime_checkable
class Handler(Protocol):
    """What the callbacks need from the client that serves them."""

    async def answer_command(
        self, interaction: discord.Interaction[Any], command: str, text: str, *, private: bool
    ) -> None:
        """Answer a slash command."""

    async def complete(self, kind: str, current: str) -> list[app_commands.Choice[str]]:
        """Autocomplete choices of `kind` ("person" or "subject") for what is typed."""

    async def ask_suggestion(self, interaction: discord.Interaction[Any], text: str) -> None:
        """Answer a click on a suggestion button."""

    async def record_feedback(
        self, interaction: discord.Interaction[Any], answer_id: str, helpful: bool
    ) -> None:
        """Record a click on a helpful / not helpful button."""

    async def open_report(self, interaction: discord.Interaction[Any], answer_id: str) -> None:
        """Answer a click on "Report a problem" with the report form."""


def build_tree(
    client: discord.Client, handler: Handler | None, *, guild_id: int | None = None
) -> app_commands.CommandTree[Any]:
    """A command tree holding one slash command per registered core command.

    With `guild_id` the commands belong to that server (synced instantly), else they are
    global. `handler` None builds the tree only to sync it.
    """
    tree: app_commands.CommandTree[Any] = app_commands.CommandTree(client)
    guild = discord.Object(guild_id) if guild_id is not None else None
    for spec in COMMANDS:
        tree.add_command(slash_command(spec, handler), guild=guild)
    return tree


def slash_command(spec: Command, handler: Handler | None) -> app_commands.Command[Any, ..., None]:
    """The slash command for one core command: its summary, its option (renamed to the
    core's option name, autocompleted when the core completes it) and `private`."""

    def serving() -> Handler:
        if handler is None:
            raise RuntimeError("this command tree was built to be synced, not served")
        return handler

    if spec.option:

        async def with_text(
            interaction: discord.Interaction[Any],
            text: app_commands.Range[str, 1, QUESTION_MAX_LENGTH],
            private: bool = False,
        ) -> None:
            await serving().answer_command(interaction, spec.name, text, private=private)

        callback: Any = with_text
        callback = app_commands.rename(text=spec.option)(callback)
        callback = app_commands.describe(
            text=_description(spec.option_summary or spec.option),
            private=render.PRIVATE_SUMMARY,
        )(callback)
        if spec.completes:
            kind = spec.completes

            async def autocomplete(
                interaction: discord.Interaction[Any], current: str
            ) -> list[app_commands.Choice[str]]:
                return await serving().complete(kind, current)

            callback = app_commands.autocomplete(text=autocomplete)(callback)
    else:

        async def without_text(
            interaction: discord.Interaction[Any], private: bool = False
        ) -> None:
            await serving().answer_command(interaction, spec.name, "", private=private)

        callback = app_commands.describe(private=render.PRIVATE_SUMMARY)(without_text)
    return app_commands.Command(
        name=spec.name, description=_description(spec.summary), callback=callback
    )


def _description(text: str) -> str:
    return render.cut(render.clean(text, 200, single_line=True), render.MAX_COMMAND_DESCRIPTION)


def _handler_of(interaction: discord.Interaction[Any]) -> Handler:
    client = interaction.client
    if not isinstance(client, Handler):
        raise TypeError("Envoy's buttons need Envoy's Discord client")
    return client


class FeedbackButton(
    discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]],
    template=render.FEEDBACK_TEMPLATE,
):
    """Helpful / not helpful, recorded against the answer whose id the custom_id carries."""

    def __init__(
        self, item: discord.ui.Button[discord.ui.View], answer_id: str, helpful: bool
    ) -> None:
        super().__init__(item)
        self.answer_id = answer_id
        self.helpful = helpful

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> FeedbackButton:
        return cls(_button(item), match["answer"], match["vote"] == "up")

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await _handler_of(interaction).record_feedback(interaction, self.answer_id, self.helpful)


class SuggestionButton(
    discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]],
    template=render.SUGGESTION_TEMPLATE,
):
    """A question Envoy can answer, offered after a decline; a click asks it."""

    def __init__(self, item: discord.ui.Button[discord.ui.View], text: str) -> None:
        super().__init__(item)
        self.text = text

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> SuggestionButton:
        return cls(_button(item), match["text"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await _handler_of(interaction).ask_suggestion(interaction, self.text)


def _button(item: discord.ui.Item[Any]) -> discord.ui.Button[discord.ui.View]:
    if not isinstance(item, discord.ui.Button):
        raise TypeError(f"expected a button, got {type(item).__name__}")
    return item


class ProblemButton(
    discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]],
    template=render.PROBLEM_TEMPLATE,
):
    """Report a problem with the answer whose id the custom_id carries: opens the form."""

    def __init__(self, item: discord.ui.Button[discord.ui.View], answer_id: str) -> None:
        super().__init__(item)
        self.answer_id = answer_id

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> ProblemButton:
        return cls(_button(item), match["answer"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await _handler_of(interaction).open_report(interaction, self.answer_id)


DYNAMIC_ITEMS = (FeedbackButton, SuggestionButton, ProblemButton)


def modal_for(form: render.Form) -> discord.ui.Modal:
    """`form` as a discord.py Modal of one optional paragraph input.

    The modal is stopped before it is sent, so discord.py keeps nothing per user: its
    submission reaches the client's ``on_interaction`` by custom_id, before and after
    restarts, like the buttons' clicks.
    """
    modal = discord.ui.Modal(title=form.title, custom_id=form.custom_id, timeout=None)
    modal.add_item(
        discord.ui.TextInput(
            label=form.label,
            style=discord.TextStyle.paragraph,
            custom_id=form.input_id,
            placeholder=form.placeholder,
            required=False,
            max_length=form.max_length,
        )
    )
    modal.stop()
    return modal


def view_for(card: render.Card) -> discord.ui.View | None:
    """The buttons of `card` as a view (None when it has none).

    The view is stopped before it is sent, so discord.py keeps nothing per message: clicks
    reach the `DYNAMIC_ITEMS` the client registers, by custom_id, before and after restarts.
    """
    if not card.buttons:
        return None
    view = discord.ui.View(timeout=None)
    for spec in card.buttons[: render.MAX_ROWS * render.MAX_ROW_BUTTONS]:
        view.add_item(
            discord.ui.Button(
                label=spec.label,
                custom_id=spec.custom_id,
                style=spec.style,
                emoji=spec.emoji,
                row=spec.row,
            )
        )
    view.stop()
    return view
