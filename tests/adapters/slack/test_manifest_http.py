"""`envoy manifest slack --request-url`: the HTTP-mode manifest in one step."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from adapters.slack.manifest import EVENTS_PATH, http_manifest, load_manifest, request_url
from bot.errors import ConfigError
from tests.bot.test_cli import run


def test_one_url_everywhere_and_socket_mode_off() -> None:
    shipped = load_manifest()
    http = http_manifest("https://envoy.example.com")
    url = "https://envoy.example.com" + EVENTS_PATH
    assert [c["url"] for c in http["features"]["slash_commands"]] == [url] * 6
    assert http["settings"]["event_subscriptions"]["request_url"] == url
    assert http["settings"]["interactivity"]["request_url"] == url
    assert http["settings"]["socket_mode_enabled"] is False
    for command in http["features"]["slash_commands"]:
        del command["url"]
    del http["settings"]["event_subscriptions"]["request_url"]
    del http["settings"]["interactivity"]["request_url"]
    http["settings"]["socket_mode_enabled"] = True
    assert http == shipped  # nothing else changed
    assert "url" not in shipped["features"]["slash_commands"][0]  # the shipped file untouched


@pytest.mark.parametrize(
    ("given", "url"),
    [
        ("https://envoy.example.com", "https://envoy.example.com/slack/events"),
        ("https://envoy.example.com/", "https://envoy.example.com/slack/events"),
        ("https://envoy.example.com:8443", "https://envoy.example.com:8443/slack/events"),
        ("https://example.com/envoy/slack/events", "https://example.com/envoy/slack/events"),
    ],
)
def test_a_bare_host_gets_the_events_path(given: str, url: str) -> None:
    assert request_url(given) == url


@pytest.mark.parametrize("bad", ["http://envoy.example.com", "envoy.example.com", "https://", ""])
def test_an_address_slack_cannot_use_is_refused(bad: str) -> None:
    with pytest.raises(ConfigError, match="must be an https URL"):
        request_url(bad)


def test_the_command_prints_yaml_to_paste(tmp_path: Path) -> None:
    result = run(["manifest", "slack", "--request-url", "https://envoy.example.com"], tmp_path)
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load(result.stdout)
    assert data["settings"]["socket_mode_enabled"] is False
    shipped = run(["manifest", "slack"], tmp_path)
    assert yaml.safe_load(shipped.stdout) == load_manifest()
    refused = run(["manifest", "slack", "--request-url", "http://insecure"], tmp_path)
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr.startswith("envoy: --request-url must be an https URL")
    assert not (tmp_path / "data").exists()  # nothing started, nothing written
