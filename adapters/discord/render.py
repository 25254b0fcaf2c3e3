"""Answers as Discord messages: embeds, buttons and autocomplete choices, within every limit.

Pure: no I/O and no client. Everything Envoy sends to Discord is shaped here, and nothing
here can exceed Discord's limits, which discord.py does not check: text is bounded FIRST
(the library's escape helpers are slow on long hostile input), cleared of control and
invisible characters, escaped for markdown and mentions where Discord renders markdown,
then bounded again. Mentions are escaped for looks only: the client's
``AllowedMentions.none()`` is what stops pings.

The ``custom_id`` formats of Envoy's buttons and of its "Report a problem" form live here
too; they carry everything a click or a submission needs, so both keep working after a
restart.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import discord

from bot import messages
from bot.answers import Answer
from bot.commands import command as find_command
from bot.text import redact_credentials

# -- Discord's limits --------------------------------------------------------------------------

MAX_CONTENT = 2000
MAX_TITLE = 256
MAX_DESCRIPTION = 4096
MAX_FIELDS = 25
MAX_FIELD_NAME = 256
MAX_FIELD_VALUE = 1024
MAX_FOOTER = 2048
MAX_EMBED_TOTAL = 6000
MAX_ROWS = 5
MAX_ROW_BUTTONS = 5
MAX_BUTTON_LABEL = 80
MAX_CUSTOM_ID = 100
MAX_CHOICES = 25
MAX_CHOICE = 100
MAX_COMMAND_DESCRIPTION = 100
MAX_MODAL_TITLE = 45
MAX_TEXT_INPUT_LABEL = 45
MAX_TEXT_INPUT_PLACEHOLDER = 100
MAX_TEXT_INPUT = 4000

# -- Envoy's budgets, well inside them ---------------------------------------------------------

TITLE_BUDGET = 200
DESCRIPTION_BUDGET = 3000
CITATION_FIELDS = 10
QUOTE_BUDGET = 900
FOOTER_BUDGET = 300
SUGGESTION_BUDGET = 300
SUGGESTION_BUTTONS = 4
NOTE_BUDGET = 500
"""The longest note a problem report takes (what the core stores)."""

ANSWERED_COLOUR = 0x2F6FB0
DECLINED_COLOUR = 0x7A8596
NO_FEEDBACK = frozenset({"help", "sources"})
"""Commands whose answers are the same for everyone: no helpful / not helpful / report buttons."""

# -- Wording only Discord shows (the rest comes from bot.messages) -----------------------------

PRIVATE_OPTION = "private"
PRIVATE_SUMMARY = "Only you see the answer (otherwise everyone in the channel does)"
HELPFUL = "Helpful"
NOT_HELPFUL = "Not helpful"
CITATION_BY = "{speaker} · paragraph {paragraph}"
CITATION_AT = "Paragraph {paragraph}"
MORE_CITATIONS = "…and {count} more"
MORE_CITATIONS_NOTE = "The rest are in the article."
SOURCE_FOOTER = "Source: {titles}"
STALE_BUTTON = "That button belongs to an older version of Envoy. Ask again with /ask."
REPORT_PROBLEM = "Report a problem"
REPORT_TITLE = "Report a problem with this answer"
REPORT_NOTE_LABEL = "What is wrong? (optional)"
REPORT_NOTE_PLACEHOLDER = "For example: the quote is someone else's, or the date is wrong."
REPORT_THANKS = "Thanks — the editors will look at it."
REPORT_UNKNOWN = "I couldn't find that answer any more. Ask again, and report the new answer."
USAGE = "Usage"

# -- custom_id formats -------------------------------------------------------------------------

FEEDBACK_TEMPLATE = r"envoy:fb:(?P<vote>up|down):(?P<answer>[0-9a-f]{32})"
SUGGESTION_PREFIX = "envoy:ask:"
SUGGESTION_TEMPLATE = r"(?s)envoy:ask:(?P<text>.+)"
PROBLEM_TEMPLATE = r"envoy:problem:(?P<answer>[0-9a-f]{32})"
REPORT_FORM_TEMPLATE = r"envoy:report:(?P<answer>[0-9a-f]{32})"
NOTE_INPUT = "note"
"""The custom_id of the report form's one text input."""
_ANSWER_ID = re.compile(r"[0-9a-f]{32}")
_OURS = (
    re.compile(FEEDBACK_TEMPLATE),
    re.compile(SUGGESTION_TEMPLATE),
    re.compile(PROBLEM_TEMPLATE),
)
_REPORT_FORM = re.compile(REPORT_FORM_TEMPLATE)

