"""Questions after a detail the article leaves out are caught, others are not."""

from __future__ import annotations

import pytest

from bot import messages
from bot.commands import Answerer
from bot.matching.details import (
    capitalised_phrases,
    capitalised_words,
    content_unstated,
    count_contradicted,
    forecast_unstated,
    identity_asked,
    place_contradicted,
    quantity_missing,
    thing_not_mentioned,
    time_contradicted,
    unspecified_detail,
    without_slot,
)

EVIDENCE_18 = (
    "China’s special envoy for its peace initiative, Li Hui, was the ambassador to Russia "
    "for 10 years and received a medal from Mr. Putin"
)


@pytest.mark.parametrize(
    ("question", "vague"),
    [
        ("what medal did putin give li hui", "received a medal from Mr. Putin"),
        ("which years exactly was li hui ambassador", "for 10 years and received a"),
        ("what's the name of the medal putin gave li hui", "received a medal from Mr. Putin"),
    ],
)
def test_a_missing_detail_is_found_with_the_articles_words(question: str, vague: str) -> None:
    assert unspecified_detail(question, EVIDENCE_18) == vague


@pytest.mark.parametrize(
    "question",
    [
        "names of the officials who doubted the mayor?",
        "name the officials",
    ],
)
def test_names_asked_of_people_the_article_leaves_unnamed_are_a_missing_detail(
    question: str,
) -> None:
    evidence = "Some officials meeting with the mayor have expressed doubts."
    assert unspecified_detail(question, evidence) == "Some officials meeting with the"


@pytest.mark.parametrize(
    ("question", "evidence"),
    [
        ("how long was li hui ambassador", EVIDENCE_18),
        (
            "what message did blinken send",
            "sending a message that battlefield gains are the priority",
        ),
        (
            "which day did the white house speak",
            "The White House said on Thursday that Jake Sullivan",
        ),
    ],
)
def test_questions_the_evidence_answers_pass(question: str, evidence: str) -> None:
    assert unspecified_detail(question, evidence) is None


def test_exactly_how_many_meets_a_vague_quantity() -> None:
    evidence = "Russia seized effective control of hundreds of square miles of eastern Ukraine"
    assert unspecified_detail("exactly how many square miles did russia hold", evidence)
    assert unspecified_detail("how many square miles did russia hold", evidence) is None


def test_a_date_within_the_month_the_article_gives_is_a_missing_detail() -> None:
    evidence = "since it unveiled a vague peace initiative in February"
    assert unspecified_detail("what date in february did china unveil it", evidence) == (
        "initiative in February"
    )
    assert unspecified_detail("what month did china unveil it", evidence) is None


@pytest.mark.parametrize(
    ("question", "wanted"),
    [
        ("which european officials would push for talks", "person"),
        ("which senior administration officials are talking to kyiv?", "person"),
        ("who are they? names?", "person"),
        ("which countries did he visit", "place"),
        ("which congressional committee heard her", None),
        ("what do us officials fear", None),  # a verb follows: not "which officials"
        ("what kind of deal is this", None),
    ],
)
def test_a_question_asking_which_people_or_places_by_name_is_recognised(
    question: str, wanted: str | None
) -> None:
    found = identity_asked(question)
    assert (found[0] if found else None) == wanted


def test_which_members_of_a_group_are_not_answered_by_the_group(answerer: Answerer) -> None:
    # The article says only "Biden's aides"; asking which of them is a detail it leaves out.
    answer = answerer.answer("ask", "Which of Biden's aides are exploring endgames, names?")
    assert not answer.answered
    assert "doesn't name them" in answer.text
    # The group itself answers a question that does not name it.
    assert answerer.answer(
        "ask", "which officials fear that china would freeze the front lines"
    ).answered


@pytest.mark.parametrize(
    ("question", "evidence", "missing"),
    [
        ("how many troops did they send", "The ministry sent troops to the border.", True),
        ("how many years was he ambassador", "He was ambassador for 10 years.", False),
        ("how much territory has it seized", "It has seized land over the last 14 months.", True),
        ("what % of voters back him", "Most voters back him, a poll found.", True),
        ("what % of voters back him", "Some 62% of voters back him.", False),
        ("how many are there", "There are three of them.", False),
        ("who went there", "Nobody went there.", False),  # no quantity asked
    ],
)
def test_a_quantity_asked_needs_a_number_for_the_thing_counted(
    question: str, evidence: str, missing: bool
) -> None:
    assert quantity_missing(question, evidence) is missing


