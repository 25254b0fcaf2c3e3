"""Answers as Slack messages: Block Kit blocks plus the fallback `text`. Pure, no I/O.

This module owns two promises:

* Nothing a user typed can ping anyone. Slack mentions exist only as tokens (``<!channel>``,
  ``<@U1>``, ``<!subteam^S1>``); `escape` normalises text (NFKC, which turns a fullwidth
  ``＜!channel＞`` into a real token), turns every token into a plain label, and only then
  escapes ``&``, ``<`` and ``>``. Every string put into a message goes through it, and
  mrkdwn objects are ``verbatim`` so Slack does not link-ify names on its own.
* Every message stays within Block Kit limits (50 blocks, 3000 characters a section,
  10 context elements, 75 characters a button); long answers are cut at a line or
  sentence with a pointer to the rest. The "Report a problem" modal stays within the
  modal's (24 characters a title or button, 3000 of private_metadata).
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from adapters.slack import messages as say
from bot import messages as core_messages
from bot.answers import Answer, Citation
from bot.commands import command as find_command
from bot.service import Overview
from bot.text import redact_credentials

JSON = dict[str, Any]

MAX_BLOCKS = 50
MAX_HOME_BLOCKS = 100
MAX_SECTION_TEXT = 3000
MAX_CONTEXT_ELEMENTS = 10
MAX_CONTEXT_TEXT = 2000
MAX_HEADER_TEXT = 150
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
MAX_FALLBACK_TEXT = 3000
MAX_ECHO = 200
MAX_SUGGESTIONS = 5
MAX_QUESTION_IN_VALUE = 1500
MAX_VIEW_TEXT = 24
MAX_PRIVATE_METADATA = 3000
MAX_NOTE = 500
MAX_ANSWER_ID = 32

ACTION_SHARE = "envoy_share"
ACTION_HELPFUL = "envoy_helpful"
ACTION_NOT_HELPFUL = "envoy_not_helpful"
ACTION_SUGGEST = "envoy_suggest"
SUGGEST_ACTION = re.compile(rf"^{ACTION_SUGGEST}_\d+$")
"""The suggestion buttons' action ids: ``envoy_suggest_0``, ``envoy_suggest_1``..."""
ACTION_REPORT = "envoy_report_problem"
REPORT_CALLBACK = "envoy_report_problem"
"""The callback_id of the "Report a problem" modal."""
REPORT_BLOCK = "envoy_problem"
REPORT_INPUT = "envoy_problem_note"
NOT_REPORTABLE = frozenset({"help", "sources"})
"""Commands whose answers describe Envoy itself: nothing for the editors to fix there."""

_TOKEN = re.compile(r"<([@#!][^<>]*|[A-Za-z][A-Za-z0-9+.-]*:[^<>|\s]*(?:\|[^<>]*)?)>")
_SPECIAL = {"here": "@here", "channel": "@channel", "everyone": "@everyone"}
_ENTITY_TAIL = re.compile(r"&[a-z]{0,3}$")
_BREAKS = ("\n", ". ", "; ", ", ", " ")


@dataclass(frozen=True, slots=True)
class Message:
    """A message ready for chat.postMessage or a response_url: fallback text and blocks."""

    text: str
    blocks: list[JSON] = field(default_factory=list)

    def as_kwargs(self) -> JSON:
        return {"text": self.text, "blocks": self.blocks}


@dataclass(frozen=True, slots=True)
class Asked:
    """The slash command a user typed, echoed above its answer and carried by Post to channel."""

    command: str
    text: str
    answer_id: str | None = None

    def echo(self) -> str:
        return say.ASKED.format(command=f"/{self.command}", text=self.text).strip()

    def to_value(self) -> str:
        """A button value (under 2000 characters) that `from_value` reads back."""
        value = {"c": self.command[:40], "t": self.text[:MAX_QUESTION_IN_VALUE]}
        if self.answer_id:
            value["a"] = self.answer_id[:32]
        return json.dumps(value, ensure_ascii=False)

    @classmethod
    def from_value(cls, value: str) -> Asked:
        """The Asked a `to_value` string holds; ValueError if it is not one."""
        data = json.loads(value)
        if not isinstance(data, dict):
            raise ValueError("not an object")
        command, text, answer_id = data.get("c"), data.get("t"), data.get("a")
        if not isinstance(command, str) or not isinstance(text, str):
            raise ValueError("missing command or text")
        return cls(command, text, answer_id if isinstance(answer_id, str) else None)