_DROPPED = frozenset({"Cc", "Cf", "Cs"})  # controls, invisible format characters, surrogates
_BREAKS = frozenset("\r\t\v\f\x1c\x1d\x1e\x85\u2028\u2029")
_GUARD = "\x00"  # stands in for "[" while escaping; clean() removes every real NUL


# -- text --------------------------------------------------------------------------------------


def clean(text: str, limit: int, *, single_line: bool = False, compatibility: bool = False) -> str:
    """`text` cut to `limit` characters, then without control or invisible characters.

    With `compatibility`, NFKC folds look-alikes (fullwidth ＠, ligatures) into plain
    characters first: for what users typed, never for the article's verbatim words.
    """
    text = text[:limit]
    if compatibility:
        text = unicodedata.normalize("NFKC", text)[:limit]
    kept: list[str] = []
    for char in text:
        if char == "\n":
            kept.append(" " if single_line else "\n")
        elif char in _BREAKS:
            kept.append(" ")
        elif unicodedata.category(char) not in _DROPPED:
            kept.append(char)
    result = "".join(kept)
    if single_line:
        return " ".join(result.split())
    return re.sub(r"\n{3,}", "\n\n", result).strip()


def escape(text: str, limit: int, *, single_line: bool = False, compatibility: bool = False) -> str:
    """`clean` text made inert for Discord markdown and mentions, at most `limit` long.

    "[" is held out of ``escape_markdown`` (its link pattern backtracks cubically on long
    runs of brackets) and escaped by hand, which defuses masked links the same way. Links
    are escaped too: with ``ignore_links`` the library would pass "https://x```" through.
    Lines are escaped one by one, or its ``^\\s*-`` would escape a blank line instead of
    the "-#" below it.
    """
    cleaned = clean(text, limit, single_line=single_line, compatibility=compatibility)
    guarded = cleaned.replace("[", _GUARD)
    lines = (
        discord.utils.escape_markdown(line, ignore_links=False) for line in guarded.split("\n")
    )
    escaped = "\n".join(lines).replace(_GUARD, "\\[")
    return cut(discord.utils.escape_mentions(escaped), limit)


def plain(text: str, limit: int) -> str:
    """One line for where Discord renders no markdown (footers, button labels, choices):
    `clean`, mentions defused all the same, at most `limit` long."""
    return cut(discord.utils.escape_mentions(clean(text, limit * 2, single_line=True)), limit)


def cut(text: str, limit: int) -> str:
    """`text` within `limit` characters, ending in "…" when shortened, never in a lone
    escaping backslash."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    trailing = len(head) - len(head.rstrip("\\"))
    if trailing % 2:
        head = head[:-1]
    return head + "…"


def notice(text: str) -> str:
    """A short message of Envoy's own (an apology, a cooldown) as message content."""
    return escape(text, MAX_CONTENT)


# -- embeds and buttons ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ButtonSpec:
    """One button: what it shows and the custom_id that says what a click does."""

    label: str
    custom_id: str
    style: discord.ButtonStyle = discord.ButtonStyle.secondary
    emoji: str | None = None
    row: int = 0


@dataclass(frozen=True, slots=True)
class Card:
    """One answer as Discord shows it: an embed and the buttons under it."""

    description: str
    title: str | None = None
    fields: tuple[tuple[str, str], ...] = ()
    footer: str | None = None
    colour: int = ANSWERED_COLOUR
    buttons: tuple[ButtonSpec, ...] = ()

    @property
    def size(self) -> int:
        """Characters Discord counts against the 6000 of one message's embeds."""
        return (
            len(self.title or "")
            + len(self.description)
            + sum(len(name) + len(value) for name, value in self.fields)
            + len(self.footer or "")
        )

    def embed(self) -> discord.Embed:
        """The card as a discord.py Embed."""
        embed = discord.Embed(
            title=self.title, description=self.description, colour=discord.Colour(self.colour)
        )
        for name, value in self.fields:
            embed.add_field(name=name, value=value, inline=False)
        if self.footer:
            embed.set_footer(text=self.footer)
        return embed


@dataclass(frozen=True, slots=True)
class Form:
    """A modal of one optional paragraph: what it shows and the custom_id its submission
    comes back with."""

    title: str
    custom_id: str
    label: str
    placeholder: str
    max_length: int
    input_id: str = NOTE_INPUT


