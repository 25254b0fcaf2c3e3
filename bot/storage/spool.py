"""Question-log rows kept on disk while the database is away.

A `Spool` is a directory of JSON-lines files, each written whole (to a temporary name,
then renamed), so no reader ever sees half a file. Any process sharing the directory may
take a file: it renames it to a name of its own first, so exactly one process writes
each file's rows to the database. The number of rows a file holds is in its name, so the
spool's size is known without reading it. `max_rows` bounds what the spool keeps.
"""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import time
from datetime import datetime
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

Row = dict[str, Any]

_FILE = re.compile(r"^questions-(\d+)-\d+-\d+-[0-9a-f]+\.jsonl$")


class Spool:
    """Rows waiting on disk under `directory`, at most `max_rows` of them."""

    def __init__(self, directory: Path, max_rows: int) -> None:
        self.directory = directory
        self.max_rows = max_rows

    def rows(self) -> int:
        """How many rows wait in the spool (every process's)."""
        return sum(count for _, count in self._files())

    def has_rows(self) -> bool:
        return bool(self._files())

    def save(self, rows: list[Row]) -> int:
        """Keep `rows` in one new file, as many as the bound leaves room for; returns how
        many were kept."""
        kept = rows[: max(0, self.max_rows - self.rows())]
        if not kept:
            return 0
        self.directory.mkdir(parents=True, exist_ok=True)
        name = f"questions-{len(kept)}-{time.time_ns()}-{os.getpid()}-{secrets.token_hex(4)}"
        temporary = self.directory / f".{name}.tmp"
        with temporary.open("w", encoding="utf-8") as out:
            for row in kept:
                out.write(json.dumps(row, default=_encode, ensure_ascii=False) + "\n")
            out.flush()
            os.fsync(out.fileno())
        temporary.rename(self.directory / f"{name}.jsonl")
        return len(kept)

    def take(self) -> list[Row] | None:
        """The rows of the oldest file, which no other process can take any more; None
        when the spool is empty."""
        for path, _ in self._files():
            claimed = path.with_name(f".taken-{os.getpid()}-{secrets.token_hex(4)}-{path.name}")
            try:
                path.rename(claimed)
            except FileNotFoundError:  # another process took it first
                continue
            rows = _read(claimed)
            claimed.unlink()
            return rows
        return None

    def _files(self) -> list[tuple[Path, int]]:
        try:
            names = sorted(entry.name for entry in os.scandir(self.directory))
        except FileNotFoundError:
            return []
        found = []
        for name in names:
            match = _FILE.match(name)
            if match:
                found.append((self.directory / name, int(match.group(1))))
        return sorted(found, key=lambda item: int(item[0].name.split("-")[2]))


def _encode(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"cannot keep a {type(value).__name__} in the spool")


def _read(path: Path) -> list[Row]:
    rows = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            try:
                row = json.loads(line)
                row["created_at"] = datetime.fromisoformat(row["created_at"])
            except (ValueError, KeyError, TypeError):
                log.warning("question log: line %d of %s is not a row; left out", number, path)
                continue
            rows.append(row)
    return rows
