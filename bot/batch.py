"""The batch interface: JSON lines `{"command", "text"}` in, one JSON line out per line.

`answer_lines` is the loop `python -m bot batch` runs (and the benchmark's baselines, so
every system answers through the same interface): one reply per input line, in order; a
malformed or blank line answered with `{"answered": false, "error": "line N: ..."}` and
the batch going on.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any, TextIO

Reply = dict[str, Any]


def answer_lines(lines: Iterable[str], answer: Callable[[str, str], Reply], stdout: TextIO) -> None:
    """Write one JSON reply per input line, flushing after each."""
    for number, line in enumerate(lines, start=1):
        try:
            if not line.strip():
                raise ValueError("blank line")
            item = json.loads(line)
            if not isinstance(item, dict):
                raise ValueError("expected a JSON object")
            command, text = item.get("command", "ask"), item.get("text")
            if not isinstance(command, str) or not isinstance(text, str):
                raise ValueError('"command" and "text" must be strings')
        except ValueError as error:
            reply: Reply = {"answered": False, "error": f"line {number}: {error}"}
        else:
            reply = answer(command, text)
        stdout.write(json.dumps(reply, ensure_ascii=False) + "\n")
        stdout.flush()
