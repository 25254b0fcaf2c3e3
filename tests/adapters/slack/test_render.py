"""Rendering answers as Block Kit: escaping, structure and limits (pure functions)."""

from __future__ import annotations

import re

import pytest

from adapters.slack import render
from adapters.slack.app import question_from_suggestion
from adapters.slack.render import (
    ACTION_HELPFUL,
    ACTION_NOT_HELPFUL,
    ACTION_REPORT,
    ACTION_SHARE,
    REPORT_BLOCK,
    REPORT_INPUT,
    SUGGEST_ACTION,
    Asked,
    ReportTarget,
    cut,
    escape,
    from_slack,
    render_answer,
    render_home,
    render_report_modal,
    render_report_thanks,
    report_note,
)
from bot import messages as core_messages
from bot.answers import Answer, Citation
from bot.service import Envoy
from tests.fakes.slack import (
    MAX_MESSAGE_BLOCKS,
    MAX_VIEW_BLOCKS,
    block_kit_errors,
    modal_errors,
    view_submission_payload,
)

from .harness import shown_strings

pytestmark = pytest.mark.timeout(30)

HOSTILE = (
    "<!channel> <!here> <!everyone> <@U1> <@U2|bob> <#C1|general> <!subteam^S1> "
    "<!subteam^S2|@team> ＜!channel＞ <http://x|y> <!chan\u200bnel> a & b < c > d"
)


def _assert_inert(text: str) -> None:
    assert "<" not in text and "＜" not in text, text
    assert ">" not in re.sub(r"(?m)^>", "", text), text  # only our own quotation marks
    assert not re.search(r"&(?!amp;|lt;|gt;)", text), text


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("<!channel>", "@channel"),
        ("<!here|here>", "@here"),
        ("<@U123>", "@U123"),
        ("<@U123|ann>", "@ann"),
        ("<#C1|general>", "#general"),
        ("<!subteam^S1>", "@group"),
        ("<!subteam^S1|@diplomats>", "@diplomats"),
        ("<http://x.example|click me>", "click me"),
        ("<mailto:a@b.example>", "mailto:a@b.example"),
        ("＜!channel＞", "@channel"),
        ("a & b < c > d", "a &amp; b &lt; c &gt; d"),
        ("<!chan\u200bnel>", "@channel"),
    ],
)
def test_escape_turns_tokens_into_labels_then_escapes(raw: str, shown: str) -> None:
    assert escape(raw) == shown
    _assert_inert(escape(raw))


def test_escape_after_normalising_never_before() -> None:
    # Escaping first would leave a fullwidth bracket that NFKC later turns into a live token.
    assert escape("＜!everyone＞ ＆") == "@everyone &amp;"
    _assert_inert(escape(HOSTILE))


def test_from_slack_gives_the_core_plain_text() -> None:
    assert from_slack("who is &lt;Blinken&gt; &amp; <@U1|ann> <!here>") == (
        "who is <Blinken> & @ann @here"
    )
    assert from_slack("&amp;lt;") == "&lt;"


def test_cut_keeps_within_limit_at_a_boundary() -> None:
    text = "First sentence here. Second sentence is longer than the rest of it."
    assert cut(text, 100) == text
    shortened = cut(text, 40, suffix="…")
    assert len(shortened) <= 40
    assert shortened == "First sentence here.…"
    assert cut("&amp;" * 10, 13, suffix="…").endswith("&amp;…")


def _citation(n: int, quote: str = "words", speaker: str | None = "A. Speaker") -> Citation:
    return Citation(quote=quote, paragraph=n, source="The <Source> & Title", speaker=speaker)


def test_answer_layout_quote_speaker_paragraph_source_and_buttons() -> None:
    answer = Answer(
        answered=True,
        text="Blinken said it.",
        command="who-said",
        citations=(_citation(6, "a positive thing", "Antony J. Blinken"),),
        speaker="Antony J. Blinken",
        answer_id="a" * 32,
    )

    message = render_answer(answer, asked=Asked("who-said", "positive"), shareable=True)

    kinds = [b["type"] for b in message.blocks]
    assert kinds == ["context", "section", "section", "context", "actions"]
    assert message.blocks[0]["elements"][0]["text"] == "/who-said positive"
    assert message.blocks[1]["text"]["text"] == "Blinken said it."
    assert message.blocks[2]["text"]["text"] == (
        ">“a positive thing”\n— Antony J. Blinken, paragraph 6"
    )
    assert message.blocks[3]["elements"][0]["text"] == (
        "From “The &lt;Source&gt; &amp; Title”, paragraph 6"
    )
    controls = {e["action_id"]: e for e in message.blocks[4]["elements"]}
    assert list(controls) == [ACTION_HELPFUL, ACTION_NOT_HELPFUL, ACTION_REPORT, ACTION_SHARE]
    assert controls[ACTION_HELPFUL]["value"] == controls[ACTION_NOT_HELPFUL]["value"] == "a" * 32
    assert controls[ACTION_REPORT]["value"] == "a" * 32
    assert Asked.from_value(controls[ACTION_SHARE]["value"]) == Asked("who-said", "positive")
    assert message.text == "Blinken said it."
    assert all(b["text"].get("verbatim") is True for b in message.blocks if b["type"] == "section")


