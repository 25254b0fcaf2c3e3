"""Synthetic fact bases for the scale benchmark: clearly fictional, made from templates.

`write_knowledge(directory, facts)` writes a knowledge directory in the real layout
(entities, topics, the real lexicon, and sources with article, facts and quotes) that
the ordinary loader reads and checks. Every name is invented: countries such as
Norvania and Kestria, people such as Orla Venn; nothing refers to the real world.
`sample_questions(...)` makes questions about it, answerable and not.
"""

from __future__ import annotations

import json
import random
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bot.knowledge import DEFAULT_KNOWLEDGE_DIR

FACTS_PER_SOURCE = 500
SEED = 20261127

FIRST = (
    "Orla Tamsin Bram Ilse Corin Dagny Ewan Fenna Galen Hedda Ivo Jorun Kasimir Liesl Marek "
    "Nerys Oskar Petra Quill Runa Silas Thora Ulric Vesna Wren Yara Zeno Alba Brigid Cassius "
    "Delphine Emrys Freya Gideon Halla Isolde Jaspar Kerensa Leif Maren Niall Odile Pascal "
    "Rosalind Soren Tamsen Ulla Viggo Wilhelmina Xanthe Yorick Zora"
).split()
LAST = (
    "Venn Quarrel Aldmere Brisk Corvane Dunmore Elstow Fennick Gallow Harrowgate Ibsley "
    "Jessop Kettering Lorne Marchbank Nettlefold Orrin Pellham Quenby Rookwood Stanwick "
    "Thackeray Umber Vantreight Wexcombe Yarrowby Zellner Ashdown Blackwood Castellane "
    "Drummond Everly Falconer Greystoke Hallam Inchcape Jardine Kilbride Lockhart Mortlake "
    "Northcote Ormsby Penhallow Redfern Sallow Tregarth Underhill Varley Whitlock"
).split()
COUNTRIES = (
    "Norvania Kestria Valmora Ostrelia Drevonia Caldria Ymberland Sorvik Tessaly Brunmark "
    "Quelland Aurenthia Morvec Pallistan Zerenthia Halvoria Estrava Lunmark Corvalis Ardenne"
).split()
CITIES = (
    "Harrowmere Velport Stanholm Quistowe Brenna Coldwater Eskarth Fallowby Graymoor Hollin "
    "Ironmouth Jarrowfield Kelderby Lowmarsh Merrowgate Northwold Oldcastle Pennrith Quayle "
    "Rivenhall Saltcombe Thornbury Umberfold Vexley Westmarch"
).split()
ROLES = (
    "foreign minister of {c}",
    "defence secretary of {c}",
    "special envoy of {c}",
    "prime minister of {c}",
    "trade commissioner of {c}",
    "ambassador of {c}",
    "chief negotiator of {c}",
    "interior minister of {c}",
)
TOPICS = (
    "grain exports",
    "border talks",
    "water rights",
    "fishing quotas",
    "rail corridors",
    "energy tariffs",
    "prisoner exchanges",
    "port access",
    "airspace rules",
    "river treaties",
    "mining permits",
    "refugee corridors",
    "customs unions",
    "cable networks",
    "debt relief",
    "election monitors",
    "canal tolls",
    "seed banks",
    "pipeline routes",
    "satellite licences",
    "timber tariffs",
    "salt reserves",
    "bridge repairs",
    "wool subsidies",
    "ferry routes",
    "glacier research",
    "harbour dredging",
    "spice levies",
    "lighthouse funding",
    "orchard blight",
    "copper quotas",
    "tunnel safety",
    "dam inspections",
    "falcon protection",
)
VERBS = ("defend", "review", "expand", "suspend", "renegotiate", "protect", "reform", "delay")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
MONTHS = ("January", "March", "May", "July", "September", "November")


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    surname: str
    role: str
    country: str


