"""Helpers of the Discord tests: sending interactions to the fake, reading what came back."""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from sqlalchemy import select

from bot.service import Envoy
from bot.storage.models import FeedbackRow, QuestionLogRow
from tests.fakes.discord_fake import (
    FakeDiscord,
    RecordedRequest,
    autocomplete_interaction,
    component_interaction,
    modal_submit_interaction,
    slash_interaction,
)

JSON = dict[str, Any]
EPHEMERAL = 64
FEEDBACK_ID = re.compile(r"envoy:fb:(up|down):([0-9a-f]{32})")
PROBLEM_ID = re.compile(r"envoy:problem:([0-9a-f]{32})")


def command(fake: FakeDiscord, name: str, options: Any = None, **kw: Any) -> RecordedRequest:
    """Send the slash command `name` and return the adapter's first response to it."""
    return fake.wait_callback(fake.send_interaction(slash_interaction(name, options, **kw)))


def complete(fake: FakeDiscord, name: str, option: str, typed: str) -> list[JSON]:
    """Type `typed` into `option` of `name`; the choices the adapter offered."""
    callback = fake.wait_callback(
        fake.send_interaction(autocomplete_interaction(name, option, typed))
    )
    assert callback.status == 200, callback.response
    assert callback.body["type"] == 8
    choices: list[JSON] = callback.data["choices"]
    return choices


def click(
    fake: FakeDiscord, custom_id: str, message: Mapping[str, Any] | None = None, **kw: Any
) -> RecordedRequest:
    """Click the button `custom_id` on `message`; the adapter's first response."""
    payload = component_interaction(custom_id, message=message, **kw)
    return fake.wait_callback(fake.send_interaction(payload))


def submit(
    fake: FakeDiscord, custom_id: str, note: str | None, *, labels: bool = False, **kw: Any
) -> RecordedRequest:
    """Submit the modal `custom_id` with `note` in its "note" input ("" when None, as Discord
    sends an optional input left blank); the adapter's first response."""
    payload = modal_submit_interaction(custom_id, {"note": note or ""}, labels=labels, **kw)
    return fake.wait_callback(fake.send_interaction(payload))


def sent_message(callback: RecordedRequest) -> JSON:
    """The message an interaction response created, as the fake stored it."""
    message: JSON = callback.response["resource"]["message"]
    return message


def embed(body: Mapping[str, Any]) -> JSON:
    [only] = body["embeds"]
    result: JSON = only
    return result


def buttons(body: Mapping[str, Any]) -> list[JSON]:
    return [item for row in body.get("components") or [] for item in row["components"]]


def feedback_ids(body: Mapping[str, Any]) -> dict[str, str]:
    """{"up": custom_id, "down": custom_id} of an answer's feedback buttons."""
    found = {}
    for button in buttons(body):
        match = FEEDBACK_ID.fullmatch(button.get("custom_id", ""))
        if match:
            found[match.group(1)] = match.group(0)
    return found


def report_button(body: Mapping[str, Any]) -> JSON | None:
    """The "Report a problem" button of an answer, if it has one."""
    found = [b for b in buttons(body) if PROBLEM_ID.fullmatch(b.get("custom_id", ""))]
    assert len(found) <= 1, found
    return found[0] if found else None


def answer_id(body: Mapping[str, Any]) -> str:
    ids = {FEEDBACK_ID.fullmatch(b)[2] for b in feedback_ids(body).values()}  # type: ignore[index]
    [only] = ids
    return only


def feedback_rows(envoy: Envoy, answer: str) -> list[Any]:
    with envoy.store.engine.connect() as connection:
        return list(connection.execute(select(FeedbackRow).where(FeedbackRow.answer_id == answer)))


def logged_question(envoy: Envoy, answer: str) -> Any:
    envoy.store.flush()
    with envoy.store.engine.connect() as connection:
        return connection.execute(select(QuestionLogRow).where(QuestionLogRow.id == answer)).one()


def texts(body: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """(where, text) of every string a user can read in a message body."""
    if body.get("content"):
        yield "content", body["content"]
    for item in body.get("embeds") or []:
        for key in ("title", "description"):
            if item.get(key):
                yield key, item[key]
        for field in item.get("fields") or []:
            yield "field name", field["name"]
            yield "field value", field["value"]
        if (item.get("footer") or {}).get("text"):
            yield "footer", item["footer"]["text"]
    for button in buttons(body):
        if button.get("label"):
            yield "label", button["label"]


def assert_within_limits(body: Mapping[str, Any]) -> None:
    """Discord's message limits, checked here too (the fake refuses what breaks them)."""
    assert len(body.get("content") or "") <= 2000
    total = 0
    for item in body.get("embeds") or []:
        assert len(item.get("title") or "") <= 256
        assert len(item.get("description") or "") <= 4096
        fields = item.get("fields") or []
        assert len(fields) <= 25
        for field in fields:
            assert 1 <= len(field["name"]) <= 256
            assert 1 <= len(field["value"]) <= 1024
        assert len((item.get("footer") or {}).get("text") or "") <= 2048
        total += sum(len(text) for _, text in texts({"embeds": [item]}))
    assert total <= 6000
    rows = body.get("components") or []
    assert len(rows) <= 5
    for row in rows:
        assert len(row["components"]) <= 5
        for button in row["components"]:
            assert len(button.get("label") or "") <= 80
            assert 1 <= len(button["custom_id"]) <= 100


def assert_inert(body: Mapping[str, Any]) -> None:
    """Nothing in `body` can ping, break out of markdown, or hide characters."""
    for where, text in texts(body):
        assert not re.search(r"@(everyone|here)", text), (where, text)
        assert not re.search(r"<@[!&]?\d{15,21}>", text), (where, text)
        visible = text.replace("@\u200b", "@")
        hidden = [c for c in visible if c != "\n" and unicodedata.category(c) in ("Cc", "Cf")]
        assert hidden == [], (where, text)
        if where not in ("footer", "label"):  # the places where Discord renders markdown
            assert "```" not in text, (where, text)
            assert not re.search(r"(?<!\\)\[", text), (where, text)
            assert not re.search(r"(?m)^(#{1,3} |> |>>> |-# |[ \t]*- )", text), (where, text)


def eventually(condition: Callable[[], bool], timeout: float = 3.0) -> bool:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)
    return condition()
