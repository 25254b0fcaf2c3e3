"""The Slack app manifest against the listeners the app registers: they never drift apart."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from adapters.slack.app import BOT_EVENTS, SLASH_COMMANDS
from bot.commands import COMMANDS
from tests.fakes.slack import (
    DEFAULT_BOT_USER_ID,
    app_home_opened_event,
    app_mention_event,
    message_event,
)

from .harness import RunningAdapter

pytestmark = pytest.mark.timeout(60)

MANIFEST = Path(__file__).parents[3] / "adapters" / "slack" / "manifest.yml"
LEAST_SCOPES = {"commands", "app_mentions:read", "chat:write", "im:history"}
"""commands: slash commands; app_mentions:read: app_mention; chat:write: chat.postMessage;
im:history: message.im. views.publish, views.open (the Report a problem modal; interactivity
is on) and app_home_opened need no scope."""
EVENT_SCOPES = {"app_mention": "app_mentions:read", "message.im": "im:history"}
SAMPLE_EVENTS = {
    "app_home_opened": app_home_opened_event(),
    "app_mention": app_mention_event(f"<@{DEFAULT_BOT_USER_ID}> who said no limits?"),
    "message.im": message_event("who said no limits?"),
}


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    loaded = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_commands_are_exactly_the_registered_ones(manifest: dict[str, Any]) -> None:
    declared = manifest["features"]["slash_commands"]

    assert [c["command"] for c in declared] == list(SLASH_COMMANDS)
    assert tuple(f"/{c.name}" for c in COMMANDS) == SLASH_COMMANDS
    for entry, spec in zip(declared, COMMANDS, strict=True):
        assert entry["description"] == spec.summary
        assert entry.get("usage_hint") == (f"[{spec.option}]" if spec.option else None)
        assert entry["should_escape"] is False


def test_events_scopes_and_modes(manifest: dict[str, Any]) -> None:
    settings = manifest["settings"]
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])

    assert set(settings["event_subscriptions"]["bot_events"]) == set(BOT_EVENTS)
    assert scopes == LEAST_SCOPES
    assert {EVENT_SCOPES[e] for e in BOT_EVENTS if e in EVENT_SCOPES} <= scopes
    assert "user" not in manifest["oauth_config"]["scopes"]
    assert settings["socket_mode_enabled"] is True
    assert settings["interactivity"]["is_enabled"] is True
    home = manifest["features"]["app_home"]
    assert home["home_tab_enabled"] is True
    assert home["messages_tab_enabled"] is True
    assert home["messages_tab_read_only_enabled"] is False


def test_every_declared_command_and_event_has_a_listener(
    http: RunningAdapter, manifest: dict[str, Any]
) -> None:
    for entry in manifest["features"]["slash_commands"]:
        reply, url = http.command(entry["command"], "crimea")
        assert reply.status == 200, entry["command"]
        assert http.slack.wait_for_response(url).ok
    for name in manifest["settings"]["event_subscriptions"]["bot_events"]:
        assert http.event(SAMPLE_EVENTS[name])[0].status == 200, name
    http.idle()
    assert len(http.slack.calls("chat.postMessage")) == 2
    assert len(http.slack.calls("views.publish")) == 1


def test_what_is_not_declared_has_no_listener(http: RunningAdapter) -> None:
    assert http.command("/undeclared", "x")[0].status == 404
    reaction = {"type": "reaction_added", "user": "U1", "reaction": "+1", "event_ts": "1.2"}
    assert http.event(reaction)[0].status == 404