def people_for(facts: int, rng: random.Random) -> list[Person]:
    """Enough fictional people that each has a few hundred facts at most."""
    count = min(len(FIRST) * len(LAST), max(40, facts // 150))
    pairs = [(f, s) for f in FIRST for s in LAST]
    rng.shuffle(pairs)
    people = []
    for n, (first, last) in enumerate(pairs[:count]):
        country = rng.choice(COUNTRIES)
        role = rng.choice(ROLES).format(c=country)
        people.append(Person(f"p{n}", f"{first} {last}", last, role, country))
    return people


def write_knowledge(directory: Path, facts: int, seed: int = SEED) -> Path:
    """Write a knowledge directory of about `facts` facts (and a quote per five facts)."""
    rng = random.Random(seed)
    if directory.exists():
        shutil.rmtree(directory)
    (directory / "sources").mkdir(parents=True)
    shutil.copy(DEFAULT_KNOWLEDGE_DIR / "lexicon.yaml", directory / "lexicon.yaml")
    people = people_for(facts, rng)
    introduced: dict[str, tuple[str, int, str]] = {}
    sources = (facts + FACTS_PER_SOURCE - 1) // FACTS_PER_SOURCE
    for number in range(sources):
        count = min(FACTS_PER_SOURCE, facts - number * FACTS_PER_SOURCE)
        _write_source(directory, number, count, people, introduced, rng)
    _write_entities(directory / "entities.yaml", people, introduced)
    _write_topics(directory / "topics.yaml")
    return directory


def _write_source(
    directory: Path,
    number: int,
    count: int,
    people: list[Person],
    introduced: dict[str, tuple[str, int, str]],
    rng: random.Random,
) -> None:
    slug = f"synthetic-{number:05d}"
    folder = directory / "sources" / slug
    folder.mkdir()
    paragraphs: list[str] = []
    fact_lines: list[str] = []
    quote_lines: list[str] = []
    for n in range(count):
        person = rng.choice(people)
        topic = rng.choice(TOPICS)
        paragraph = len(paragraphs) + 1
        first_time = person.id not in introduced
        who = f"{person.name}, the {person.role}," if first_time else person.name
        if first_time:
            introduced[person.id] = (slug, paragraph, f"{person.name}, the {person.role}")
        pattern = n % 4
        if pattern == 0:
            city, day = rng.choice(CITIES), rng.choice(WEEKDAYS)
            verb = rng.choice(VERBS)
            sentence = (
                f"{who} said on {day} in {city} that {person.country} would {verb} its {topic}."
            )
            answers, attribution = ["when", "where", "position"], f"{person.name} said"
            questions = [
                f"what did {person.surname} say about {topic}",
                f"when did {person.surname} speak about {topic}",
            ]
        elif pattern == 1:
            city, month = rng.choice(CITIES), rng.choice(MONTHS)
            year = rng.randint(1990, 2030)
            sentence = f"{who} visited {city} in {month} {year} to discuss {topic}."
            answers, attribution = ["when", "where", "why"], None
            questions = [
                f"when did {person.surname} visit {city}",
                f"why did {person.surname} go to {city}",
            ]
        elif pattern == 2:
            other = rng.choice(COUNTRIES)
            amount = rng.randint(2, 900)
            sentence = (
                f"{person.country} and {other} agreed to share {amount} million crowns "
                f"for {topic}, {who} said."
            )
            answers, attribution = ["how-many", "position"], f"{person.name} said"
            questions = [f"how much will {person.country} and {other} share for {topic}"]
        else:
            quote = f"We will {rng.choice(VERBS)} the {topic} whatever it costs"
            sentence = f"“{quote},” said {who.rstrip(',')}."
            answers, attribution = ["position"], f"said {person.name}"
            questions = [f"what did {person.surname} promise on {topic}"]
            quote_lines.append(_quote_yaml(f"q{n}", person, paragraph, quote, topic))
        paragraphs.append(sentence)
        fact_lines.append(
            _fact_yaml(f"f{n}", paragraph, sentence, attribution, person, topic, answers, questions)
        )
    title = f"Synthetic Dispatch {number}: Fictional Talks in the Northern Provinces"
    (folder / "article.txt").write_text(
        title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8"
    )
    source = {
        "id": slug,
        "title": title,
        "text": "article.txt",
        "contributors": [{"name": "Synthetic Desk"}],
        "outlet": None,
        "published": None,
        "url": None,
    }
    (folder / "source.yaml").write_text(
        json.dumps(source, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (folder / "facts.yaml").write_text("".join(fact_lines) or "[]\n", encoding="utf-8")
    (folder / "quotes.yaml").write_text("".join(quote_lines) or "[]\n", encoding="utf-8")


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _fact_yaml(
    fact_id: str,
    paragraph: int,
    sentence: str,
    attribution: str | None,
    person: Person,
    topic: str,
    answers: list[str],
    questions: list[str],
) -> str:
    lines = [
        f"- id: {fact_id}",
        f"  paragraph: {paragraph}",
        f"  statement: {_q(sentence)}",
        f"  evidence: {_q(sentence)}",
    ]
    if attribution:
        lines.append(f"  attribution: {_q(attribution)}")
    lines += [
        f"  entities: [{person.id}]",
        f"  topics: [{_topic_id(topic)}]",
        f"  answers: [{', '.join(answers)}]",
        "  questions: [" + ", ".join(_q(q) for q in questions) + "]",
    ]
    return "\n".join(lines) + "\n"


def _quote_yaml(quote_id: str, person: Person, paragraph: int, text: str, topic: str) -> str:
    return (
        f"- id: {quote_id}\n  speakers: [{person.id}]\n  paragraph: {paragraph}\n"
        f"  text: {_q(text)}\n  partial: false\n  topics: [{_topic_id(topic)}]\n"
    )


def _topic_id(topic: str) -> str:
    return topic.replace(" ", "-")


def _write_entities(
    path: Path, people: list[Person], introduced: dict[str, tuple[str, int, str]]
) -> None:
    out = []
    for person in people:
        out.append(f"- id: {person.id}\n  name: {_q(person.name)}\n  kind: person\n")
        out.append(f"  aliases: [{_q(person.surname)}, {_q(person.role)}]\n")
        if person.id in introduced:
            slug, paragraph, evidence = introduced[person.id]
            out.append(
                f"  role: {{text: {_q(person.role)}, source: {slug}, paragraph: {paragraph}, "
                f"evidence: {_q(evidence)}}}\n"
            )
    path.write_text("".join(out), encoding="utf-8")


def _write_topics(path: Path) -> None:
    path.write_text(
        "".join(
            f"- id: {_topic_id(t)}\n  name: {_q(t)}\n  summary: {_q('Fictional: ' + t + '.')}\n"
            for t in TOPICS
        ),
        encoding="utf-8",
    )


def sample_questions(directory: Path, count: int, seed: int = SEED) -> Iterator[tuple[str, str]]:
    """`count` questions about the synthetic base: three answerable to one unanswerable."""
    rng = random.Random(seed + 1)
    people = people_for(_facts_in(directory), random.Random(seed))
    for n in range(count):
        person = rng.choice(people)
        topic = rng.choice(TOPICS)
        if n % 4 == 3:
            yield "ask", f"what did {person.surname} say about the moon landing"
        elif n % 4 == 2:
            yield "ask", f"who is {person.name}"
        elif n % 4 == 1:
            yield "ask", f"when did {person.surname} visit {rng.choice(CITIES)}"
        else:
            yield "ask", f"what did {person.surname} say about {topic}"


def _facts_in(directory: Path) -> int:
    sources = sorted((directory / "sources").iterdir())
    last = sources[-1] / "facts.yaml"
    tail = last.read_text(encoding="utf-8").count("\n- id: ") + 1
    return (len(sources) - 1) * FACTS_PER_SOURCE + tail