@dataclass(frozen=True, slots=True)
class ReportTarget:
    """What the "Report a problem" modal carries in its private_metadata: the answer, and
    where to thank the reporter (the click's response_url, else its channel)."""

    answer_id: str
    response_url: str | None = None
    channel: str | None = None

    def to_metadata(self) -> str:
        """JSON within the 3000 characters of private_metadata (the URL left out if long)."""
        data = {"a": self.answer_id[:MAX_ANSWER_ID]}
        if self.channel:
            data["c"] = self.channel[:100]
        if self.response_url and len(self.response_url) <= MAX_PRIVATE_METADATA // 2:
            data["u"] = self.response_url
        return json.dumps(data, ensure_ascii=True)

    @classmethod
    def from_metadata(cls, metadata: str) -> ReportTarget:
        """The target a `to_metadata` string holds; an empty one if it holds none."""
        try:
            data = json.loads(metadata)
        except ValueError:
            return cls("")
        if not isinstance(data, dict):
            return cls("")
        answer_id, url, channel = data.get("a"), data.get("u"), data.get("c")
        return cls(
            answer_id[:MAX_ANSWER_ID] if isinstance(answer_id, str) else "",
            url if isinstance(url, str) and url else None,
            channel if isinstance(channel, str) and channel else None,
        )


# -- text ----------------------------------------------------------------------------------


def labels(text: str) -> str:
    """`text` with every Slack token turned into a plain label.

    ``<@U1|ann>`` -> ``@ann``, ``<@U1>`` -> ``@U1``, ``<#C1|general>`` -> ``#general``,
    ``<!channel>`` -> ``@channel``, ``<!subteam^S1|@team>`` -> ``@team``, ``<!date^..|x>``
    -> ``x``, ``<https://x|label>`` -> ``label``, ``<https://x>`` -> ``https://x``.
    """
    return _TOKEN.sub(_label, text)


def _label(match: re.Match[str]) -> str:
    inner = match.group(1)
    target, _, label = inner.partition("|")
    kind = target[:1]
    if kind in "@#":
        return f"{kind}{label.lstrip('@#') or target[1:]}" if label else target
    if kind == "!":
        name = target[1:]
        if name in _SPECIAL:
            return _SPECIAL[name]
        if name.startswith("subteam^"):
            return label if label.startswith("@") else f"@{label or 'group'}"
        return label or name.split("^", 1)[0]
    return label or target


def from_slack(text: str) -> str:
    """Text as Slack delivered it (tokens, ``&lt;``...) as plain text for the core, with
    credentials redacted (it is echoed and carried by Post to channel)."""
    plain = labels(text).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return redact_credentials(plain)


