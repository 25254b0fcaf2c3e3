"""The Discord adapter's own settings, read once from the environment into one typed value.

DISCORD_TOKEN (required to connect), DISCORD_GUILD_ID (sync the commands to that one server,
instantly, instead of globally), ENVOY_DISCORD_COOLDOWN ("N/SECONDS" questions per user, or
"off"), ENVOY_DISCORD_SHARDED ("auto" or a shard count), and, for tests and proxies only,
DISCORD_API_BASE and DISCORD_GATEWAY_URL. The token never appears in a repr or a log line.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.errors import ConfigError

DEFAULT_COOLDOWN = "6/30"
"""Six questions per user in any 30 seconds: room for a conversation, none for a flood."""

_COOLDOWN = re.compile(r"^\s*(\d+)\s*/\s*(\d+(?:\.\d+)?)\s*s?\s*$")
_OFF = {"", "0", "false", "no", "off"}
_ON = {"1", "true", "yes", "on", "auto"}


@dataclass(frozen=True, slots=True)
class DiscordSettings:
    """Everything the Discord adapter needs beyond the core's `bot.config.Settings`.

    `cooldown_rate` questions per user within `cooldown_seconds` (rate 0: no cooldown).
    `sharded` selects discord.py's AutoShardedClient; `shard_count` None lets Discord
    recommend the count. `api_base` and `gateway_url` replace Discord's endpoints when set.
    """

    token: str = field(repr=False)
    guild_id: int | None = None
    cooldown_rate: int = 6
    cooldown_seconds: float = 30.0
    sharded: bool = False
    shard_count: int | None = None
    api_base: str | None = None
    gateway_url: str | None = None

    @classmethod
    def from_env(
        cls, env: Mapping[str, str] | None = None, *, require_token: bool = True
    ) -> DiscordSettings:
        """Read the settings from `env` (the process environment by default).

        Raises ConfigError naming the variable when one is missing or malformed.
        """
        env = os.environ if env is None else env
        token = (env.get("DISCORD_TOKEN") or "").strip()
        if require_token and not token:
            raise ConfigError(
                "DISCORD_TOKEN is not set: copy the bot token from the Discord developer "
                "portal (Bot > Reset Token) into the environment"
            )
        rate, seconds = parse_cooldown(env.get("ENVOY_DISCORD_COOLDOWN"))
        sharded, shard_count = parse_sharding(env.get("ENVOY_DISCORD_SHARDED"))
        return cls(
            token=token,
            guild_id=_snowflake(env, "DISCORD_GUILD_ID"),
            cooldown_rate=rate,
            cooldown_seconds=seconds,
            sharded=sharded,
            shard_count=shard_count,
            api_base=_url(env, "DISCORD_API_BASE", ("http://", "https://")),
            gateway_url=_url(env, "DISCORD_GATEWAY_URL", ("ws://", "wss://")),
        )


def parse_cooldown(raw: str | None) -> tuple[int, float]:
    """ "N/SECONDS" as (N, SECONDS); "off" or "0" as (0, 1.0), which disables the cooldown."""
    value = (raw if raw is not None else DEFAULT_COOLDOWN).strip().lower()
    if value in _OFF:
        return 0, 1.0
    match = _COOLDOWN.match(value)
    if match is None or float(match.group(2)) <= 0:
        raise ConfigError(
            f'ENVOY_DISCORD_COOLDOWN must look like "5/30" (questions/seconds) or "off", '
            f"got {raw!r}"
        )
    return int(match.group(1)), float(match.group(2))


def parse_sharding(raw: str | None) -> tuple[bool, int | None]:
    """(sharded, shard count): "auto"/"1"/"true" lets Discord pick the count, N >= 2 fixes it."""
    value = (raw or "").strip().lower()
    if value in _OFF:
        return False, None
    if value in _ON:
        return True, None
    if value.isdigit() and int(value) >= 2:
        return True, int(value)
    raise ConfigError(
        f'ENVOY_DISCORD_SHARDED must be "auto" (or 1/true), a shard count of at least 2, '
        f"or off, got {raw!r}"
    )


def _snowflake(env: Mapping[str, str], name: str) -> int | None:
    raw = (env.get(name) or "").strip()
    if not raw:
        return None
    if not raw.isdigit() or not 15 <= len(raw) <= 21:
        raise ConfigError(f"{name} must be a Discord id (a long number), got {raw!r}")
    return int(raw)


def _url(env: Mapping[str, str], name: str, schemes: tuple[str, ...]) -> str | None:
    raw = (env.get(name) or "").strip()
    if not raw:
        return None
    if not raw.startswith(schemes):
        raise ConfigError(f"{name} must start with {' or '.join(schemes)}, got {raw!r}")
    return raw.rstrip("/")
