"""People and their roles, titles and surnames, and the merge with entities already known."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.knowledge import load_knowledge
from bot.knowledge.loader import find_verbatim
from tests.ingest.articles import HARBOR, RIVER, TREATY
from tests.ingest.helpers import draft

KNOWN = """
- id: lia-sandor
  name: Lia Sandor
  kind: person
  aliases:
    - Sandor
    - Ms. Sandor
    - Prime Minister Sandor
  related: [valdoria]

- id: valdoria
  name: Valdoria
  kind: country
  aliases:
    - Valdoria
    - Valdorian
"""


def test_apposition_gives_the_role_with_verbatim_evidence(cold: Path) -> None:
    drafted = draft(cold, HARBOR, "harbor")
    vale = drafted.new_entity("Dorrit Vale")
    assert vale["kind"] == "person"
    assert vale["role"] == {
        "text": "the director of the Elna Harbor Authority",
        "source": "harbor",
        "paragraph": 4,
        "evidence": "Dorrit Vale, the director of the Elna Harbor Authority",
    }
    assert {"Vale", "the director of the Elna Harbor Authority"} <= set(vale["aliases"])
    paragraph = drafted.kb.sources["harbor"].paragraph(4)
    assert find_verbatim(vale["role"]["evidence"], paragraph) is not None


def test_a_title_before_the_name_is_the_role(cold: Path) -> None:
    drafted = draft(cold, HARBOR, "harbor")
    korven = drafted.new_entity("Ilsa M. Korven")
    assert korven["role"]["text"] == "Mayor of Port Elna"
    assert korven["role"]["evidence"] == "Mayor Ilsa M. Korven of Port Elna"
    assert {"Korven", "Ms. Korven", "Mayor Korven", "Ilsa Korven"} <= set(korven["aliases"])


def test_an_apposition_after_a_titled_name_wins_over_the_title(cold: Path) -> None:
    drafted = draft(cold, RIVER, "river")
    voss = drafted.new_entity("Hanne Voss")
    assert voss["role"]["text"] == "the senior member of the regional water committee"
    assert voss["role"]["evidence"].startswith("Representative Hanne Voss of Lunby, the senior")
    assert "Representative Voss" in voss["aliases"]
    harrow = draft(cold, TREATY, "treaty").new_entity("Piet Harrow")
    assert (
        harrow["role"]["evidence"] == "Gen. Piet Harrow, the commander of the Ostmark border guard"
    )
    assert "Gen. Harrow" in harrow["aliases"]


def test_a_role_named_by_its_ending_is_still_a_role(cold: Path) -> None:
    pell = draft(cold, RIVER, "river").new_entity("Oona Pell")
    assert pell["role"]["text"] == "the county hydrologist"


def test_an_honorific_and_surname_resolve_to_the_full_name(cold: Path) -> None:
    drafted = draft(cold, HARBOR, "harbor")
    names = [r["name"] for r in drafted.records("entities") if r["kind"] == "person"]
    assert names == ["Ilsa M. Korven", "Tomas Brandle", "Dorrit Vale"]
    assert drafted.new_entity("Ilsa M. Korven")["id"] == "korven"


def test_a_family_name_written_first(cold: Path) -> None:
    text = (
        "Trade Talks in Sorrow Bay\n"
        "Foreign Minister Lu Ping of Marrova arrived on Tuesday.\n"
        "“We came to listen,” Mr. Lu said.\n"
    )
    drafted = draft(cold, text, "sorrow")
    assert drafted.speakers("We came to listen") == {"Lu Ping"}
    lu = drafted.new_entity("Lu Ping")
    assert "Mr. Lu" in lu["aliases"] and "Ping" not in lu["aliases"]


def test_the_country_of_a_national_title_is_a_country(cold: Path) -> None:
    drafted = draft(cold, TREATY, "treaty")
    assert drafted.new_entity("Ostmark")["kind"] == "country"
    assert drafted.new_entity("Kestrel")["kind"] == "place"
    assert drafted.new_entity("Anton Reesk")["related"] == ["ostmark"]


def test_known_entities_are_reused_and_not_written_again(cold: Path) -> None:
    (cold / "entities.yaml").write_text(KNOWN, encoding="utf-8")
    drafted = draft(cold, TREATY, "treaty")
    assert drafted.quote("A treaty is paper").speakers == ("lia-sandor",)
    assert set(drafted.quote("final and complete").speakers) == {"ostmark", "valdoria"}
    written = {r["id"] for r in drafted.records("entities")}
    assert "lia-sandor" not in written and "valdoria" not in written
    assert "reesk" in written
    assert {"lia-sandor", "valdoria"} <= set(drafted.report.known_entities)
    assert "reesk" in drafted.report.new_entities


def test_each_draft_stands_alone_and_never_uses_another_drafts_entities(cold: Path) -> None:
    first = draft(cold, TREATY, "treaty")
    reesk = first.new_entity("Anton Reesk")["id"]
    text = (
        "Ostmark Opens Its Border Crossings\n"
        "President Anton Reesk of Ostmark cut the ribbon at the first crossing on Monday.\n"
        "“This gate stays open,” Mr. Reesk said.\n"
    )
    second = draft(cold, text, "crossings")
    own = second.new_entity("Anton Reesk")["id"]
    assert own != reesk
    assert second.quote("This gate stays open").speakers == (own,)
    assert not set(second.report.known_entities) & {r["id"] for r in first.records("entities")}
    shutil.rmtree(cold / "sources" / "treaty")
    kb = load_knowledge(cold, include_unreviewed=True)
    assert kb.entities[own].name == "Anton Reesk"
    assert [q.speakers for q in kb.quotes] == [(own,)]


def test_the_draft_entities_are_written_with_the_curated_schema(knowledge: Path) -> None:
    drafted = draft(knowledge, RIVER, "river")
    for record in drafted.records("entities"):
        assert record["reviewed"] is False
        assert 0 <= record["confidence"] <= 1
        assert record["id"] not in {"ukraine", "russia"}
        assert set(record) <= {
            "id",
            "name",
            "kind",
            "role",
            "aliases",
            "related",
            "reviewed",
            "confidence",
        }


COUPLE = """Couple face harbor fraud trial