@pytest.mark.parametrize(
    ("question", "evidence", "missing"),
    [
        (
            "which committee did she testify before",
            "She said in testimony last week ...",
            "committee",
        ),
        (
            "which congressional committee heard her",
            "She told lawmakers last week ...",
            "committee",
        ),
        ("what treaty did they sign", "They signed an accord on grain.", "treaty"),
        ("which outlet ran the piece", "Ana Roe contributed reporting.", "outlet"),
        ("which committee does he lead", "He chairs the Harbor Committee.", None),
        ("what treaties were signed", "Two treaties were signed in May.", None),
        ("which officials said it", "Officials said it.", None),  # people: identity_asked's
        ("what did she testify", "She said in testimony last week ...", None),  # no kind asked
    ],
)
def test_a_kind_of_thing_asked_by_name_must_be_mentioned(
    question: str, evidence: str, missing: str | None
) -> None:
    assert thing_not_mentioned(question, evidence) == missing


def test_a_thing_the_article_never_mentions_is_declined_with_the_kind_named(
    answerer: Answerer,
) -> None:
    """Over every fact its own statement answers: asking which committee it concerns, in
    the same words, is declined when it mentions no committee, mostly with the kind
    named (or by the decision itself)."""
    named = declined = 0
    for fact in answerer.context.kb.facts:
        if "committee" in f"{fact.statement} {fact.evidence}".casefold():
            continue
        if any(mark in fact.statement.rstrip(".") for mark in ".,;"):
            continue  # one clause: a question of several is read at its asking clause
        if not answerer.answer("ask", fact.statement).answered:
            continue
        answer = answerer.answer("ask", f"which committee: {fact.statement}")
        assert not answer.answered, (fact.statement, answer.text)
        declined += 1
        named += "doesn't say which committee" in answer.text
    assert declined >= 20 and named >= declined // 2, (named, declined)


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        ("Is it true Haines spoke to the Senate panel?", ("haines", "senate")),
        ("What did the Pentagon's chief say", ("pentagon",)),
        ("Pentagon? What did it say. Moscow replied", ()),  # each starts a sentence
        ("did the USG or the FM say so", ()),  # capitals alone are no sign of a name
        ("when did Xi speak (asking for Maria)", ("xi",)),  # the aside is cleaned away
    ],
)
def test_names_are_the_capitalised_words_inside_a_sentence_the_question_keeps(
    raw: str, names: tuple[str, ...]
) -> None:
    cleaned = raw.casefold().replace("(asking for maria)", "")
    assert capitalised_words(raw, cleaned) == names


def test_a_name_the_article_never_uses_is_declined_with_the_name(answerer: Answerer) -> None:
    """Over every one-clause fact its statement answers: asking whether someone the
    article never mentions said it is declined, mostly naming them (else by the decision
    itself); a name the article uses keeps the answer."""
    declined = named = 0
    for fact in answerer.context.kb.facts:
        statement = fact.statement.rstrip(".")
        if (
            any(mark in statement for mark in ".,;")
            or not answerer.answer("ask", statement).answered
        ):
            continue
        claim = statement[0].lower() + statement[1:]
        answer = answerer.answer("ask", f"Is it true Zorvath said {claim}?")
        assert not answer.answered, (statement, answer.text)
        declined += 1
        named += "doesn't mention “Zorvath”" in answer.text
    assert declined >= 20 and named >= declined // 2, (named, declined)
    assert answerer.answer(
        "ask", "Is it true Haines said Putin was scaling back his ambitions?"
    ).answered


@pytest.mark.parametrize("noun", ["official", "minister", "diplomat", "politician", "person"])
def test_the_kind_of_person_asked_for_is_met_by_someone_the_document_names(
    answerer: Answerer, noun: str
) -> None:
    """ "Which Chinese official ..." asks for a person: a document naming one the question
    does not (Qin Gang) covers the word, whatever word names the kind."""
    ctx = answerer.context
    parsed = ctx.ranker.parse(f"which chinese {noun} did baerbock hold a news conference with")
    assert parsed.asked_person
    best = ctx.ranker.rank(parsed)[0]
    assert "qin-gang" in best.document.entities
    assert not set(parsed.asked_person) & set(best.missing_terms)


def test_the_kind_of_place_asked_for_is_met_by_a_place_the_document_names(
    answerer: Answerer,
) -> None:
    """ "In what city did they meet" asks for a place: a document naming one the question
    does not (Vienna) covers the word."""
    ctx = answerer.context
    parsed = ctx.ranker.parse("in what city did sullivan and wang yi meet")
    assert parsed.asked_place
    best = ctx.ranker.rank(parsed)[0]
    assert not set(parsed.asked_place) & set(best.missing_terms)
    assert answerer.answer("ask", "in what city did sullivan and wang yi meet").answered


