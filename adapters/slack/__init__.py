"""The Slack adapter: slash commands, mentions, DMs, buttons and an App Home for Envoy.

`serve` runs it as a process (``python -m bot serve slack [--http]``): Socket Mode by
default, or HTTP mode on $HOST:$PORT. Modules: `settings` (environment), `render` (answers
as Block Kit, escaping, limits), `messages` (the adapter's own wording), `app` (the bolt
listeners and the error boundary), `dedupe` (answer once), `delivery` (Slack's rate
limits), `server` (HTTP mode and /healthz), `runner` (start, drain and stop, with
`adapters.inflight`); `manifest.yml` is the Slack app's configuration.
"""

from __future__ import annotations

import asyncio
import logging
import signal

from adapters.slack.runner import SlackRunner
from adapters.slack.settings import SlackSettings
from bot.config import Settings
from bot.service import Envoy

log = logging.getLogger(__name__)

__all__ = ["serve"]


def serve(settings: Settings, *, http: bool) -> int:
    """Run Envoy on Slack until SIGTERM or SIGINT; returns the exit status.

    Reads the Slack settings from the environment (ConfigError if one is missing), starts
    the core, connects, and on a signal stops taking work, finishes answers in flight and
    closes the connection and the database.
    """
    slack = SlackSettings.from_env(http=http)
    envoy = Envoy.start(settings)
    try:
        return asyncio.run(_run(SlackRunner(envoy, slack, http=http)))
    finally:
        envoy.close()
        log.info("Envoy closed")


async def _run(runner: SlackRunner) -> int:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    try:
        await runner.start()
        await stop.wait()
        log.info("Slack: stop requested")
    finally:
        await runner.stop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(signum)
    return 0