def usage(command: str, text: str) -> tuple[str, str] | None:
    """The usage field for `command` sent with no visible text (nothing but spaces and
    invisible characters such as zero-width spaces), from the command registry."""
    if clean(text, SUGGESTION_BUDGET, single_line=True):
        return None
    spec = find_command(command)
    if spec is None or not spec.option:
        return None
    value = f"`/{spec.usage}`"
    if spec.option_summary:
        value += ": " + escape(spec.option_summary, SUGGESTION_BUDGET, single_line=True)
    return USAGE, cut(value, MAX_FIELD_VALUE)


def answer_card(
    answer: Answer, *, asked: str | None = None, usage: tuple[str, str] | None = None
) -> Card:
    """An answer as an embed: the answer, each cited quote with its speaker and paragraph,
    the source in the footer; for a decline, its suggestions (as text and as buttons).
    Helpful / Not helpful / Report a problem buttons when the answer was logged. `asked`
    (what the user typed) is the title; `usage` (see `usage`) a last field."""
    title = (
        escape(redact_credentials(asked), TITLE_BUDGET, single_line=True, compatibility=True)
        if asked
        else ""
    )
    footer = _footer(answer)
    description = escape(answer.text, DESCRIPTION_BUDGET) or "…"
    budget = MAX_EMBED_TOTAL - len(title) - len(footer or "") - len(description)
    fields = _citation_fields(answer, budget)
    if answer.suggestions:
        listing = "\n".join(
            "• " + escape(s, SUGGESTION_BUDGET, single_line=True) for s in answer.suggestions
        )
        nearest = (escape(messages.NEAREST, MAX_FIELD_NAME), cut(listing, MAX_FIELD_VALUE))
        if len(nearest[0]) + len(nearest[1]) <= budget - sum(len(n) + len(v) for n, v in fields):
            fields.append(nearest)
    room = budget - sum(len(n) + len(v) for n, v in fields)
    if usage is not None and len(fields) < MAX_FIELDS and len(usage[0]) + len(usage[1]) <= room:
        fields.append(usage)
    card = Card(
        description=description,
        title=title or None,
        fields=tuple(fields),
        footer=footer,
        colour=ANSWERED_COLOUR if answer.answered else DECLINED_COLOUR,
        buttons=_buttons(answer),
    )
    return _fit(card)


def _citation_fields(answer: Answer, budget: int) -> list[tuple[str, str]]:
    """A field per cited quote while they fit in `budget`, then a note of how many more."""
    fields: list[tuple[str, str]] = []
    citations = answer.citations
    for citation in citations[:CITATION_FIELDS]:
        if citation.speaker:
            heading = CITATION_BY.format(speaker=citation.speaker, paragraph=citation.paragraph)
        else:
            heading = CITATION_AT.format(paragraph=citation.paragraph)
        name = escape(heading, MAX_FIELD_NAME, single_line=True) or "…"
        value = cut("“" + escape(citation.quote, QUOTE_BUDGET) + "”", MAX_FIELD_VALUE)
        if len(name) + len(value) > budget:
            break
        fields.append((name, value))
        budget -= len(name) + len(value)
    left = len(citations) - len(fields)
    more = (MORE_CITATIONS.format(count=left), MORE_CITATIONS_NOTE)
    if left and len(more[0]) + len(more[1]) <= budget:
        fields.append(more)
    return fields


def _footer(answer: Answer) -> str | None:
    titles = list(dict.fromkeys(c.source for c in answer.citations if c.source))
    if not titles:
        return None
    text = SOURCE_FOOTER.format(titles=" · ".join(titles))
    return plain(text, FOOTER_BUDGET)


def _buttons(answer: Answer) -> tuple[ButtonSpec, ...]:
    buttons: list[ButtonSpec] = []
    for suggestion in answer.suggestions:
        custom_id = suggestion_custom_id(suggestion)
        label = plain(suggestion, MAX_BUTTON_LABEL)
        if custom_id is None or not label or len(buttons) == SUGGESTION_BUTTONS:
            continue
        buttons.append(ButtonSpec(label=label, custom_id=custom_id, row=0))
    answer_id = answer.answer_id or ""
    if _ANSWER_ID.fullmatch(answer_id) and answer.command not in NO_FEEDBACK:
        row = 1 if buttons else 0
        buttons.append(
            ButtonSpec(HELPFUL, feedback_custom_id(answer_id, True), emoji="👍", row=row)
        )
        buttons.append(
            ButtonSpec(NOT_HELPFUL, feedback_custom_id(answer_id, False), emoji="👎", row=row)
        )
        buttons.append(
            ButtonSpec(REPORT_PROBLEM, problem_custom_id(answer_id), emoji="🚩", row=row)
        )
    return tuple(buttons)


