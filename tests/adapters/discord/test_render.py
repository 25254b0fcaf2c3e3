"""Rendering, pure: escaping, and Discord's limits on anything the core might return."""

from __future__ import annotations

import asyncio
import time

import discord
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.discord import render
from adapters.discord.commands import view_for
from bot.answers import Answer, Citation

from .helpers import assert_inert, assert_within_limits

ANSWER_ID = "0123456789abcdef0123456789abcdef"


def wire(card: render.Card) -> dict[str, object]:
    """The card as the message body discord.py would send."""
    view = view_for(card)
    return {
        "embeds": [card.embed().to_dict()],
        "components": view.to_components() if view else [],
    }


def test_an_answer_with_citations() -> None:
    answer = Answer(
        answered=True,
        text="Annalena Baerbock said it, on Tuesday.",
        command="who-said",
        citations=(
            Citation(
                "neutrality means taking the side of the aggressor",
                30,
                "The Article",
                "a",
                "Annalena Baerbock",
            ),
            Citation("a plain fact", 4, "The Article", "a"),
        ),
        answer_id=ANSWER_ID,
    )
    card = render.answer_card(answer, asked="who said neutrality")
    assert card.title == "who said neutrality"
    assert card.description == "Annalena Baerbock said it, on Tuesday."
    assert card.fields[0] == (
        "Annalena Baerbock · paragraph 30",
        "“neutrality means taking the side of the aggressor”",
    )
    assert card.fields[1] == ("Paragraph 4", "“a plain fact”")
    assert card.footer == "Source: The Article"
    assert card.colour == render.ANSWERED_COLOUR
    assert [b.custom_id for b in card.buttons] == [
        f"envoy:fb:up:{ANSWER_ID}",
        f"envoy:fb:down:{ANSWER_ID}",
        f"envoy:problem:{ANSWER_ID}",
    ]
    assert [b.label for b in card.buttons] == ["Helpful", "Not helpful", "Report a problem"]
    assert {b.row for b in card.buttons} == {0}


def test_a_decline_lists_suggestions_and_offers_them_as_buttons() -> None:
    answer = Answer(
        answered=False,
        text="I can't find that in the article.",
        command="ask",
        suggestions=("about Crimea", "Who said “no limits”?"),
        answer_id=ANSWER_ID,
    )
    card = render.answer_card(answer)
    assert card.colour == render.DECLINED_COLOUR
    assert card.fields[-1][1] == "• about Crimea\n• Who said “no limits”?"
    suggestions = [b for b in card.buttons if b.row == 0]
    assert [b.custom_id for b in suggestions] == [
        "envoy:ask:about Crimea",
        "envoy:ask:Who said “no limits”?",
    ]
    assert {b.row for b in card.buttons if b.custom_id.startswith("envoy:fb:")} == {1}
    assert [b.custom_id for b in card.buttons if b.row == 1] == [
        f"envoy:fb:up:{ANSWER_ID}",
        f"envoy:fb:down:{ANSWER_ID}",
        f"envoy:problem:{ANSWER_ID}",
    ]


def test_help_and_sources_have_no_feedback_or_report_buttons() -> None:
    for name in ("help", "sources"):
        assert render.answer_card(Answer(True, "text", name, answer_id=ANSWER_ID)).buttons == ()


def test_a_malformed_answer_id_gets_no_feedback_buttons() -> None:
    assert render.answer_card(Answer(True, "text", "ask", answer_id="../../x")).buttons == ()


def test_escape_makes_mentions_and_markdown_inert() -> None:
    escaped = render.escape("@everyone **x** [a](https://e.example) <@&123456789012345678>", 500)
    assert "@everyone" not in escaped
    assert "\\*\\*x\\*\\*" in escaped
    assert "\\[a](https://e.example)" in escaped
    assert "<@\u200b&123456789012345678>" in escaped
    assert render.escape("＠ｅｖｅｒｙｏｎｅ", 50, compatibility=True) == "@\u200beveryone"
    assert render.escape("@\u200beveryone", 50) == "@\u200beveryone"
    assert render.escape("a\u202eb\x00c\u2028d", 50) == "abc d"
    assert render.escape("line\n\n\n\nline", 50) == "line\n\nline"
    assert render.escape("line\nline", 50, single_line=True) == "line line"


def test_escape_bounds_before_escaping_and_after() -> None:
    started = time.perf_counter()
    hostile = render.escape("[](" * 100_000, 4096)
    assert time.perf_counter() - started < 1.0
    assert len(hostile) <= 4096
    assert 98 <= len(render.escape("*" * 5000, 100)) <= 100
    assert render.escape("*" * 5000, 100).endswith("…")
    cut = render.cut("ab\\\\\\x", 5)  # never ends in a lone escaping backslash
    assert cut == "ab\\\\…"


