"""The batch interface: JSON lines `{"command", "text"}` in, one JSON line out per line.

`answer_lines` is the loop `python -m bot batch` runs (and the benchmark's baselines, so
every system answers through the same interface): replies in input order, one per
input line. No line can stop the batch: a blank line, a line that is not UTF-8, longer than
MAX_LINE_BYTES, not JSON, nested too deeply to parse, or not an object with string
`command` and `text` is answered `{"answered": false, "error": "line N: ..."}`, and so is a
line whose answering failed; the batch goes on. What is written is always UTF-8 JSON,
whatever the locale's encoding (lone surrogates become U+FFFD).
"""

from __future__ import annotations

import io
import json
import logging
import re
import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import Any, BinaryIO, TextIO

log = logging.getLogger(__name__)

Reply = dict[str, Any]

MAX_LINE_BYTES = 1 << 20
"""A longer line is answered with an error without being parsed (a question is cut to 500
characters anyway)."""

_SURROGATE = re.compile("[\ud800-\udfff]")


class _TooLong:
    """Stands in for a line longer than MAX_LINE_BYTES, skipped unread."""


def answer_lines(
    lines: Iterable[str | bytes], answer: Callable[[str, str], Reply], stdout: TextIO
) -> None:
    """Write one JSON reply per input line, flushing after each.

    `lines` may be a text stream; when it has a binary buffer (sys.stdin does), the bytes
    are read from it, so input that is not UTF-8 is an error line, not a crash."""
    write = _writer(stdout)
    for number, line in enumerate(_read(lines), start=1):
        write(json.dumps(_reply(number, line, answer), ensure_ascii=False))


def _reply(number: int, line: str | bytes | _TooLong, answer: Callable[[str, str], Reply]) -> Reply:
    def error(message: str) -> Reply:
        return {"answered": False, "error": f"line {number}: {message}"}

    if isinstance(line, _TooLong):
        return error(f"longer than {MAX_LINE_BYTES} bytes")
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError as problem:
            return error(f"not valid UTF-8 (byte {problem.start + 1})")
    if not line.strip():
        return error("blank line")
    if len(line) > MAX_LINE_BYTES:
        return error(f"longer than {MAX_LINE_BYTES} bytes")
    try:
        item = json.loads(line)
    except RecursionError:
        return error("too deeply nested")
    except ValueError as problem:
        return error(str(problem))
    if not isinstance(item, dict):
        return error("expected a JSON object")
    command, text = item.get("command", "ask"), item.get("text")
    if not isinstance(command, str) or not isinstance(text, str):
        return error('"command" and "text" must be strings')
    try:
        return answer(command, text)
    except Exception:  # one line's failure must not end the batch
        reference = uuid.uuid4().hex[:10]
        log.exception("batch line %d could not be answered (reference %s)", number, reference)
        return error(f"could not be answered (reference {reference})")


def _read(lines: Iterable[str | bytes]) -> Iterator[str | bytes | _TooLong]:
    buffer = getattr(lines, "buffer", None)
    if isinstance(buffer, io.RawIOBase):  # unbuffered (python -u): readline would read bytewise
        buffer = io.BufferedReader(buffer)
    if isinstance(buffer, io.BufferedIOBase):
        yield from _bounded_lines(buffer)
    else:
        yield from lines


def _bounded_lines(stream: BinaryIO | io.BufferedIOBase) -> Iterator[bytes | _TooLong]:
    """Lines of a binary stream, newline included; a line longer than MAX_LINE_BYTES is
    skipped without being held in memory."""
    while True:
        line = stream.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        if len(line) <= MAX_LINE_BYTES or line.endswith(b"\n"):
            yield line
            continue
        while line and not line.endswith(b"\n"):
            line = stream.readline(MAX_LINE_BYTES)
        yield _TooLong()


def _writer(stdout: TextIO) -> Callable[[str], None]:
    """Writes one line as UTF-8: to the binary buffer under a text stream when there is
    one (so the locale's encoding cannot fail a write), else as text."""
    buffer = getattr(stdout, "buffer", None)

    def write(text: str) -> None:
        text = _SURROGATE.sub("\ufffd", text) + "\n"
        if isinstance(buffer, io.BufferedIOBase | io.RawIOBase):
            stdout.flush()
            data = memoryview(text.encode("utf-8"))
            while data:  # a raw stream (python -u) may take part of it
                data = data[buffer.write(data) or 0 :]
            buffer.flush()
        else:
            stdout.write(text)
            stdout.flush()

    return write
