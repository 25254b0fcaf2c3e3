"""The loader reports every problem at once, with file and id, and changes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.errors import KnowledgeError
from bot.knowledge import DEFAULT_KNOWLEDGE_DIR, knowledge_hash, load_knowledge
from bot.knowledge.loader import find_verbatim


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_KNOWLEDGE_DIR, target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_all_problems_are_reported_together_with_file_and_id(copy: Path) -> None:
    source = copy / "sources" / "ukraine-diplomacy"
    _edit(source / "quotes.yaml", "text: no limits", "text: no limits at all")
    _edit(
        source / "facts.yaml",
        "entities: [xi, china, moscow, russia]",
        "entities: [xi, china, moscow, atlantis]",
    )
    _edit(source / "facts.yaml", "- id: invasion-february-2022", "- id: xi-state-visit-moscow")
    _edit(source / "facts.yaml", "paragraph: 38", "paragraph: 39")
    _edit(copy / "entities.yaml", "kind: organisation", "kind: club")
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(copy)
    problems = caught.value.problems
    joined = "\n".join(problems)
    assert (
        "sources/ukraine-diplomacy/quotes.yaml: no-limits: text 'no limits at all' is not "
        "verbatim in paragraph 18" in joined
    )
    assert "facts.yaml: xi-state-visit-moscow: entities: unknown id 'atlantis'" in joined
    assert "facts.yaml: xi-state-visit-moscow: duplicate id" in joined
    assert "facts.yaml: contributors: paragraph 39 does not exist (1..38)" in joined
    assert "entities.yaml: white-house: kind must be one of" in joined
    assert len(problems) == 5


def test_schema_errors_name_the_field(copy: Path) -> None:
    _edit(copy / "topics.yaml", "  summary: Ukraine's planned", "  sumary: Ukraine's planned")
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(copy)
    assert "topics.yaml: counteroffensive: unknown field 'sumary'" in caught.value.problems
    assert "topics.yaml: counteroffensive: missing field 'summary'" in caught.value.problems


def test_broken_yaml_is_reported_not_raised_raw(copy: Path) -> None:
    (copy / "topics.yaml").write_text("- id: [unclosed\n", encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(copy)
    assert caught.value.problems[0].startswith("topics.yaml: not valid YAML")


def test_a_synonym_may_belong_to_one_group_only(copy: Path) -> None:
    _edit(copy / "lexicon.yaml", "[ceasefire, cease-fire,", "[ceasefire, talks, cease-fire,")
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(copy)
    assert any("'talks' clashes with" in p for p in caught.value.problems)


def test_drafts_are_left_out_unless_asked_for(copy: Path) -> None:
    facts = copy / "sources" / "ukraine-diplomacy" / "facts.yaml"
    _edit(
        facts, "- id: invasion-february-2022\n", "- id: invasion-february-2022\n  reviewed: false\n"
    )
    ids = {f.id for f in load_knowledge(copy).facts}
    assert "invasion-february-2022" not in ids
    assert "invasion-february-2022" in {
        f.id for f in load_knowledge(copy, include_unreviewed=True).facts
    }


def test_the_hash_follows_the_content(copy: Path) -> None:
    before = knowledge_hash(copy)
    assert knowledge_hash(copy) == before
    _edit(copy / "topics.yaml", "Cease-fire", "Ceasefire")
    assert knowledge_hash(copy) != before


def test_evidence_may_differ_from_the_article_only_in_whitespace() -> None:
    paragraph = "against\u00a0Russia has overshadowed"
    assert find_verbatim("against Russia has", paragraph) == "against\u00a0Russia has"
    assert find_verbatim("against Russia hass", paragraph) is None


def test_a_sources_own_roles_are_checked_against_its_article(copy: Path) -> None:
    roles = copy / "sources" / "ukraine-diplomacy" / "roles.yaml"
    roles.write_text(
        "- id: trump\n  role: President\n  paragraph: 16\n  evidence: President Donald J. Trump\n"
        "- id: atlantis\n  role: King\n  paragraph: 99\n  evidence: King\n"
        "- id: blinken\n  role: Secretary\n  paragraph: 5\n  evidence: Secretary of Peace\n",
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(copy)
    joined = "\n".join(caught.value.problems)
    path = "sources/ukraine-diplomacy/roles.yaml"
    assert f"{path}: trump: knowledge/entities.yaml already gives the role" in joined
    assert f"{path}: atlantis: paragraph 99 does not exist (1..38)" in joined
    assert f"{path}: atlantis: unknown entity id" in joined
    assert f"{path}: blinken: evidence is not verbatim in paragraph 5" in joined
