"""Draft a fictional article into a knowledge copy and read the draft back."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.ingest import IngestReport, ingest_file
from bot.knowledge import KnowledgeBase, Quote, load_knowledge


@dataclass
class Drafted:
    """A drafted source read back: the report, the loaded knowledge and the raw YAML."""

    slug: str
    report: IngestReport
    kb: KnowledgeBase
    directory: Path

    def quotes(self) -> list[Quote]:
        return [q for q in self.kb.quotes if q.source == self.slug]

    def quote(self, fragment: str) -> Quote:
        found = [q for q in self.quotes() if fragment in q.text]
        assert len(found) == 1, (fragment, [q.text for q in self.quotes()])
        return found[0]

    def speakers(self, fragment: str) -> set[str]:
        """Names of the speakers of the one drafted quote holding `fragment`."""
        return {self.kb.entities[s].name for s in self.quote(fragment).speakers}

    def record(self, kind: str, item_id: str) -> dict[str, Any]:
        records = self.records(kind)
        return next(r for r in records if r["id"] == item_id)

    def records(self, kind: str) -> list[dict[str, Any]]:
        path = self.directory / f"{kind}.yaml"
        if not path.exists():
            return []
        return list(yaml.safe_load(path.read_text(encoding="utf-8")) or [])

    def confidence(self, fragment: str) -> float:
        return float(self.record("quotes", self.quote(fragment).id)["confidence"])

    def left_out(self) -> list[str]:
        return [u.text for u in self.report.unattributed]

    def new_entity(self, name: str) -> dict[str, Any]:
        found = [r for r in self.records("entities") if r["name"] == name]
        assert len(found) == 1, (name, [r["name"] for r in self.records("entities")])
        return found[0]


def draft(knowledge: Path, text: str, slug: str = "fiction", **options: Any) -> Drafted:
    """Ingest `text` as source `slug` into `knowledge` and read the draft back."""
    path = knowledge.parent / f"{slug}.txt"
    path.write_text(text, encoding="utf-8")
    report = ingest_file(path, slug, knowledge_dir=knowledge, **options)
    kb = load_knowledge(knowledge, include_unreviewed=True)
    return Drafted(slug, report, kb, knowledge / "sources" / slug)