def test_shared_answer_names_who_shared_and_has_no_share_button() -> None:
    answer = Answer(answered=True, text="Yes.", command="ask", answer_id="b" * 32)

    message = render_answer(answer, asked=Asked("ask", "q"), shared_by="<!channel> ann")

    assert message.blocks[0]["elements"][0]["text"] == "Shared by @channel ann · /ask q"
    assert message.text.startswith("Shared by @channel ann: ")
    assert ACTION_SHARE not in str(message.blocks)


def test_decline_offers_suggestions_as_buttons() -> None:
    answer = Answer(
        answered=False,
        text=core_messages.CANNOT_FIND,
        command="ask",
        suggestions=("When did Xi Jinping visit Moscow?", "about Crimea", "x" * 300),
        answer_id="c" * 32,
    )

    message = render_answer(answer)

    actions = [b for b in message.blocks if b["type"] == "actions"]
    suggestions = actions[0]["elements"]
    assert [SUGGEST_ACTION.match(e["action_id"]) is not None for e in suggestions] == [True] * 3
    assert len({e["action_id"] for e in suggestions}) == 3
    assert suggestions[0]["value"] == "When did Xi Jinping visit Moscow?"
    assert all(len(e["text"]["text"]) <= 75 for e in suggestions)
    assert core_messages.NEAREST in str(message.blocks)
    assert block_kit_errors(message.blocks, max_blocks=MAX_MESSAGE_BLOCKS) == []


def test_empty_command_text_gets_usage_from_the_registry() -> None:
    answer = Answer(answered=False, text="`quotes` needs a person.", command="quotes")

    message = render_answer(answer, asked=Asked("quotes", ""), shareable=True)

    assert "Usage: `/quotes &lt;person&gt;`" in str(message.blocks)
    assert render_answer(answer, asked=Asked("sources", "")).blocks[-1]["type"] != "context"


def test_huge_answer_stays_within_block_kit_limits_with_a_pointer() -> None:
    answer = Answer(
        answered=True,
        text=("A long line of the answer & more. " * 400).strip(),
        command="quotes",
        citations=tuple(_citation(n % 38 + 1, "q <!here> " * 700) for n in range(80)),
        suggestions=tuple(f"suggestion {n} " * 40 for n in range(9)),
        answer_id="d" * 32,
    )

    message = render_answer(
        answer, asked=Asked("quotes", "<!channel> " * 3000), shareable=True, shared_by="x" * 500
    )

    assert block_kit_errors(message.blocks, max_blocks=MAX_MESSAGE_BLOCKS) == []
    assert len(message.blocks) == MAX_MESSAGE_BLOCKS
    assert len(message.text) <= 3000
    assert message.blocks[1]["text"]["text"].endswith(render.say.TEXT_CUT)
    pointer = [b for b in message.blocks if "more, from paragraphs" in str(b)]
    assert len(pointer) == 1
    for text in shown_strings({"text": message.text, "blocks": message.blocks}):
        _assert_inert(text)


def test_every_section_and_context_respects_limits_for_many_sources() -> None:
    citations = tuple(
        Citation(quote="q", paragraph=1, source=f"Source {n}", speaker=None) for n in range(15)
    )
    answer = Answer(answered=True, text="t", command="ask", citations=citations)

    message = render_answer(answer)

    assert block_kit_errors(message.blocks, max_blocks=MAX_MESSAGE_BLOCKS) == []
    source_line = message.blocks[-1]
    assert source_line["type"] == "context"
    assert len(source_line["elements"]) == 10


def test_share_value_fits_a_button_whatever_was_typed() -> None:
    asked = Asked("ask", "ё" * 20_000)

    value = asked.to_value()

    assert len(value) <= 2000
    assert Asked.from_value(value).command == "ask"
    with pytest.raises(ValueError, match="missing"):
        Asked.from_value('{"c": 1}')


def test_home_view_from_overview(envoy: Envoy) -> None:
    view = render_home(envoy.overview())

    assert view["type"] == "home"
    errors = block_kit_errors(view["blocks"], max_blocks=MAX_VIEW_BLOCKS, pointer="/view/blocks")
    assert errors == []
    shown = str(view)
    for source in envoy.overview().sources:
        assert source.title in shown
        for contributor in source.contributors:
            assert contributor.name in shown
    for spec in envoy.overview().commands:
        assert f"/{spec.name}" in shown
    assert envoy.overview().examples[0] in shown


