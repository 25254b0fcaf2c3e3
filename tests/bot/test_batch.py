"""`envoy batch` against hostile input: a real process, real bytes on stdin (issue 13.8).

Whatever a line holds (nesting deep enough to exhaust the parser, lone surrogates in any
field, bytes that are not UTF-8, a line of megabytes), that line gets one error or answer
line, every later line is still answered, and stdout is valid UTF-8 JSON, one line per
input line, whatever the locale's encoding.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bot.batch import MAX_LINE_BYTES, answer_lines

ROOT = Path(__file__).resolve().parents[2]


def ask(text: str) -> bytes:
    return json.dumps({"command": "ask", "text": text}).encode()


HOSTILE: list[bytes] = [
    ask("when did xi visit moscow"),
    b"[" * 1000,
    b'{"a": ' * 100_000,
    b'{"command": "ask", "text": ' + b"[" * 5000 + b"]" * 5000 + b"}",
    b'{"command": "ask\\ud800", "text": "who is the dni"}',
    b'{"command": "\\udc80", "text": "who is the dni"}',
    b'{"command": "ask", "text": "\\ud800who is the dni\\udfff"}',
    b'{"command": "ask", "text": "who is the dni", "\\ud800": "\\udc80"}',
    b'{"command": "ask", "text": "\xff\xfe who is the dni"}',
    b'{"command": "ask", "text": "caf\xc3"}',
    b"\xed\xa0\x80",  # a surrogate encoded as UTF-8: not valid UTF-8
    b'{"command": "ask", "text": "' + b"a" * (MAX_LINE_BYTES + 10) + b'"}',
    b"",
    b"   ",
    ask("who is the dni"),
    ask("who said no limits"),
]


def run_batch(stdin: bytes, tmp_path: Path, encoding: str) -> subprocess.CompletedProcess[bytes]:
    env = {
        **os.environ,
        "ENVOY_DATA_DIR": str(tmp_path / "data"),
        "ENVOY_HASH_KEY": "k",
        "ENVOY_RATE_LIMIT": "0",
        "PYTHONIOENCODING": encoding,
    }
    env.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "bot", "batch"],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("encoding", ["utf-8:strict", "ascii:strict"])
def test_no_line_stops_the_batch_and_every_reply_is_utf8_json(
    tmp_path: Path, encoding: str
) -> None:
    result = run_batch(b"\n".join(HOSTILE) + b"\n", tmp_path, encoding)

    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    assert b"Traceback" not in result.stderr
    text = result.stdout.decode("utf-8")  # strict: raises on anything not UTF-8
    replies = [json.loads(line) for line in text.splitlines()]
    assert len(replies) == len(HOSTILE)
    assert all(isinstance(r, dict) for r in replies)
    by_line = dict(zip(HOSTILE, replies, strict=True))
    assert by_line[HOSTILE[0]]["answered"] is True
    for hostile in HOSTILE[1:4]:
        assert by_line[hostile]["answered"] is False
        assert "too deeply nested" in by_line[hostile]["error"]
    for surrogate in HOSTILE[4:8]:
        assert "error" in by_line[surrogate] or "answered" in by_line[surrogate]
    assert by_line[HOSTILE[4]]["answered"] is True  # "ask" with a surrogate is still ask
    for undecodable in HOSTILE[8:11]:
        assert "not valid UTF-8" in by_line[undecodable]["error"]
    assert "longer than" in by_line[HOSTILE[11]]["error"]
    for blank in HOSTILE[12:14]:
        assert "blank line" in by_line[blank]["error"]
    assert by_line[HOSTILE[-2]]["answered"] is True
    assert by_line[HOSTILE[-1]]["answered"] is True
    assert by_line[HOSTILE[-1]]["speaker"] == "China and Russia"
    numbers = [int(r["error"].split(":")[0].split()[1]) for r in replies if "error" in r]
    assert numbers == sorted(numbers) and numbers[0] == 2


def test_a_failing_answer_is_one_error_line_and_the_batch_goes_on() -> None:
    def answer(command: str, text: str) -> dict[str, Any]:
        if text == "boom":
            raise RuntimeError("the core broke")
        return {"answered": True, "text": text}

    out = io.StringIO()
    lines = [json.dumps({"command": "ask", "text": t}) + "\n" for t in ("a", "boom", "b")]
    answer_lines(lines, answer, out)
    replies = [json.loads(line) for line in out.getvalue().splitlines()]
    assert replies[0] == {"answered": True, "text": "a"}
    assert replies[1]["answered"] is False and replies[1]["error"].startswith("line 2: ")
    assert "the core broke" not in replies[1]["error"]
    assert replies[2] == {"answered": True, "text": "b"}
