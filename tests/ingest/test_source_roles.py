"""A role belongs to its source and date: a new article that gives a known person another
role drafts it in its own `roles.yaml`, reviewed like any draft item, and `about` and
"who is" then name each role with its source's title and date, each cited.

The article is fictional; only the person it names is one the seed knows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.commands import Answerer
from bot.ingest import ALL, mark_reviewed, unreviewed
from bot.ingest.draft import same_role
from bot.knowledge import KnowledgeBase, Role, load_knowledge
from tests.ingest.helpers import Drafted, draft

SEED = "ukraine-diplomacy"
SEED_TITLE = "Ukraine’s Offensive Could Set Stage for Diplomacy With Russia, U.S. Officials Say"
SEED_TRUMP = "Donald J. Trump is former President, the early Republican front-runner."
SEED_EVIDENCE = "former President Donald J. Trump the early Republican front-runner"
PIER_TITLE = "Ferry Talks Open at the Pier of Ostrava Bay"
PIER = f"""\
{PIER_TITLE}

President Donald J. Trump opened the ferry talks at the pier of Ostrava Bay on Monday.

"The ferries will sail again in spring," Mr. Trump told the harbor board.
"""
PIER_ROLE = (
    f"Donald J. Trump: former President, the early Republican front-runner, as of “{SEED_TITLE}” "
    f"(undated); President, as of “{PIER_TITLE}” (2031-04-02)."
)


def _dated(drafted: Drafted, published: str = "2031-04-02") -> None:
    path = drafted.directory / "source.yaml"
    text = path.read_text(encoding="utf-8")
    old = "published: null     # not given to the ingest"
    assert old in text
    path.write_text(text.replace(old, f'published: "{published}"'), encoding="utf-8")


@pytest.fixture
def pier(knowledge: Path) -> Drafted:
    drafted = draft(knowledge, PIER, "pier")
    _dated(drafted)
    return drafted


def _answers(kb: KnowledgeBase) -> dict[str, tuple[str, list[tuple[str, int, str]]]]:
    core = Answerer(kb)
    asked = {"about": core.answer("about", "Trump"), "who is": core.answer("ask", "Who is Trump?")}
    return {
        name: (answer.text, [(c.source_id, c.paragraph, c.quote) for c in answer.citations])
        for name, answer in asked.items()
    }


def test_a_known_person_given_another_role_gets_a_role_of_this_source(pier: Drafted) -> None:
    assert pier.report.source_roles == ("trump",)
    assert pier.report.new_entities == ()  # the same person, reused by full name
    [record] = pier.records("roles")
    assert record == {
        "id": "trump",
        "role": "President",
        "paragraph": 1,
        "evidence": "President Donald J. Trump",
        "reviewed": False,
        "confidence": 0.9,
    }
    assert pier.kb.entities["trump"].role == Role(
        "former President, the early Republican front-runner", SEED, 16, SEED_EVIDENCE
    )


def test_a_role_the_shared_one_begins_with_is_not_a_new_role(knowledge: Path) -> None:
    same = PIER.replace("President Donald J. Trump", "Former President Donald J. Trump", 1)
    drafted = draft(knowledge, same, "pier")
    assert drafted.records("roles") == []
    assert drafted.report.source_roles == ()
    shared = Role("former President, the early Republican front-runner", SEED, 16, "x")
    assert same_role("former President", shared)
    assert same_role("The former president", shared)
    assert not same_role("President", shared)
    assert not same_role("former Presidential aide", shared)
    assert not same_role("President", None)


def test_a_drafted_role_is_reviewed_like_other_items_and_served_once_approved(
    knowledge: Path, pier: Drafted, kb: KnowledgeBase
) -> None:
    items = [(i.kind, i.id, i.paragraph, i.text) for i in unreviewed(knowledge, "pier")]
    assert ("role", "trump", 1, "Donald J. Trump: President") in items
    before = load_knowledge(knowledge)
    assert before.source_roles == ()
    assert _answers(before) == _answers(kb)  # unreviewed, the role is not served
    assert mark_reviewed(knowledge, "pier", ["trump"]) == 1
    after = load_knowledge(knowledge)
    assert [(r.entity, r.role.source, r.role.text) for r in after.source_roles] == [
        ("trump", "pier", "President")
    ]


def test_about_and_who_is_name_each_role_as_of_its_source(knowledge: Path, pier: Drafted) -> None:
    mark_reviewed(knowledge, "pier", ALL)
    answers = _answers(load_knowledge(knowledge))
    roles = [(SEED, 16, SEED_EVIDENCE), ("pier", 1, "President Donald J. Trump")]
    text, citations = answers["who is"]
    assert (text, citations) == (PIER_ROLE, roles)
    text, citations = answers["about"]
    assert text.split("\n")[0] == PIER_ROLE
    assert citations[:2] == roles
    assert "The ferries will sail again in spring" in " ".join(c[2] for c in citations[2:])


def test_an_undated_source_says_so_and_comes_after_the_dated(
    knowledge: Path, pier: Drafted
) -> None:
    undated = draft(knowledge, PIER.replace("Ferry Talks Open", "Ferry Talks Close"), "later")
    mark_reviewed(knowledge, None, ["trump"])
    later = [r.role.source for r in load_knowledge(knowledge).source_roles]
    assert sorted(later) == ["later", "pier"]
    text, citations = _answers(load_knowledge(knowledge))["who is"]
    assert text.endswith(
        f"President, as of “{PIER_TITLE}” (2031-04-02); President, as of "
        f"“{PIER_TITLE.replace('Open', 'Close')}” (undated)."
    )
    assert [c[0] for c in citations] == [SEED, "pier", undated.slug]


def test_with_the_seed_alone_the_answers_stay_as_they_were(kb: KnowledgeBase) -> None:
    assert kb.source_roles == ()
    answers = _answers(kb)
    assert answers["who is"] == (SEED_TRUMP, [(SEED, 16, SEED_EVIDENCE)])
    assert answers["about"][0].split("\n")[0] == SEED_TRUMP
    assert answers["about"][1][0] == (SEED, 16, SEED_EVIDENCE)
