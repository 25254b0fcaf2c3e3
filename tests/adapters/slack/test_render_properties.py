"""Property tests of the Slack renderer: whatever the answer holds, the message is inert
(no live mention or link from user text) and within Block Kit's limits."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.slack.render import Asked, render_answer
from bot.answers import Answer, Citation
from tests.fakes.slack import MAX_MESSAGE_BLOCKS, block_kit_errors

NAUGHTY = [
    "<!channel>",
    "<!here>",
    "<!everyone>",
    "<@U123ABC>",
    "<#C123|general>",
    "<!subteam^S1>",
    "＜!channel＞",
    "<https://evil.example|click>",
    "&lt;!channel&gt;",
    "@everyone",
    "\u0000",
    "\u202e",
    "*bold* _it_ ~s~ `code`",
    "> quote",
    "x" * 3500,
]
hostile = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from([*NAUGHTY, "a", " ", "\n"]), max_size=12).map("".join),
)
LIVE = re.compile(r"<[@#!]|<https?:|<mailto:")


HIDDEN = {"value", "action_id", "block_id", "private_metadata", "callback_id"}


def _texts(value: Any) -> list[str]:
    """Every string Slack shows from a Block Kit structure (button values and ids are
    never shown, so they may carry what the user typed)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for k, v in value.items() if k not in HIDDEN for t in _texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return []


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=hostile,
    asked=hostile,
    quotes=st.lists(st.tuples(hostile, st.integers(1, 10**6), hostile), max_size=30),
    suggestions=st.lists(hostile, max_size=5),
    answered=st.booleans(),
)
def test_any_answer_renders_inert_and_within_limits(
    text: str,
    asked: str,
    quotes: list[tuple[str, int, str]],
    suggestions: list[str],
    answered: bool,
) -> None:
    answer = Answer(
        answered=answered,
        text=text or "x",
        command="ask",
        citations=tuple(Citation(q, p, s, "src", speaker=s) for q, p, s in quotes),
        suggestions=tuple(s for s in suggestions if s.strip()),
        answer_id="a" * 32,
    )
    message = render_answer(answer, asked=Asked("ask", asked, "a" * 32), shareable=True)
    assert block_kit_errors(message.blocks, max_blocks=MAX_MESSAGE_BLOCKS) == []
    assert len(message.text) <= 40_000
    for shown in [message.text, *_texts(message.blocks)]:
        assert not LIVE.search(shown), shown[:200]
        assert "\x00" not in shown
