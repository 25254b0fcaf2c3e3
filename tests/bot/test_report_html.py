"""The HTML report: one self-contained page, checked in a real headless Chromium.

The browser test needs Chromium (Debian's `chromium`; `.ci/run` installs it). Without one
it skips with the reason, except under CI=true, where it fails.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import tempfile
import zlib
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from bot.answers import Question
from bot.report import build_report, render
from bot.service import Envoy
from tests.conftest import settings_for

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "chrome")
HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'


def find_browser() -> str | None:
    """ENVOY_TEST_BROWSER, else the first Chromium on PATH."""
    named = os.environ.get("ENVOY_TEST_BROWSER")
    if named:
        return shutil.which(named) or named
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


@pytest.fixture(scope="module")
def browser() -> str:
    path = find_browser()
    if path is None:
        reason = f"no headless browser: none of {', '.join(BROWSERS)} is on PATH"
        if os.environ.get("CI"):
            pytest.fail(f"a browser is required in CI ({reason}); .ci/run installs chromium")
        pytest.skip(reason + " (apt-get install chromium)")
    return path


@pytest.fixture
def week_html(tmp_path: Path) -> str:
    """A week of questions and feedback on a real SQLite store, rendered as HTML."""
    envoy = Envoy.start(settings_for(f"sqlite:///{tmp_path / 'e.sqlite3'}", tmp_path / "data"))
    try:
        asked = [envoy.handle(Question("ask", "who is the dni", "slack", "U1")) for _ in range(3)]
        for answer, helpful in zip(asked, (True, True, False), strict=True):
            envoy.feedback(answer.answer_id, helpful, platform="slack", asker="U1")
        missed = envoy.handle(Question("ask", "what is the population of crimea", "discord", "U2"))
        envoy.report_problem(missed.answer_id, platform="discord", asker="U2", note="no answer")
        envoy.handle(Question("ask", HOSTILE, "discord", "U3"))
        envoy.store.flush()
        report = build_report(envoy.store.engine, timedelta(days=7))
    finally:
        envoy.close()
    return render(report, "html")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


def test_the_page_is_self_contained_and_escapes_what_people_typed(week_html: str) -> None:
    assert week_html.startswith("<!doctype html>") and week_html.rstrip().endswith("</html>")
    parsed = _Tags()
    parsed.feed(week_html)
    names = {tag for tag, _ in parsed.tags}
    assert not names & {"script", "link", "img", "iframe", "object", "embed", "image"}, names
    fetching = [
        (tag, key)
        for tag, attrs in parsed.tags
        for key in attrs
        if key in ("src", "href", "srcset", "action") or key.startswith("on")
    ]
    assert not fetching, fetching
    style = "".join(parsed.styles)
    assert "url(" not in style and "@import" not in style
    assert {attrs.get("xmlns") for tag, attrs in parsed.tags if tag == "svg"} == {
        "http://www.w3.org/2000/svg"
    }
    assert HOSTILE not in week_html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img" in week_html


def _chromium(browser: str, *args: str) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory(prefix="envoy-chromium-") as profile:
        return subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                *args,
            ],
            capture_output=True,
            text=True,
            timeout=90,
            check=False,
        )


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and the RGB(A) pixels of an 8-bit RGB or RGBA, non-interlaced PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    offset, chunks, header = 8, [], b""
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        body = data[offset + 8 : offset + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
        offset += 12 + length
    width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and color in (2, 6) and interlace == 0, (depth, color, interlace)
    size = 3 if color == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * size
    previous = bytearray(stride)
    pixels: list[bytes] = []
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - size] if i >= size else 0
            up = previous[i]
            corner = previous[i - size] if i >= size else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                guess = left + up - corner
                near = min(
                    (abs(guess - left), 0, left),
                    (abs(guess - up), 1, up),
                    (abs(guess - corner), 2, corner),
                )
                line[i] = (line[i] + near[2]) & 0xFF
        pixels += [bytes(line[i : i + 3]) for i in range(0, stride, size)]
        previous = line
    return width, height, pixels


def test_the_report_shows_in_a_real_browser(browser: str, week_html: str, tmp_path: Path) -> None:
    page = tmp_path / "envoy-report.html"
    page.write_text(week_html, encoding="utf-8")
    url = page.as_uri()
    dom = _chromium(browser, "--dump-dom", url)
    assert dom.returncode == 0, dom.stderr[-2000:]
    shown = dom.stdout
    assert "What people asked Envoy" in shown
    assert "who is the dni" in shown and "what is the population of crimea" in shown
    assert "Unanswered, grouped (what to curate next)" in shown
    assert "no answer" in shown  # the problem report's note
    assert ">67%</text>" in shown  # today's share of helpful ratings, on the chart
    assert shown.count("<svg") == 2 and "<rect" in shown and "<circle" in shown
    assert "<script" not in shown.lower()  # the hostile question stayed text
    day = datetime.now(UTC).date().isoformat()[5:]
    assert f">{day}</text>" in shown

    shot = tmp_path / "report.png"
    taken = _chromium(browser, "--window-size=800,1400", f"--screenshot={shot}", url)
    assert taken.returncode == 0 and shot.exists(), taken.stderr[-2000:]
    width, height, pixels = png_pixels(shot.read_bytes())
    assert (width, height) == (800, 1400)
    background = max(set(pixels[:: max(1, len(pixels) // 5000)]), key=pixels.count)
    inked = sum(p != background for p in pixels) / len(pixels)
    assert inked > 0.02, f"the screenshot is nearly blank ({inked:.1%} not background)"
    answered_blue = bytes((0x2A, 0x6F, 0x97))
    assert answered_blue in set(pixels), "the questions chart's bars are not on the screen"
    copy = os.environ.get("ENVOY_REPORT_SCREENSHOT")
    if copy:  # to look at it: ENVOY_REPORT_SCREENSHOT=/tmp/report.png pytest ...
        shutil.copy(shot, copy)


def test_the_report_module_is_not_imported_for_other_formats(envoy: Any) -> None:
    import sys

    report = build_report(envoy.store.engine, timedelta(days=1))
    sys.modules.pop("bot.report_html", None)
    render(report, "text")
    assert "bot.report_html" not in sys.modules