def _visible(text: str) -> str:
    """NFKC, without control and invisible format characters (newlines kept)."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(
        ch
        for ch in text
        if ch == "\n" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn")
    )


def escape(text: str) -> str:
    """Plain text made safe for mrkdwn and the fallback `text`: it can ping nobody.

    Normalises first (a fullwidth ``＜!channel＞`` becomes ``<!channel>``), turns tokens
    into labels, then escapes ``&``, ``<`` and ``>``; the order matters.
    """
    plain = labels(_visible(text))
    return plain.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def plain(text: str) -> str:
    """Text made safe for a plain_text object (buttons, headers): labels, no angle brackets."""
    return labels(_visible(text)).replace("<", "‹").replace(">", "›")


def cut(text: str, limit: int, suffix: str = "…") -> str:
    """`text` within `limit` characters, cut at a line, sentence or word, ending in `suffix`."""
    if len(text) <= limit:
        return text
    room = max(0, limit - len(suffix))
    head = text[:room]
    for mark in _BREAKS:
        at = head.rfind(mark)
        if at >= room // 2:
            head = head[: at + (1 if mark == ". " else 0)]
            break
    head = _ENTITY_TAIL.sub("", head.rstrip())
    return head + suffix


# -- blocks --------------------------------------------------------------------------------


def mrkdwn(text: str) -> JSON:
    """A mrkdwn text object; verbatim, so Slack links no names or channels by itself."""
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def section(text: str) -> JSON:
    return {"type": "section", "text": mrkdwn(cut(text, MAX_SECTION_TEXT))}


def context(*texts: str) -> JSON:
    elements = [mrkdwn(cut(t, MAX_CONTEXT_TEXT)) for t in texts if t][:MAX_CONTEXT_ELEMENTS]
    return {"type": "context", "elements": elements}


def button(label: str, action_id: str, value: str, *, style: str | None = None) -> JSON:
    element: JSON = {
        "type": "button",
        "text": {"type": "plain_text", "text": cut(plain(label), MAX_BUTTON_TEXT), "emoji": True},
        "action_id": action_id,
        "value": value[:MAX_BUTTON_VALUE],
    }
    if style:
        element["style"] = style
    return element


def _paragraphs(numbers: Iterable[int]) -> str:
    unique = sorted(set(numbers))
    listed = ", ".join(str(n) for n in unique)
    template = say.PARAGRAPHS if len(unique) == 1 else say.PARAGRAPHS_PLURAL
    return template.format(numbers=listed)


def _citation_block(citation: Citation) -> JSON:
    quote = escape(citation.quote).strip()
    where = _paragraphs([citation.paragraph])
    attribution = (
        say.SPEAKER_LINE.format(speaker=escape(citation.speaker), where=where)
        if citation.speaker
        else f"— {where}"
    )
    room = MAX_SECTION_TEXT - len(attribution) - 8
    quoted = "\n>".join(cut(quote, room).splitlines() or [""])
    return section(f">“{quoted}”\n{attribution}")


def _sources_context(citations: Sequence[Citation]) -> JSON | None:
    by_source: dict[str, list[int]] = {}
    for citation in citations:
        by_source.setdefault(citation.source, []).append(citation.paragraph)
    if not by_source:
        return None
    texts = [
        f"{say.SOURCE.format(title=escape(title))}, {_paragraphs(numbers)}"
        for title, numbers in by_source.items()
    ]
    return context(*texts)


def _answer_text(answer: Answer) -> str:
    text = escape(answer.text).strip() or " "
    suffix = say.TEXT_CUT if answer.citations else say.TEXT_CUT_PLAIN
    return cut(text, MAX_SECTION_TEXT, suffix=suffix)


def render_answer(
    answer: Answer,
    *,
    asked: Asked | None = None,
    shareable: bool = False,
    shared_by: str | None = None,
    asked_by: str | None = None,
) -> Message:
    """One answer as a Slack message.

    The answer sentence; each cited quote as a quotation with speaker and paragraph; a
    context line with the source title; for a decline, the nearest suggestions as buttons;
    feedback buttons carrying the answer id (and "Report a problem", except on help and
    sources); "Post to channel" when `shareable`. `asked`
    (a slash command) is echoed above the answer, with usage help when its text was empty;
    `shared_by` names who posted a shared answer, `asked_by` who asked it in public.
    """
    head: list[JSON] = []
    echo: list[str] = []
    if shared_by is not None:
        echo.append(say.SHARED_BY.format(name=escape(shared_by or say.SOMEONE)))
    if asked_by is not None:
        echo.append(say.ASKED_BY.format(name=escape(asked_by or say.SOMEONE)))
    if asked is not None:
        echo.append(escape(cut(_visible(asked.echo()), MAX_ECHO)))
    if echo:
        head.append(context(" · ".join(echo)))
    head.append(section(_answer_text(answer)))

    tail: list[JSON] = []
    sources = _sources_context(answer.citations)
    suggestions = [s for s in answer.suggestions if s.strip()][:MAX_SUGGESTIONS]
    if suggestions:
        tail.append(section(escape(core_messages.NEAREST)))
        tail.append(
            {
                "type": "actions",
                "block_id": "envoy_suggestions",
                "elements": [
                    button(s, f"{ACTION_SUGGEST}_{i}", s[:MAX_QUESTION_IN_VALUE])
                    for i, s in enumerate(suggestions)
                ],
            }
        )
    usage = _usage(asked)
    if usage:
        tail.append(context(usage))
    controls: list[JSON] = []
    if answer.answer_id:
        controls += [
            button(say.HELPFUL, ACTION_HELPFUL, answer.answer_id),
            button(say.NOT_HELPFUL, ACTION_NOT_HELPFUL, answer.answer_id),
        ]
        if answer.command not in NOT_REPORTABLE:
            controls.append(button(say.REPORT, ACTION_REPORT, answer.answer_id))
    if shareable and asked is not None:
        controls.append(button(say.SHARE, ACTION_SHARE, asked.to_value(), style="primary"))
    if controls:
        tail.append({"type": "actions", "block_id": "envoy_controls", "elements": controls})

    citations = list(answer.citations)
    room = MAX_BLOCKS - len(head) - len(tail) - (1 if sources else 0)
    shown = citations if len(citations) <= room else citations[: max(0, room - 1)]
    body = [_citation_block(c) for c in shown]
    rest = citations[len(shown) :]
    if rest:
        where = _paragraphs(c.paragraph for c in rest)
        body.append(context(say.MORE_CITATIONS.format(count=len(rest), where=where)))
    if sources:
        body.append(sources)

    fallback = _answer_text(answer)
    if shared_by is not None:
        fallback = f"{say.SHARED_BY.format(name=escape(shared_by or say.SOMEONE))}: {fallback}"
    return Message(text=cut(fallback, MAX_FALLBACK_TEXT), blocks=head + body + tail)


def _usage(asked: Asked | None) -> str | None:
    """Usage help for a slash command sent without visible text (nothing but spaces and
    invisible characters, such as zero-width spaces), from the command registry."""
    if asked is None or _visible(asked.text).strip():
        return None
    spec = find_command(asked.command)
    if spec is None or not spec.option:
        return None
    if spec.option_summary:
        return say.USAGE_OPTION.format(
            usage=escape(spec.usage), option_summary=escape(spec.option_summary)
        )
    return say.USAGE.format(usage=escape(spec.usage))


def render_text(text: str) -> Message:
    """A short notice (feedback thanks, an apology): escaped text and one section."""
    safe = cut(escape(text), MAX_SECTION_TEXT)
    return Message(text=safe, blocks=[section(safe)])


def _plain_text(text: str, limit: int) -> JSON:
    return {"type": "plain_text", "text": cut(plain(text), limit), "emoji": True}


def render_report_modal(target: ReportTarget) -> JSON:
    """The "Report a problem" modal: a word on what to report and one optional note."""
    return {
        "type": "modal",
        "callback_id": REPORT_CALLBACK,
        "title": _plain_text(say.REPORT_TITLE, MAX_VIEW_TEXT),
        "submit": _plain_text(say.REPORT_SUBMIT, MAX_VIEW_TEXT),
        "close": _plain_text(say.REPORT_CLOSE, MAX_VIEW_TEXT),
        "private_metadata": target.to_metadata(),
        "blocks": [
            section(escape(say.REPORT_INTRO)),
            {
                "type": "input",
                "block_id": REPORT_BLOCK,
                "optional": True,
                "label": _plain_text(say.REPORT_NOTE_LABEL, 2000),
                "hint": _plain_text(say.REPORT_NOTE_HINT, 2000),
                "element": {
                    "type": "plain_text_input",
                    "action_id": REPORT_INPUT,
                    "multiline": True,
                    "max_length": MAX_NOTE,
                    "placeholder": _plain_text(say.REPORT_NOTE_PLACEHOLDER, 150),
                },
            },
        ],
    }


def report_note(view: JSON) -> str | None:
    """The note typed into a submitted report modal: normalised, without control characters,
    every mention token made a plain label, at most 500 characters; None when left empty."""
    state = view.get("state")
    values = state.get("values") if isinstance(state, dict) else None
    block = values.get(REPORT_BLOCK) if isinstance(values, dict) else None
    entry = block.get(REPORT_INPUT) if isinstance(block, dict) else None
    value = entry.get("value") if isinstance(entry, dict) else None
    if not isinstance(value, str):
        return None
    note = labels(_visible(value)).strip()[:MAX_NOTE].strip()
    return note or None


def render_report_thanks(note: str | None) -> Message:
    """The private thanks for a report, with the note echoed (escaped) when there was one."""
    thanks = escape(say.REPORT_THANKS)
    blocks = [section(thanks)]
    if note:
        shown = cut(escape(" ".join(_visible(note).split())), MAX_CONTEXT_TEXT - 40)
        blocks.append(context(say.REPORT_YOUR_NOTE.format(note=shown)))
    return Message(text=thanks, blocks=blocks)


def render_not_sent(retry_after: float) -> Message:
    """The private note that Slack's rate limit stopped an answer, and when to ask again."""
    minutes = math.ceil(retry_after / 60)
    if retry_after <= 30:
        wait = say.WAIT_SECONDS
    elif minutes <= 1:
        wait = say.WAIT_MINUTE
    else:
        wait = say.WAIT_MINUTES.format(minutes=minutes)
    return render_text(say.NOT_SENT.format(wait=wait))