def test_suggestion_custom_ids_fit_and_cut_at_a_word() -> None:
    long = "What did " + "the German foreign minister " * 5 + "say?"
    custom_id = render.suggestion_custom_id(long)
    assert custom_id is not None
    assert len(custom_id) <= 100
    assert long.startswith(custom_id.removeprefix(render.SUGGESTION_PREFIX))
    assert not custom_id.endswith(" ")
    assert render.suggestion_custom_id("\u200b\u0000") is None
    assert render.is_envoy_custom_id(custom_id)
    assert render.is_envoy_custom_id(render.feedback_custom_id(ANSWER_ID, False))
    assert not render.is_envoy_custom_id("envoy:fb:up:nothex")


def test_report_custom_ids_carry_the_answer_id() -> None:
    button = render.problem_custom_id(ANSWER_ID)
    form = render.report_form_custom_id(ANSWER_ID)
    assert len(button) <= 100 and len(form) <= 100
    assert render.is_envoy_custom_id(button)
    assert not render.is_envoy_custom_id(form)  # a form's id is never a button's
    assert render.reported_answer(form) == ANSWER_ID
    assert render.reported_answer(button) is None
    assert render.reported_answer("envoy:report:../../x") is None
    assert render.reported_answer(form + "0") is None


def test_the_report_form_fits_discords_modal_limits() -> None:
    form = render.report_form(ANSWER_ID)
    assert 1 <= len(form.title) <= 45
    assert 1 <= len(form.label) <= 45
    assert len(form.placeholder) <= 100
    assert form.max_length == 500
    assert form.custom_id == f"envoy:report:{ANSWER_ID}"


def test_submitted_text_reads_rows_and_labels() -> None:
    row = [{"type": 1, "components": [{"type": 4, "custom_id": "note", "value": "a typo"}]}]
    label = [{"type": 18, "component": {"type": 4, "custom_id": "note", "value": "wrong date"}}]
    other = [{"type": 1, "components": [{"type": 4, "custom_id": "other", "value": "x"}]}]
    assert render.submitted_text(row) == "a typo"
    assert render.submitted_text(label) == "wrong date"
    assert render.submitted_text(other) == ""
    assert render.submitted_text(None) == ""
    assert render.submitted_text([None, "x", {"custom_id": "note", "value": 5}]) == ""
    huge = [{"type": 1, "components": [{"custom_id": "note", "value": "x" * 10_000}]}]
    assert len(render.submitted_text(huge)) == 4000


def test_choices_are_bounded() -> None:
    names = [f"Name {n} " + "x" * 200 for n in range(40)] + ["", "\u200b", "Name 0 " + "x" * 200]
    offered = render.choices(names)
    assert len(offered) == 25
    assert all(1 <= len(n) <= 100 and 1 <= len(v) <= 100 for n, v in offered)
    assert len({v for _, v in offered}) == 25


PIECES = [
    *"@everyone here<>&!*_`~|[]()#->\n\u200b\u202e\x00 ＠x1234567890",
    "<@123456789012345678>",
    "<@!123456789012345678>",
    "<@&123456789012345678>",
    "@everyone",
    "@here",
    "```",
    "[a](https://e.example)",
    "\n> ",
    "\n# ",
    "\n-# ",
]
hostile_text = st.lists(st.sampled_from(PIECES), max_size=600).map("".join)


@settings(
    max_examples=80,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    text=hostile_text,
    asked=hostile_text,
    quotes=st.lists(st.tuples(hostile_text, st.integers(1, 10**9), hostile_text), max_size=40),
    suggestions=st.lists(hostile_text, max_size=12),
    answered=st.booleans(),
)
def test_any_answer_renders_within_every_limit(
    text: str,
    asked: str,
    quotes: list[tuple[str, int, str]],
    suggestions: list[str],
    answered: bool,
) -> None:
    answer = Answer(
        answered=answered,
        text=text,
        command="ask",
        citations=tuple(Citation(q, p, s * 3, "src", s or None) for q, p, s in quotes),
        suggestions=tuple(suggestions),
        answer_id=ANSWER_ID,
    )
    card = render.answer_card(answer, asked=asked)
    assert card.size <= render.MAX_EMBED_TOTAL
    body = wire(card)
    assert_within_limits(body)
    assert_inert(body)
    assert len(discord.Embed.from_dict(body["embeds"][0])) <= 6000  # type: ignore[index]


@pytest.mark.parametrize("count", [0, 1, 5, 12])
def test_buttons_fit_in_rows(count: int) -> None:
    answer = Answer(
        False, "no", "ask", suggestions=tuple(f"q{n}" for n in range(count)), answer_id=ANSWER_ID
    )

    async def build() -> discord.ui.View | None:  # as the client does, on its loop
        return view_for(render.answer_card(answer))

    view = asyncio.run(build())
    assert view is not None
    rows = view.to_components()
    assert len(rows) <= 5
    assert all(len(row["components"]) <= 5 for row in rows)
    assert view.is_finished()  # nothing kept per message
