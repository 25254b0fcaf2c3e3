"""Every tunable number of matching and of the answer-or-decline decision, in one place.

The ranker and the commands read their weights from one frozen `Parameters` value, so a
maintainer can see what a score is made of and a benchmark can vary one weight at a time:
`python -m bench.parameters` moves each weight a quarter down and up and measures the
development and training sets, and `bench/results/parameters.md` is the evidence for
each value (what is lost either way). Each field says what it does and why. The answer-or-
decline model is not here: it is fitted (`bench.fit_decision`, `bot/matching/fitted.py`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Parameters:
    """The weights of scoring (ranker), of who-said and of the decision."""

    # -- term weights ---------------------------------------------------------------
    weak_word_factor: float = 0.3
    """Weight of a word that carries little content ("happen", "make"): it counts, lightly.
    Evidence: at 1.0, "what is happening with X" questions rank by the filler word."""
    unknown_word_factor: float = 1.25
    """A word the fact base never uses weighs this times the rarest known word: a
    question about something absent must not be answered by its other words."""

    # -- document score -------------------------------------------------------------
    coverage_without_terms: float = 0.7
    """Coverage of a question that names only entities or topics ("Blinken and China")."""
    entity_floor: float = 0.3
    """Score multiplier base when no named entity fits: (floor + (1 - floor) * share)^2.
    A document about someone else keeps under a tenth of its score."""
    topic_floor: float = 0.6
    """Score multiplier when a named topic is absent: floor + (1 - floor) * share."""
    primary_bonus: float = 0.04
    """Added when the document is mainly about an entity the question names."""
    topic_bonus: float = 0.03
    """Added when the document carries a topic the question names."""
    phrasing_bonus: float = 0.12
    """Up to this much for closeness (token-sort ratio above 0.5) to a curated example
    question; only documents within half of it of the best are compared by phrasing."""
    quote_say_bonus: float = 0.02
    """Added to quotations when the question asks what someone said."""
    future_factor: float = 0.6
    """A question in the future tense meets a document with no modal or expectation."""
    role_kind_factor: float = 0.6
    """A role document answering a question that asks no particular kind."""
    said_then_factor: float = 0.45
    """A quotation's time or place answering "when" or "where" of the thing said about."""
    how_long_as_count_factor: float = 0.9
    """A "how long" question met by a document that answers "how many"."""
    strict_kind_factor: float = 0.45
    """A when/where/how-many/how-long question met by a document without that kind."""
    why_factor: float = 0.65
    """A "why" question met by a document with no stated reason (reasons hide in many forms)."""
    other_kind_factor: float = 0.85
    """Any other kind asked that the document does not declare."""
    other_speaker_factor: float = 0.4
    """ "What did X say" met by a document whose speaker is not X."""

    # -- accepting an answer --------------------------------------------------------
    accept_score: float = 0.65
    """A reported-speech fact answers who-said only from this score; a decline below it
    reports its best score as its confidence. (Free questions are decided by the fitted
    model in `bot.matching.fitted`, not by this.)"""
    tie: float = 0.03
    """Documents scoring this close to the best are cited beside it (other paragraphs)."""
    more_citations: int = 2
    """At most this many documents are cited beside the best."""
    compare_score: float = 0.5
    """Each side of a comparison needs a statement of that person scoring this much."""
    compare_other_bonus: float = 0.2
    """A comparison prefers what the article says of one person in the light of the other."""
    long_question_words: int = 22
    """Questions longer than this many words are also tried clause by clause."""

    # -- who-said -------------------------------------------------------------------
    quote_accept: float = 0.72
    """A quotation matching the words given this closely, whose words check as verbatim or
    close, is named as their source."""
    quote_floor: float = 0.5
    """Quotations matching the words given less closely than this are not checked word by
    word against them."""
    quotes_checked: int = 5
    """How many of the closest quotations are checked word by word."""
    quote_short_chars: int = 15
    """Fragments shorter than this count only with their share of the words."""
    quote_short_floor: float = 0.6
    """Closeness of a short fragment: floor + (1 - floor) * coverage."""
    quote_not_contained_factor: float = 0.8
    """A short fragment that is not a substring of the quotation."""
    quote_one_word_factor: float = 0.7
    """One shared content word is not the same words."""
    quote_wrong_entity_factor: float = 0.8
    """Closeness kept when the fragment names someone the quotation does not concern."""
    quote_wrong_entity_coverage: float = 0.7
    """Coverage kept in that case."""
    quote_context_factor: float = 0.95
    """A fragment longer than the quotation is matched against its paragraph, a little lower."""
    quote_coverage_factor: float = 0.95
    """Word coverage alone scores at most this."""
    slot_candidates: int = 3
    """A declined question giving a time or place is asked again without it when one of
    this many best candidates gives another ("met in Geneva?" against "in Vienna")."""
    paraphrase_share: float = 0.7
    """Words given in an order of their own are close in sense to a quotation when it and
    the words the article reports it with hold this weighted share of their content terms.
    Over the development sets' 307 answerable and 155 unanswerable who-said items: at 0.7
    (with the two below) 236 answered right and no invented line or misquote attributed;
    at 0.6, 241 and none; at 0.5, 242 and 4 false attributions. 0.7 keeps a margin."""
    paraphrase_terms: int = 3
    """...and at least this many content terms are shared (one fewer passes only when
    they are `paraphrase_all_terms` of the words given)."""
    paraphrase_all_terms: float = 0.9
    """The share of the words given that one term fewer must be."""
    paraphrase_literal_share: float = 0.25
    """...and this share of the content words given are the article's own (same stem, in
    the quotation or the words it is reported with), not only words the lexicon folds
    together ("ends" and "resolved"). Over the development and training sets' who-said
    items the close-in-sense path answered right with at least 0.29 of them, and its one
    remaining false attribution had 0.2."""
    paraphrase_margin: float = 0.1
    """...and the quotation is the nearest by this much over the next."""
    sense_similarity: float = 0.93
    """Words given that share too few of a quotation's words are still close in sense to it
    when their vectors (`bot/matching/semantic.py`) are this close, and they keep its
    names, negations, numbers and polarity. Chosen by `python -m bench.fit_sense` on the
    training who-said items (tests/training): the least value at which no invented line
    and no misquote is attributed there."""
    sense_margin: float = 0.02
    """...and the quotation is the closest of its source by this much over the next."""
    said_share: float = 0.75
    """Reported speech answers who-said when the article's own words hold this share of
    the words given."""
    suggestion_quote_floor: float = 0.3
    """Quotations closer than this are offered as suggestions after a who-said decline."""
    suggestion_floor: float = 0.05
    """Documents scoring above this are offered as suggestions after a decline."""

    # -- typo tolerance -------------------------------------------------------------
    fuzzy_min_length: int = 5
    """Words shorter than this are never repaired or matched fuzzily."""
    fuzzy_term_cutoff: float = 84.0
    """rapidfuzz ratio for repairing a misspelt word toward the vocabulary."""
    fuzzy_name_cutoff: float = 80.0
    """rapidfuzz ratio for each word of a misspelt name."""


PARAMETERS = Parameters()
"""The parameters Envoy runs with."""
