"""The document index in the database: written once per knowledge, searched per question.

`write_index` stores every document with its matching features and the term counts;
`DatabaseIndex` answers the `bot.matching.index.DocumentIndex` questions with full-text
search (SQLite FTS5 ranked by bm25; PostgreSQL tsvector with a GIN index ranked by
ts_rank), so a question touches a few hundred candidate rows whatever the size of the
fact base. Terms so common that they would fetch a large share of the base are left out
of the search (they still count when the candidates are scored).
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter, OrderedDict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, insert, select, text, update

from bot.matching.documents import Document
from bot.matching.index import CANDIDATES, Indexed, speaker_token
from bot.storage import models as m

COMMON_SHARE = 0.001
"""A term held by more than this share of documents (and over 1,000) is not searched."""
_COMMON_FLOOR = 1000
MAX_TOKENS = 8
"""In a large base, at most this many (the rarest) tokens are searched per question."""
_BATCH = 5000
_CACHE = 20_000
_TOKEN = re.compile(r"[^a-z0-9]")


def write_index(connection: Connection, indexed: Iterable[Indexed], content_hash: str) -> int:
    """Replace the stored index with `indexed`; returns how many documents it holds."""
    is_postgres = connection.dialect.name == "postgresql"
    connection.execute(delete(m.TermStatRow))
    connection.execute(delete(m.SourceTermStatRow))
    if is_postgres:
        connection.exec_driver_sql("DELETE FROM document_search")
    connection.execute(delete(m.DocumentRow))
    counts: Counter[str] = Counter()
    per_source: Counter[tuple[str, str]] = Counter()
    batch: list[dict[str, Any]] = []
    total = 0
    for item in indexed:
        counts.update(item.terms)
        per_source.update((item.document.source, t) for t in item.terms)
        counts.update(item.names)
        batch.append(_row(item))
        if len(batch) >= _BATCH:
            connection.execute(insert(m.DocumentRow), batch)
            total += len(batch)
            batch = []
    if batch:
        connection.execute(insert(m.DocumentRow), batch)
        total += len(batch)
    stats = [{"term": t[:200], "documents": n} for t, n in counts.items()]
    for start in range(0, len(stats), _BATCH):
        connection.execute(insert(m.TermStatRow), stats[start : start + _BATCH])
    source_stats = [
        {"source_id": s, "term": t[:200], "documents": n} for (s, t), n in per_source.items()
    ]
    for start in range(0, len(source_stats), _BATCH):
        connection.execute(insert(m.SourceTermStatRow), source_stats[start : start + _BATCH])
    if is_postgres:
        connection.exec_driver_sql(
            "INSERT INTO document_search (id, search) "
            "SELECT id, to_tsvector('simple', terms || ' ' || names) FROM documents"
        )
        connection.exec_driver_sql("ANALYZE documents")
        connection.exec_driver_sql("ANALYZE document_search")
        connection.exec_driver_sql("ANALYZE term_stats")
    else:
        connection.exec_driver_sql("INSERT INTO documents_fts(documents_fts) VALUES('rebuild')")
        connection.exec_driver_sql("PRAGMA optimize")
    connection.execute(update(m.KnowledgeState).values(index_hash=content_hash))
    return total


INDEX_FORMAT = "6"
"""Changes when what is indexed changes, so a stored index of an older format is rebuilt."""


def index_hash(content_hash: str | None) -> str:
    """The stamp of an index built from knowledge `content_hash` in this format."""
    return f"{content_hash}:{INDEX_FORMAT}"


def stored_index_hash(connection: Connection) -> str | None:
    """The knowledge hash the stored index was built from."""
    return connection.scalar(select(m.KnowledgeState.index_hash).limit(1))


def _row(item: Indexed) -> dict[str, Any]:
    document = item.document
    return {
        "id": item.position,
        "key": document.key,
        "source_id": document.source,
        "kind": document.kind,
        "paragraph": document.paragraph,
        "statement": document.statement,
        "citation": document.citation,
        "terms": " ".join(sorted(item.terms)),
        "names": " ".join(sorted(item.names)),
        "features": {
            "entities": sorted(document.entities),
            "primary": sorted(document.primary),
            "speakers": list(document.speakers),
            "topics": sorted(document.topics),
            "answers": sorted(document.answers),
            "examples": list(document.examples),
            "times": list(document.times),
            "partial": document.partial,
            "note": document.note,
            "reviewed": document.reviewed,
            "closure": sorted(item.closure),
            "normalised_examples": list(item.examples),
            "evidence_terms": sorted(item.evidence_terms),
            "modal": item.modal,
            "context": item.context,
            "words": item.words,
        },
    }


def _indexed(row: Any) -> Indexed:
    f = row.features
    document = Document(
        key=row.key,
        kind=row.kind,
        source=row.source_id,
        paragraph=row.paragraph,
        statement=row.statement,
        citation=row.citation,
        entities=frozenset(f["entities"]),
        primary=frozenset(f["primary"]),
        speakers=tuple(f["speakers"]),
        topics=frozenset(f["topics"]),
        answers=frozenset(f["answers"]),
        examples=tuple(f["examples"]),
        text_for_terms="",
        times=tuple(f["times"]),
        partial=f["partial"],
        note=f["note"],
        reviewed=f["reviewed"],
    )
    return Indexed(
        document=document,
        position=row.id,
        terms=frozenset(row.terms.split()),
        closure=frozenset(f["closure"]),
        examples=tuple(f["normalised_examples"]),
        evidence_terms=frozenset(f["evidence_terms"]),
        modal=f["modal"],
        context=f["context"],
        words=f["words"],
    )


class DatabaseIndex:
    """A `DocumentIndex` answered by the database's full-text index."""

    def __init__(self, engine: Engine, *, reviewed_only: bool = True) -> None:
        self.engine = engine
        self.reviewed_only = reviewed_only
        self._postgres = engine.dialect.name == "postgresql"
        self._cache: OrderedDict[int, Indexed] = OrderedDict()
        self._frequencies: dict[str, int] = {}
        self._source_frequencies: dict[tuple[str, str], int] = {}
        self._lock = threading.Lock()
        with engine.connect() as connection:
            self._size = int(
                connection.scalar(select(func.count()).select_from(m.DocumentRow)) or 0
            )
            self._source_sizes = {
                source: int(number)
                for source, number in connection.execute(
                    select(m.DocumentRow.source_id, func.count()).group_by(m.DocumentRow.source_id)
                )
            }

    @property
    def size(self) -> int:
        return self._size

    def frequency(self, term: str) -> int:
        return self.frequencies([term])[term]

    def frequencies(self, terms: Iterable[str]) -> dict[str, int]:
        """How many documents hold each term: one query for all not yet known."""
        wanted = list(dict.fromkeys(terms))
        missing = [t for t in wanted if t not in self._frequencies]
        if missing:
            with self.engine.connect() as connection:
                found = dict(
                    connection.execute(
                        select(m.TermStatRow.term, m.TermStatRow.documents).where(
                            m.TermStatRow.term.in_(missing)
                        )
                    ).all()
                )
            with self._lock:
                if len(self._frequencies) > 200_000:
                    self._frequencies.clear()
                for term in missing:
                    self._frequencies[term] = int(found.get(term, 0))
        return {t: self._frequencies.get(t, 0) for t in wanted}

    def source_frequencies(self, terms: Iterable[str], source_id: str) -> dict[str, int]:
        """How many documents of one source hold each term (fetched when not yet known)."""
        wanted = list(dict.fromkeys(terms))
        self.prepare_sources(wanted, [source_id])
        return {t: self._source_frequencies.get((source_id, t), 0) for t in wanted}

    def prepare_sources(self, terms: Sequence[str], source_ids: Iterable[str]) -> None:
        """One query for the counts of `terms` in every source of `source_ids` not yet known."""
        sources = sorted(set(source_ids))
        missing = sorted(
            {t for s in sources for t in terms if (s, t) not in self._source_frequencies}
        )
        if not missing:
            return
        row = m.SourceTermStatRow
        with self.engine.connect() as connection:
            found = {
                (source, term): int(number)
                for source, term, number in connection.execute(
                    select(row.source_id, row.term, row.documents).where(
                        row.source_id.in_(sources), row.term.in_(missing)
                    )
                )
            }
        with self._lock:
            if len(self._source_frequencies) > 200_000:
                self._source_frequencies.clear()
            for source in sources:
                for term in missing:
                    self._source_frequencies[(source, term)] = found.get((source, term), 0)

    def source_size(self, source_id: str) -> int:
        return self._source_sizes.get(source_id, 0)

    def vocabulary(self) -> Iterable[str]:
        with self.engine.connect() as connection:
            return [row[0] for row in connection.execute(select(m.TermStatRow.term))]

    def candidates(
        self,
        terms: Sequence[str],
        names: Iterable[str],
        *,
        kinds: frozenset[str] | None = None,
        limit: int = CANDIDATES,
    ) -> list[Indexed]:
        tokens = self._searchable([*terms, *names])
        return self._search(tokens, kinds, limit, ranked=True)

    def get(self, key: str) -> Indexed | None:
        with self.engine.connect() as connection:
            row = connection.execute(select(m.DocumentRow).where(m.DocumentRow.key == key)).first()
        return _indexed(row) if row is not None else None

    def tagged(self, name: str, kinds: frozenset[str], limit: int) -> list[Indexed]:
        return self._search([name], kinds, limit, ranked=False)

    def spoken_by(self, entity_id: str, kinds: frozenset[str], limit: int) -> list[Indexed]:
        return self.tagged(speaker_token(entity_id), kinds, limit)

    def in_paragraph(self, source_id: str, paragraph: int) -> list[Indexed]:
        query = (
            select(m.DocumentRow)
            .where(m.DocumentRow.source_id == source_id, m.DocumentRow.paragraph == paragraph)
            .order_by(m.DocumentRow.id)
        )
        with self.engine.connect() as connection:
            items = [_indexed(row) for row in connection.execute(query)]
        return [i for i in items if i.document.reviewed or not self.reviewed_only]

    def all_of_kind(self, kind: str, limit: int) -> list[Indexed] | None:
        where = m.DocumentRow.kind == kind
        with self.engine.connect() as connection:
            count = connection.scalar(select(func.count()).select_from(m.DocumentRow).where(where))
            if count is None or count > limit:
                return None
            rows = connection.execute(select(m.DocumentRow).where(where).order_by(m.DocumentRow.id))
            items = [_indexed(row) for row in rows]
        return [i for i in items if i.document.reviewed or not self.reviewed_only]

    def counts(self) -> dict[str, dict[str, int]]:
        result: dict[str, dict[str, int]] = {}
        with self.engine.connect() as connection:
            for source_id, number in connection.execute(
                select(m.ParagraphRow.source_id, func.count()).group_by(m.ParagraphRow.source_id)
            ):
                result.setdefault(source_id, {})["paragraphs"] = int(number)
            for source_id, kind, number in connection.execute(
                select(m.DocumentRow.source_id, m.DocumentRow.kind, func.count()).group_by(
                    m.DocumentRow.source_id, m.DocumentRow.kind
                )
            ):
                result.setdefault(source_id, {"paragraphs": 0})[kind] = int(number)
        return result

    # -- searching ---------------------------------------------------------------

    def _searchable(self, terms: Sequence[str]) -> list[str]:
        """The terms and name tokens worth searching: all but the very common (a token in
        a large share of the base would make the search rank most of it), or the rarest
        few when every one is common."""
        common = max(_COMMON_FLOOR, COMMON_SHARE * self._size)
        frequencies = self.frequencies(terms)
        kept = [t for t in terms if 0 < frequencies[t] <= common]
        if len(kept) > MAX_TOKENS and self._size > _COMMON_FLOOR:
            # An ambiguous name can stand for dozens of people: search the rarest tokens.
            kept = sorted(kept, key=lambda t: (frequencies[t], t))[:MAX_TOKENS]
        if kept:
            return kept
        present = sorted((f, t) for t, f in frequencies.items() if f)
        return [t for _, t in present[:3]]

    def _search(
        self,
        tokens: Sequence[str],
        kinds: frozenset[str] | None,
        limit: int,
        *,
        ranked: bool,
    ) -> list[Indexed]:
        clean = sorted({_TOKEN.sub("", t.casefold()) for t in tokens} - {""})
        if not clean:
            return []
        # Kinds and review are checked on the rows found, not in the search: a token every
        # fact carries would make the full-text engine walk the whole base.
        wanted = limit * (4 if kinds else 1) + (limit if self.reviewed_only else 0)
        with self.engine.connect() as connection:
            if ranked:
                ids = self._ranked(connection, clean, wanted)
            else:
                ids = self._tagged(connection, clean[0], wanted)
            found = self._fetch(connection, ids)
        kept = [
            item
            for item in found
            if (kinds is None or item.document.kind in kinds)
            and (item.document.reviewed or not self.reviewed_only)
        ]
        return kept[:limit]

    def _ranked(self, connection: Connection, tokens: list[str], limit: int) -> list[int]:
        """Documents holding any token, best first by the summed rarity of the tokens they
        hold (ties by index order): the same order on SQLite and PostgreSQL."""
        known = self.frequencies(tokens)
        weighted = [(t, math.log(1 + self._size / f)) for t in tokens if (f := known[t])]
        if not weighted:
            return []
        params: dict[str, object] = {"limit": limit}
        for n, (token, weight) in enumerate(weighted):
            params[f"t{n}"] = token if self._postgres else f'"{token}"'
            params[f"w{n}"] = weight
        if self._postgres:
            # One pass over the rows holding any token; each row's score checks its tokens.
            params["any"] = " | ".join(t for t, _ in weighted)
            score = " + ".join(
                f"CASE WHEN search @@ to_tsquery('simple', :t{n}) THEN :w{n} ELSE 0 END"
                for n in range(len(weighted))
            )
            query = (
                f"SELECT id FROM document_search WHERE search @@ to_tsquery('simple', :any) "  # noqa: S608
                f"ORDER BY {score} DESC, id LIMIT :limit"
            )
        else:
            parts = [
                f"SELECT rowid AS id, :w{n} AS w FROM documents_fts "  # noqa: S608
                f"WHERE documents_fts MATCH :t{n}"
                for n in range(len(weighted))
            ]
            query = (
                "SELECT id FROM (" + " UNION ALL ".join(parts) + ") AS hits "  # noqa: S608
                "GROUP BY id ORDER BY SUM(w) DESC, id LIMIT :limit"
            )
        return [row[0] for row in connection.execute(text(query), params)]

    def _tagged(self, connection: Connection, token: str, limit: int) -> list[int]:
        """Documents holding one token, in index order."""
        if self._postgres:
            query = (
                "SELECT id FROM document_search WHERE search @@ to_tsquery('simple', :t) "
                "ORDER BY id LIMIT :limit"
            )
            params: dict[str, object] = {"t": token, "limit": limit}
        else:
            query = (
                "SELECT rowid FROM documents_fts WHERE documents_fts MATCH :t "
                "ORDER BY rowid LIMIT :limit"
            )
            params = {"t": f'"{token}"', "limit": limit}
        return [row[0] for row in connection.execute(text(query), params)]

    def _fetch(self, connection: Connection, ids: list[int]) -> list[Indexed]:
        missing = [i for i in ids if i not in self._cache]
        if missing:
            rows = connection.execute(select(m.DocumentRow).where(m.DocumentRow.id.in_(missing)))
            with self._lock:
                for row in rows:
                    self._cache[row.id] = _indexed(row)
                while len(self._cache) > _CACHE:
                    self._cache.popitem(last=False)
        with self._lock:
            found = [item for i in ids if (item := self._cache.get(i)) is not None]
        return sorted(found, key=lambda item: item.position)
