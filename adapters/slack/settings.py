"""The Slack adapter's own settings, read once from the environment.

Tokens and the signing secret come from the environment only; they are kept out of
`repr` so that no log line or traceback can show them.
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.errors import ConfigError

DEFAULT_PORT = 3000
DEFAULT_HOST = "0.0.0.0"  # noqa: S104 - a Procfile platform's router reaches the process there
"""All interfaces: what a platform's router needs. Behind a proxy on the same machine, set
HOST=127.0.0.1 so that only the proxy can reach the process."""
DEFAULT_API_URL = "https://slack.com/api/"
_HOST_NAME = re.compile(
    r"^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$"
)


@dataclass(frozen=True, slots=True)
class SlackSettings:
    """Everything the Slack adapter needs besides the core. Build it with `from_env`."""

    bot_token: str = field(repr=False)
    app_token: str | None = field(default=None, repr=False)
    signing_secret: str | None = field(default=None, repr=False)
    port: int = DEFAULT_PORT
    host: str = DEFAULT_HOST
    api_url: str = DEFAULT_API_URL

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, *, http: bool = False) -> SlackSettings:
        """Read SLACK_BOT_TOKEN, SLACK_APP_TOKEN, SLACK_SIGNING_SECRET, PORT, HOST and
        SLACK_API_URL.

        Socket Mode (``http=False``) needs the bot and app-level tokens; HTTP mode needs
        the bot token and the signing secret. Raises ConfigError naming every missing
        variable (never a value).
        """
        env = os.environ if env is None else env
        bot_token = (env.get("SLACK_BOT_TOKEN") or "").strip()
        app_token = (env.get("SLACK_APP_TOKEN") or "").strip() or None
        signing_secret = (env.get("SLACK_SIGNING_SECRET") or "").strip() or None
        required = {"SLACK_BOT_TOKEN": bot_token}
        if http:
            required["SLACK_SIGNING_SECRET"] = signing_secret or ""
        else:
            required["SLACK_APP_TOKEN"] = app_token or ""
        missing = [name for name, value in required.items() if not value]
        if missing:
            mode = "HTTP mode" if http else "Socket Mode"
            raise ConfigError(f"Slack {mode} needs {', '.join(missing)} in the environment")
        if not http and app_token is not None and not app_token.startswith("xapp-"):
            raise ConfigError("SLACK_APP_TOKEN must be an app-level token (xapp-...)")
        api_url = (env.get("SLACK_API_URL") or "").strip() or DEFAULT_API_URL
        return cls(
            bot_token=bot_token,
            app_token=app_token,
            signing_secret=signing_secret,
            port=_port(env.get("PORT")),
            host=_host(env.get("HOST")),
            api_url=api_url if api_url.endswith("/") else api_url + "/",
        )


def _port(raw: str | None) -> int:
    if raw is None or not raw.strip():
        return DEFAULT_PORT
    try:
        port = int(raw)
    except ValueError:
        raise ConfigError(f"PORT must be a whole number, got {raw!r}") from None
    if not 0 <= port <= 65535:
        raise ConfigError(f"PORT must be between 0 and 65535, got {port}")
    return port


def _host(raw: str | None) -> str:
    host = (raw or "").strip()
    if not host:
        return DEFAULT_HOST
    try:
        ipaddress.ip_address(host)
    except ValueError:
        if not _HOST_NAME.match(host):
            raise ConfigError(
                f"HOST must be an IP address or a host name to listen on, got {raw!r}"
            ) from None
    return host
