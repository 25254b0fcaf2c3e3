"""Logging for every process: one format, secrets redacted, optional JSON lines.

`RedactSecrets` sits on the root handler, so whatever logger writes a record (ours,
slack_bolt, discord.py, aiohttp), Slack and Discord tokens, signing secrets, anything
else credential-shaped (`bot.text.redact_credentials`, the same list the core applies to
what users type) and the values of secret environment variables never reach the output.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

from bot.text import REDACTED, redact_credentials

__all__ = ["REDACTED", "JsonFormatter", "RedactSecrets", "configure", "redact", "secret_values"]

_SECRET_ENV = re.compile(r"(TOKEN|SECRET|KEY|PASSWORD)$")


def secret_values(environ: dict[str, str] | None = None) -> list[str]:
    """Values of environment variables whose names mark them as secrets."""
    env = os.environ if environ is None else environ
    return sorted(
        (v for k, v in env.items() if _SECRET_ENV.search(k.upper()) and len(v) >= 6),
        key=len,
        reverse=True,
    )


def redact(text: str, secrets: list[str] | None = None) -> str:
    """`text` with tokens, passwords in URLs and the given secret values replaced."""
    for value in secrets if secrets is not None else secret_values():
        text = text.replace(value, REDACTED)
    return redact_credentials(text)


class RedactSecrets(logging.Filter):
    """Rewrites each record's message (arguments and traceback included) without secrets."""

    def __init__(self) -> None:
        super().__init__()
        self._secrets = secret_values()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg = redact(message, self._secrets)
        record.args = None
        if record.exc_text:
            record.exc_text = redact(record.exc_text, self._secrets)
        if record.stack_info:
            record.stack_info = redact(record.stack_info, self._secrets)
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, and any reference id."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key in ("reference", "request_id", "platform", "command"):
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if record.exc_text:
            entry["traceback"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False)


def configure(
    level: str = "INFO",
    *,
    json_lines: bool = False,
    path: Path | None = None,
    floor: str | None = None,
) -> None:
    """Send logs through the redacting filter to stderr, or to the file `path`; show
    nothing below `floor` when one is given; libraries no noisier than INFO."""
    handler: logging.Handler
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
    else:
        handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RedactSecrets())
    handler.setFormatter(
        JsonFormatter()
        if json_lines
        else logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    if floor is not None:
        handler.setLevel(floor)
    root = logging.getLogger()
    for old in root.handlers:
        if isinstance(old, logging.FileHandler):  # ours, from an earlier call
            old.close()
    root.handlers[:] = [handler]
    root.setLevel(level)
    floor_level = max(logging.INFO, logging.getLevelName(level))
    for library in ("slack_bolt", "slack_sdk", "discord", "aiohttp", "websockets", "urllib3"):
        logging.getLogger(library).setLevel(floor_level)
    for chatty in ("sqlalchemy", "alembic"):  # SQL text and migration chatter: warnings only
        logging.getLogger(chatty).setLevel(max(logging.WARNING, floor_level))