@pytest.mark.parametrize(
    ("question", "evidence", "expected"),
    [
        ("was the visit in january", "He visited in March.", ("January", "March")),
        ("did they meet on monday", "They met on Thursday in Vienna.", ("Monday", "Thursday")),
        ("annexed in 2022?", "It annexed Crimea in March 2014.", ("2022", "2014")),
        ("was the visit in march", "He visited in March.", None),  # the same time
        ("was the visit in january", "He visited last week.", None),  # no month to set beside
        ("what did it seize before 2022", "It annexed Crimea in March 2014.", None),  # a bound
        ("was it annexed after march", "It annexed Crimea in March 2014.", None),
    ],
)
def test_a_time_the_evidence_gives_otherwise_is_named_beside_it(
    question: str, evidence: str, expected: tuple[str, str] | None
) -> None:
    assert time_contradicted(question, evidence) == expected


def test_a_claim_with_another_month_is_answered_with_the_articles_month(
    answerer: Answerer,
) -> None:
    answer = answerer.answer("ask", "Xi's state visit to Moscow was in January, correct?")
    assert answer.answered
    assert answer.text.startswith("Not “January”: the article says “March”.")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("did they meet in geneva", ("Geneva", "Vienna")),
        ("they flew to geneva, right", None),  # the evidence says "in", not "to"
        ("did they meet in vienna", None),  # no name the article never uses
    ],
)
def test_a_place_the_evidence_gives_otherwise_is_named_beside_it(
    question: str, expected: tuple[str, str] | None
) -> None:
    evidence = "They met for two days this week in Vienna."
    unknown = [w for w in ("geneva",) if w in question]
    assert place_contradicted(question, evidence, unknown, ["Vienna", "Austria"]) == expected


def test_a_slot_is_taken_out_with_its_preposition() -> None:
    assert without_slot("did sullivan meet wang in geneva right", "Geneva") == (
        "did sullivan meet wang right"
    )
    assert without_slot("was crimea annexed in 2016?", "2016") == "was crimea annexed?"


@pytest.mark.parametrize(
    "evidence",
    ["The fleet is based at the Austrian port of Vienna.", "The fleet is based in Vienna."],
)
def test_in_and_at_put_a_thing_at_a_place_alike_with_a_few_words_between(evidence: str) -> None:
    """ "based in Geneva" is contradicted by "based at the Austrian port of Vienna"."""
    found = place_contradicted("is the fleet based in geneva", evidence, ["geneva"], ["Vienna"])
    assert found == ("Geneva", "Vienna")


@pytest.mark.parametrize(
    ("question", "asked", "expected"),
    [
        (
            "did he meet his french and dutch counterparts",
            ["french", "dutch"],
            ("French and Dutch", "Britain and Spain"),
        ),
        ("did he meet counterparts from france", ["france"], ("France", "Britain and Spain")),
        ("was she the ambassador to norway", ["norway"], ("Norway", "Russia")),
        ("did he meet his british counterparts", [], None),  # the article's own name
        ("did he meet french farmers", ["french"], None),  # no noun the evidence shares
        # "ministers" and "foreign ministers" stand for the evidence's "counterparts"
        (
            "he met the french and dutch ministers",
            ["french", "dutch"],
            ("French and Dutch", "Britain and Spain"),
        ),
        (
            "he met the french and dutch foreign ministers",
            ["french", "dutch"],
            ("French and Dutch", "Britain and Spain"),
        ),
    ],
)
def test_names_beside_a_noun_the_evidence_gives_other_names_beside(
    question: str, asked: list[str], expected: tuple[str, str] | None
) -> None:
    from bot.matching.details import names_swapped

    evidence = "He met his counterparts from Britain and Spain; she was the ambassador to Russia."
    places = ["Britain", "British", "Spain", "Spanish", "Russia"]
    assert names_swapped(question, evidence, asked, places) == expected


def test_another_noun_for_people_is_no_counterpart_in_the_evidence() -> None:
    """Only the article's "counterparts" stands for a claim's "ministers": a "Secretary"
    beside "Washington" is not the people a claim's countries are swapped for."""
    from bot.matching.details import names_swapped

    evidence = "In Washington this week, Secretary Roe met officials of the port."
    assert (
        names_swapped("roe met the french ministers", evidence, ["french"], ["Washington"]) is None
    )