def render_apology(reference: str) -> Message:
    """The one thing a user sees when something failed on our side."""
    return render_text(core_messages.INTERNAL_ERROR.format(reference=reference))


def render_home(overview: Overview) -> JSON:
    """The App Home view: what Envoy knows, its commands and a few example questions."""
    blocks: list[JSON] = [
        {"type": "header", "text": {"type": "plain_text", "text": say.HOME_TITLE[:150]}},
        section(escape(say.HOME_INTRO)),
    ]
    for source in overview.sources[:20]:
        names = "; ".join(f"{c.name} ({c.note})" if c.note else c.name for c in source.contributors)
        contributors = (
            say.HOME_CONTRIBUTORS.format(names=escape(names)) if names else say.HOME_NO_CONTRIBUTORS
        )
        blocks.append(
            section(f"{say.HOME_SOURCE.format(title=escape(source.title))}\n{contributors}")
        )
    counts = say.HOME_COUNTS.format(
        facts=overview.facts, quotes=overview.quotes, entities=overview.entities
    )
    blocks.append(context(escape(counts)))
    blocks.append({"type": "divider"})
    commands = [f"`/{escape(c.usage)}`: {escape(c.summary)}" for c in overview.commands]
    blocks.append(section(say.HOME_COMMANDS + "\n" + "\n".join(commands)))
    examples = [f"• {escape(e)}" for e in overview.examples[:8]]
    blocks.append(section(say.HOME_EXAMPLES + "\n" + "\n".join(examples)))
    blocks.append(context(say.HOME_WHERE))
    return {"type": "home", "blocks": blocks[:MAX_HOME_BLOCKS]}
