"""The question log under bad rows and outages, on real SQLite and real PostgreSQL.

Issue 13.9: a row the database would refuse is cleaned first (NUL, lone surrogates), and a
row it refuses all the same is left out alone, never with the rows written beside it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot.storage import LoggedQuestion, Store
from bot.storage import models as m


def question(n: int, **fields: Any) -> LoggedQuestion:
    values: dict[str, Any] = {
        "id": f"{n:032x}",
        "platform": "cli",
        "command": "ask",
        "text": f"question {n}",
        "answered": True,
        "matched": ["fact:x"],
        "score": 0.5,
        "latency_ms": 1.0,
        "asker_hash": "asker",
    }
    values.update(fields)
    return LoggedQuestion(**values)


def stored(store: Store) -> dict[str, Any]:
    with store.engine.connect() as connection:
        return {row.id: row for row in connection.execute(select(m.QuestionLogRow))}


# -- 13.9: one bad row ------------------------------------------------------------------------


def test_rows_are_cleaned_and_a_refused_row_is_left_out_alone(database_url: str) -> None:
    store = Store(database_url)
    store.upgrade()
    hostile = {
        10: {"command": "ask\x00", "text": "nul\x00 in text", "matched": ["fact:\x00x"]},
        20: {"platform": "cli\ud800", "text": "a lone \udc80 surrogate", "command": "\udfffask"},
        30: {"asker_hash": "h\x00\ud800", "matched": ["\ud83d"]},
    }
    try:
        for n in range(1000):
            store.log_question(question(n, **hostile.get(n, {})))
            if n == 500:  # a row the database refuses whatever is cleaned: no id
                store.log_question(question(n, id=None))
        assert store.flush(timeout=60)
        rows = stored(store)
        assert len(rows) == 1000
        assert store.failed_writes == 1
        assert rows[f"{10:032x}"].text == "nul in text"
        assert rows[f"{10:032x}"].command == "ask"
        assert rows[f"{20:032x}"].text == "a lone \ufffd surrogate"
        assert rows[f"{30:032x}"].asker_hash == "h\ufffd"
    finally:
        store.close()
