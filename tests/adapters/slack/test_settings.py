"""The Slack settings: read once from the environment, secrets never shown."""

from __future__ import annotations

import pytest

from adapters.slack.settings import DEFAULT_API_URL, DEFAULT_HOST, SlackSettings
from bot.errors import ConfigError

pytestmark = pytest.mark.timeout(10)

SOCKET_ENV = {"SLACK_BOT_TOKEN": "xoxb-1-secret", "SLACK_APP_TOKEN": "xapp-1-secret"}
HTTP_ENV = {"SLACK_BOT_TOKEN": "xoxb-1-secret", "SLACK_SIGNING_SECRET": "shh-secret"}


def test_socket_mode_defaults() -> None:
    settings = SlackSettings.from_env(SOCKET_ENV)

    assert settings.bot_token == "xoxb-1-secret"
    assert settings.app_token == "xapp-1-secret"
    assert settings.signing_secret is None
    assert settings.port == 3000
    assert settings.host == DEFAULT_HOST == "0.0.0.0"
    assert settings.api_url == DEFAULT_API_URL


def test_http_mode_reads_port_and_api_url() -> None:
    env = {**HTTP_ENV, "PORT": "8080", "SLACK_API_URL": "http://127.0.0.1:9/api"}

    settings = SlackSettings.from_env(env, http=True)

    assert (settings.port, settings.api_url) == (8080, "http://127.0.0.1:9/api/")
    assert settings.signing_secret == "shh-secret"


@pytest.mark.parametrize(
    ("env", "http", "missing"),
    [
        ({}, False, "SLACK_BOT_TOKEN, SLACK_APP_TOKEN"),
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, False, "SLACK_APP_TOKEN"),
        ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"}, True, "SLACK_SIGNING_SECRET"),
        ({"SLACK_SIGNING_SECRET": "s", "SLACK_BOT_TOKEN": " "}, True, "SLACK_BOT_TOKEN"),
    ],
)
def test_missing_settings_are_named(env: dict[str, str], http: bool, missing: str) -> None:
    with pytest.raises(ConfigError, match=f"needs {missing} in the environment"):
        SlackSettings.from_env(env, http=http)


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("127.0.0.1", "127.0.0.1"),
        (" ::1 ", "::1"),
        ("localhost", "localhost"),
        ("envoy-web.internal", "envoy-web.internal"),
        ("", DEFAULT_HOST),
    ],
)
def test_http_mode_reads_host(host: str, expected: str) -> None:
    assert SlackSettings.from_env({**HTTP_ENV, "HOST": host}, http=True).host == expected


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({**HTTP_ENV, "HOST": "127.0.0.1:3000"}, "HOST must be an IP address or a host name"),
        ({**HTTP_ENV, "HOST": "http://0.0.0.0"}, "HOST must be an IP address or a host name"),
        ({**HTTP_ENV, "HOST": "a b"}, "HOST must be an IP address or a host name"),
        ({**HTTP_ENV, "PORT": "web"}, "PORT must be a whole number"),
        ({**HTTP_ENV, "PORT": "70000"}, "PORT must be between"),
    ],
)
def test_bad_port(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        SlackSettings.from_env(env, http=True)


def test_app_token_must_be_app_level() -> None:
    with pytest.raises(ConfigError, match="app-level token") as raised:
        SlackSettings.from_env({**SOCKET_ENV, "SLACK_APP_TOKEN": "xoxb-wrong-kind"})
    assert "xoxb-wrong-kind" not in str(raised.value)


def test_secrets_stay_out_of_repr() -> None:
    settings = SlackSettings.from_env({**SOCKET_ENV, **HTTP_ENV})

    shown = repr(settings)

    assert "secret" not in shown
    assert "port=3000" in shown
