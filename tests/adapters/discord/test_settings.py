"""The Discord settings: read once from the environment, errors that name the variable."""

from __future__ import annotations

import pytest

from adapters.discord.settings import DiscordSettings, parse_cooldown, parse_sharding
from bot.errors import ConfigError


def test_defaults_need_only_the_token() -> None:
    settings = DiscordSettings.from_env({"DISCORD_TOKEN": " secret-token-value "})
    assert settings.token == "secret-token-value"
    assert settings.guild_id is None
    assert (settings.cooldown_rate, settings.cooldown_seconds) == (6, 30.0)
    assert (settings.sharded, settings.shard_count) == (False, None)
    assert settings.api_base is None
    assert settings.gateway_url is None
    assert "secret-token-value" not in repr(settings)


def test_everything_set() -> None:
    settings = DiscordSettings.from_env(
        {
            "DISCORD_TOKEN": "t",
            "DISCORD_GUILD_ID": "1180000000000000100",
            "ENVOY_DISCORD_COOLDOWN": "3/10",
            "ENVOY_DISCORD_SHARDED": "4",
            "DISCORD_API_BASE": "http://127.0.0.1:9/api/v10/",
            "DISCORD_GATEWAY_URL": "ws://127.0.0.1:9/gateway",
        }
    )
    assert settings.guild_id == 1180000000000000100
    assert (settings.cooldown_rate, settings.cooldown_seconds) == (3, 10.0)
    assert (settings.sharded, settings.shard_count) == (True, 4)
    assert settings.api_base == "http://127.0.0.1:9/api/v10"
    assert settings.gateway_url == "ws://127.0.0.1:9/gateway"


def test_missing_token_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="DISCORD_TOKEN"):
        DiscordSettings.from_env({})
    assert DiscordSettings.from_env({}, require_token=False).token == ""


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, (6, 30.0)),
        ("5/30", (5, 30.0)),
        (" 10 / 2.5s ", (10, 2.5)),
        ("off", (0, 1.0)),
        ("0", (0, 1.0)),
    ],
)
def test_cooldown(raw: str | None, expected: tuple[int, float]) -> None:
    assert parse_cooldown(raw) == expected


@pytest.mark.parametrize("raw", ["5", "five/30", "5/0", "-1/3", "5/30/2"])
def test_bad_cooldown(raw: str) -> None:
    with pytest.raises(ConfigError, match="ENVOY_DISCORD_COOLDOWN"):
        parse_cooldown(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, (False, None)),
        ("0", (False, None)),
        ("off", (False, None)),
        ("1", (True, None)),
        ("auto", (True, None)),
        ("true", (True, None)),
        ("16", (True, 16)),
    ],
)
def test_sharding(raw: str | None, expected: tuple[bool, int | None]) -> None:
    assert parse_sharding(raw) == expected


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("ENVOY_DISCORD_SHARDED", "many"),
        ("DISCORD_GUILD_ID", "my-server"),
        ("DISCORD_GUILD_ID", "12"),
        ("DISCORD_API_BASE", "127.0.0.1:9"),
        ("DISCORD_GATEWAY_URL", "http://127.0.0.1:9/gateway"),
    ],
)
def test_malformed_values_name_their_variable(name: str, value: str) -> None:
    with pytest.raises(ConfigError, match=name):
        DiscordSettings.from_env({"DISCORD_TOKEN": "t", name: value})