@pytest.mark.parametrize(
    ("question", "evidence", "unstated"),
    [
        (
            "will putin order another mobilization",
            "the Russian leader could simply order another mobilization",
            True,
        ),
        (
            "is putin gonna order another mobilization",
            "Putin might order another mobilization",
            True,
        ),
        (
            "will ukraine agree to talks",
            "Ukrainian leaders say they will not agree to talks until",
            False,
        ),
        ("will both sides be exhausted", "he predicted, both sides will be exhausted", False),
        ("when will putin order a mobilization", "Putin could order another mobilization", False),
    ],
)
def test_a_possibility_is_no_answer_to_whether_it_will_happen(
    question: str, evidence: str, unstated: bool
) -> None:
    assert forecast_unstated(question, evidence) is unstated


@pytest.mark.parametrize(
    ("question", "evidence", "unstated"),
    [
        (
            "what did xi and zelensky talk about on the call",
            "Xi had finally spoken to Zelensky last month",
            True,
        ),
        ("what did the two leaders discuss", "the two leaders met on Monday", True),
        (
            "what did sullivan and wang talk about",
            "Sullivan talked about Ukraine with Wang Yi",
            False,
        ),
        ("what did they discuss", "they said the talks were useful", False),
    ],
)
def test_that_people_spoke_is_no_answer_to_what_they_said(
    question: str, evidence: str, unstated: bool
) -> None:
    assert content_unstated(question, evidence) is unstated


@pytest.mark.parametrize(
    ("question", "reply"),
    [
        ("will putin order another mobilization this year?", messages.NO_FORECAST),
        ("what did xi and zelensky talk about on their call", "it says only"),
    ],
)
def test_forecasts_and_untold_conversations_are_declined_with_the_nearest_things(
    answerer: Answerer, question: str, reply: str
) -> None:
    answer = answerer.answer("ask", question)
    assert not answer.answered and reply in answer.text
    assert answer.suggestions  # the possibility, or that they spoke, offered beside


def test_names_of_several_words_are_the_capitalised_runs_inside_a_sentence() -> None:
    raw = "Confirm Haines testified before the Senate Intelligence Committee in March."
    cleaned = "confirm haines testified before the senate intelligence committee in march."
    assert capitalised_phrases(raw, cleaned) == ("senate intelligence committee",)
    assert (
        capitalised_phrases("Senate Intelligence heard her", "senate intelligence heard her") == ()
    )


@pytest.mark.parametrize(
    "question",
    [
        "Is it true Haines testified to the Senate Intelligence Committee?",
        "Confirm Haines testified before the Senate Intelligence Committee.",
    ],
)
def test_a_name_of_several_words_the_article_never_writes_is_declined_with_it(
    answerer: Answerer, question: str
) -> None:
    """Each word is the article's ("intelligence", "committee"), the name is not."""
    answer = answerer.answer("ask", question)
    assert not answer.answered
    assert answer.text == messages.NAME_NOT_MENTIONED.format(name="Senate Intelligence Committee")


@pytest.mark.parametrize(
    "question",
    [
        "What did the White House say about the Vienna meeting?",
        "Who is the chairman of the Joint Chiefs of Staff?",
    ],
)
def test_a_name_of_several_words_the_article_writes_passes(
    answerer: Answerer, question: str
) -> None:
    assert answerer.answer("ask", question).answered


@pytest.mark.parametrize(
    ("question", "evidence", "found"),
    [
        (
            "was the mayor in office for 5 years?",
            "The mayor served for 12 years.",
            ("5 years", "12 years"),
        ),
        (
            "did the bridge close for two weeks",
            "The bridge closed for six weeks.",
            ("two weeks", "six weeks"),
        ),
        ("was the mayor in office for 12 years?", "The mayor served for twelve years.", None),
        ("was the mayor in office for more than 5 years?", "The mayor served for 12 years.", None),
        ("did 5 people speak", "The mayor served for 12 years.", None),
    ],
)
def test_a_count_the_evidence_gives_otherwise_is_named_beside_it(
    question: str, evidence: str, found: tuple[str, str] | None
) -> None:
    assert count_contradicted(question, evidence) == found


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("is roe the top republican on the budget panel", ("Republican", "Democrat")),
        ("roe is a gop senator right", ("GOP", "Democrat")),
        ("is roe a democrat", None),  # the article's own party
        ("is roe on the budget panel", None),  # no party given
    ],
)
def test_a_party_the_evidence_gives_otherwise_is_contradicted(
    question: str, expected: tuple[str, str] | None
) -> None:
    from bot.matching.details import party_contradicted

    evidence = "Representative Ana Roe, the top Democrat on the Budget Committee"
    assert party_contradicted(question, evidence) == expected
    assert party_contradicted(question, "Ana Roe chairs the Budget Committee") is None
