"""The Slack app manifest, as shipped (Socket Mode) or set up for HTTP mode in one step.

`envoy manifest slack --request-url https://HOST` prints `manifest.yml` with Socket Mode
off and that one URL on every slash command, the event subscriptions and
interactivity: what to paste into the app's **App Manifest** page.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from bot.errors import ConfigError

MANIFEST = Path(__file__).with_name("manifest.yml")
EVENTS_PATH = "/slack/events"
"""Where `envoy serve slack --http` takes every Slack request."""


def load_manifest(path: Path = MANIFEST) -> dict[str, Any]:
    """The shipped manifest, parsed."""
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def request_url(base: str) -> str:
    """The events URL for `base`: "https://envoy.example.com" gets /slack/events added;
    a URL with a path is kept. ConfigError unless it is an https URL with a host."""
    parts = urlsplit(base.strip())
    if parts.scheme != "https" or not parts.hostname:
        raise ConfigError(
            f"--request-url must be an https URL Slack can reach, e.g. "
            f"https://envoy.example.com (got {base!r})"
        )
    if parts.path in ("", "/"):
        return f"https://{parts.netloc}{EVENTS_PATH}"
    return base.strip()


def http_manifest(base: str, manifest: dict[str, Any] | None = None) -> dict[str, Any]:
    """The manifest for HTTP mode: one request URL everywhere, Socket Mode off."""
    url = request_url(base)
    data = copy.deepcopy(manifest if manifest is not None else load_manifest())
    for command in data["features"]["slash_commands"]:
        command["url"] = url
    settings = data["settings"]
    settings["event_subscriptions"]["request_url"] = url
    settings["interactivity"]["request_url"] = url
    settings["socket_mode_enabled"] = False
    return data


def render_manifest(request: str | None = None) -> str:
    """The manifest as YAML: shipped as it is, or for HTTP mode at `request`."""
    if request is None:
        return MANIFEST.read_text(encoding="utf-8")
    header = (
        "# Envoy's Slack app for HTTP mode (envoy serve slack --http), written by\n"
        "# envoy manifest slack --request-url. Paste it under App Manifest (YAML tab).\n"
    )
    body = yaml.safe_dump(http_manifest(request), sort_keys=False, allow_unicode=True, width=100)
    return header + body