@pytest.mark.parametrize(
    ("suggestion", "question"),
    [
        ("about Crimean Peninsula", ("about", "Crimean Peninsula")),
        ("quotes Antony J. Blinken", ("quotes", "Antony J. Blinken")),
        ("When did Xi Jinping visit Moscow?", ("ask", "When did Xi Jinping visit Moscow?")),
        ("About how many troops?", ("ask", "About how many troops?")),
        ("ask what happened", ("ask", "ask what happened")),
        ("help", ("ask", "help")),
    ],
)
def test_suggestions_become_questions(suggestion: str, question: tuple[str, str]) -> None:
    assert question_from_suggestion(suggestion) == question


# -- Report a problem ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "reportable"),
    [
        ("ask", True),
        ("who-said", True),
        ("quotes", True),
        ("about", True),
        ("help", False),
        ("sources", False),
    ],
)
def test_report_button_except_on_help_and_sources(command: str, reportable: bool) -> None:
    answer = Answer(answered=True, text="t", command=command, answer_id="e" * 32)

    controls = next(b for b in render_answer(answer).blocks if b["type"] == "actions")["elements"]

    ids = [e["action_id"] for e in controls]
    assert (ACTION_REPORT in ids) is reportable
    assert ACTION_HELPFUL in ids
    assert all(len(e["action_id"]) <= 255 and len(e["value"]) <= 2000 for e in controls)


def test_no_report_button_without_an_answer_id() -> None:
    answer = Answer(answered=False, text="Please wait.", command="ask")

    assert ACTION_REPORT not in str(render_answer(answer).blocks)


def test_report_modal_is_within_modal_limits() -> None:
    target = ReportTarget("a" * 32, "https://hooks.slack.com/actions/T1/1/x", "C1")

    view = render_report_modal(target)

    assert modal_errors(view) == []
    assert ReportTarget.from_metadata(view["private_metadata"]) == target
    [block] = [b for b in view["blocks"] if b["type"] == "input"]
    assert block["block_id"] == REPORT_BLOCK
    assert block["element"]["action_id"] == REPORT_INPUT
    assert (block["optional"], block["element"]["multiline"]) == (True, True)
    assert block["element"]["max_length"] == 500


def test_report_target_metadata_stays_small_and_survives_garbage() -> None:
    long = ReportTarget("b" * 100, "https://x.example/" + "u" * 5000, "C" * 500)

    metadata = long.to_metadata()

    assert len(metadata) <= 3000
    assert ReportTarget.from_metadata(metadata) == ReportTarget("b" * 32, None, "C" * 100)
    for garbage in ("", "not json", "[1]", '{"a": 5, "u": [], "c": null}'):
        assert ReportTarget.from_metadata(garbage) == ReportTarget("")


def _submitted(note: str | None) -> dict[str, object]:
    view = render_report_modal(ReportTarget("a" * 32))
    values = {REPORT_INPUT: note} if note is not None else None
    submitted = view_submission_payload(view, values)["view"]
    assert isinstance(submitted, dict)
    return submitted


def test_report_note_is_read_cleaned_and_cut() -> None:
    assert report_note(_submitted(None)) is None
    assert report_note(_submitted("  \n ")) is None
    assert report_note(_submitted(" wrong\nparagraph ")) == "wrong\nparagraph"
    assert report_note(_submitted("<!channel> <@U1|ann> ＜!here＞ a\x00b")) == (
        "@channel @ann @here ab"
    )
    too_long = _submitted("x")
    too_long["state"]["values"][REPORT_BLOCK][REPORT_INPUT]["value"] = "y" * 900  # type: ignore[index]
    assert report_note(too_long) == "y" * 500
    assert report_note({}) is None
    assert report_note({"state": {"values": {REPORT_BLOCK: {REPORT_INPUT: {"value": 3}}}}}) is None


def test_report_thanks_echoes_the_note_inert() -> None:
    thanks = render_report_thanks("<!channel> & ＜!here＞ " + "z" * 3000)
    plain_thanks = render_report_thanks(None)

    assert thanks.text == plain_thanks.text == render.say.REPORT_THANKS
    assert len(plain_thanks.blocks) == 1
    assert block_kit_errors(thanks.blocks, max_blocks=MAX_MESSAGE_BLOCKS) == []
    for text in shown_strings({"text": thanks.text, "blocks": thanks.blocks}):
        _assert_inert(text)
    assert "@channel &amp; @here" in str(thanks.blocks)