def report_form(answer_id: str) -> Form:
    """The "Report a problem" form for the answer `answer_id` (a 32-hex-digit id)."""
    return Form(
        title=cut(REPORT_TITLE, MAX_MODAL_TITLE),
        custom_id=report_form_custom_id(answer_id),
        label=cut(REPORT_NOTE_LABEL, MAX_TEXT_INPUT_LABEL),
        placeholder=cut(REPORT_NOTE_PLACEHOLDER, MAX_TEXT_INPUT_PLACEHOLDER),
        max_length=NOTE_BUDGET,
    )


def submitted_text(components: Any, input_id: str = NOTE_INPUT) -> str:
    """What was typed into the text input `input_id` of a submitted modal, from its raw
    ``components`` (inputs in action rows or in Labels); "" when it is absent."""
    pending = list(components) if isinstance(components, list) else []
    while pending:
        item = pending.pop(0)
        if not isinstance(item, dict):
            continue
        value = item.get("value")
        if item.get("custom_id") == input_id and isinstance(value, str):
            return value[:MAX_TEXT_INPUT]
        children = item.get("components")
        if isinstance(children, list):
            pending.extend(children)
        if isinstance(item.get("component"), dict):
            pending.append(item["component"])
    return ""


def _fit(card: Card) -> Card:
    """Drop trailing fields (then shorten the description) until the card fits: a last
    guard, since the budgets above already keep it inside."""
    fields = list(card.fields[:MAX_FIELDS])
    while fields and _with(card, fields).size > MAX_EMBED_TOTAL:
        fields.pop()
    fitted = _with(card, fields)
    if fitted.size > MAX_EMBED_TOTAL:
        room = MAX_EMBED_TOTAL - (fitted.size - len(fitted.description))
        fitted = Card(
            description=cut(fitted.description, max(room, 1)),
            title=fitted.title,
            fields=fitted.fields,
            footer=fitted.footer,
            colour=fitted.colour,
            buttons=fitted.buttons,
        )
    return fitted


def _with(card: Card, fields: list[tuple[str, str]]) -> Card:
    return Card(card.description, card.title, tuple(fields), card.footer, card.colour, card.buttons)


# -- custom_ids --------------------------------------------------------------------------------


def feedback_custom_id(answer_id: str, helpful: bool) -> str:
    """The custom_id of a helpful / not helpful button on the answer `answer_id`."""
    return f"envoy:fb:{'up' if helpful else 'down'}:{answer_id}"


def problem_custom_id(answer_id: str) -> str:
    """The custom_id of the "Report a problem" button on the answer `answer_id`."""
    return f"envoy:problem:{answer_id}"


def report_form_custom_id(answer_id: str) -> str:
    """The custom_id of the report form about the answer `answer_id`."""
    return f"envoy:report:{answer_id}"


def reported_answer(custom_id: str) -> str | None:
    """The answer id a submitted report form's custom_id carries, or None if it is not one."""
    match = _REPORT_FORM.fullmatch(custom_id)
    return match["answer"] if match else None


def suggestion_custom_id(suggestion: str) -> str | None:
    """The custom_id of a button that asks `suggestion` (cut at a word to fit), or None."""
    room = MAX_CUSTOM_ID - len(SUGGESTION_PREFIX)
    text = clean(suggestion, SUGGESTION_BUDGET, single_line=True)
    if len(text) > room:
        head = text[: room + 1]
        text = head.rsplit(" ", 1)[0] if " " in head else text[:room]
        text = text[:room].rstrip()
    return SUGGESTION_PREFIX + text if text else None


def is_envoy_custom_id(custom_id: str) -> bool:
    """Whether a button's custom_id is one of the formats this version understands."""
    return any(pattern.fullmatch(custom_id) for pattern in _OURS)


# -- autocomplete ------------------------------------------------------------------------------


def choices(names: Iterable[str]) -> list[tuple[str, str]]:
    """(name, value) pairs for an autocomplete answer: at most 25, each 1-100 characters."""
    result: dict[str, str] = {}
    for raw in names:
        name = plain(raw, MAX_CHOICE)
        if name and name not in result:
            result[name] = name
        if len(result) == MAX_CHOICES:
            break
    return list(result.items())