Piet Vance, 58, and his wife Lena Vance, 55, of Port Elna, went on trial on Monday.

In the words of the harbor prosecutor, Mara Quill, the couple "took what was not theirs."

"We never took a cent," Piet Vance said.
"""


def test_a_person_joined_by_and_after_an_age_is_another_person_not_a_role(cold: Path) -> None:
    drafted = draft(cold, COUPLE, "couple")
    piet = drafted.new_entity("Piet Vance")
    assert piet.get("role") is None
    assert not any("and" in alias.split() for alias in piet["aliases"])
    assert drafted.new_entity("Lena Vance")["role"]["text"] == "wife"
    assert drafted.speakers("never took a cent") == {"Piet Vance"}


def test_a_role_set_off_before_the_name_is_the_role(cold: Path) -> None:
    drafted = draft(cold, COUPLE, "couple")
    quill = drafted.new_entity("Mara Quill")
    assert quill["role"]["text"] == "the harbor prosecutor"
    assert quill["role"]["evidence"] == "the harbor prosecutor, Mara Quill"


DESCRIBED = """Harbor inquiry widens

The council began investigating harbor engineer Mara Quill after criticising \
Port Elna's acting director Tomas Brandle on Monday.
"""


def test_a_role_before_a_name_stops_at_a_verb_or_a_preposition(cold: Path) -> None:
    drafted = draft(cold, DESCRIBED, "inquiry")
    assert drafted.new_entity("Mara Quill")["role"]["text"] == "harbor engineer"
    assert drafted.new_entity("Tomas Brandle")["role"]["text"] == "Port Elna's acting director"


TITLED_LOWER = """Harbor visit

The visit of president Ana Roe and of the harbor prosecutor, Mara Quill, drew crowds.
"""


def test_a_bare_role_is_no_alias_but_a_role_that_names_one_holder_is(cold: Path) -> None:
    drafted = draft(cold, TITLED_LOWER, "visit")
    roe = drafted.new_entity("Ana Roe")
    assert roe["role"]["text"] == "president"
    assert "president" not in [a.casefold() for a in roe.get("aliases", [])]
    assert "the harbor prosecutor" in drafted.new_entity("Mara Quill")["aliases"]


INITIALS = """Harbor bodies meet

The Elna Harbor Authority (EHA) met the World Harbor Organisation (WHO) on Monday. \
The EHA said it would publish the plans, and the WHO said it would review them.
"""


def test_a_bodys_initials_are_its_alias_unless_they_spell_an_everyday_word(cold: Path) -> None:
    drafted = draft(cold, INITIALS, "bodies")
    assert "EHA" in drafted.new_entity("Elna Harbor Authority")["aliases"]
    assert "WHO" not in drafted.new_entity("World Harbor Organisation").get("aliases", [])
