"""Write records in the layout of the curated knowledge files.

Two-space indented records under `- id:`, short id lists in flow style (`[a, b]`), text
plain where YAML reads it back unchanged and double-quoted where it would not, comments
kept on their own lines. Every scalar is checked by reading it back.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import yaml

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_INDICATORS = tuple("!&*-?:,[]{}#|>@`'\"%")


def scalar(value: object) -> str:
    """One YAML scalar: null, a boolean, a number, or text (plain or double-quoted)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    if _plain_reads_back(text):
        return text
    return json.dumps(text, ensure_ascii=False)


def quoted(text: str) -> str:
    """Text always double-quoted (titles, as the curated files write them)."""
    return json.dumps(text, ensure_ascii=False)


def _plain_reads_back(text: str) -> bool:
    if not text or text != text.strip() or "\n" in text or text.startswith(_INDICATORS):
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    try:
        return bool(yaml.load(f"k: {text}", Loader=_Loader) == {"k": text})  # noqa: S506
    except yaml.YAMLError:
        return False


def flow_list(ids: Iterable[str]) -> str:
    """`[a, b]` for ids and slugs."""
    return "[" + ", ".join(scalar(i) for i in ids) + "]"


def comment(text: str, indent: str = "") -> str:
    """A comment line (newlines folded into spaces)."""
    return f"{indent}# {' '.join(text.split())}"


def record(fields: Sequence[tuple[str, object]], comments: Sequence[str] = ()) -> str:
    """One list item: the first field on the dash line, comments after it, then the rest.

    Values: a str/number/bool/None is a scalar; a tuple of str is a flow list; a list of
    str is a block list; a Mapping is a nested block.
    """
    lines: list[str] = []
    for position, (key, value) in enumerate(fields):
        lead = "- " if position == 0 else "  "
        lines.extend(_field(lead, key, value))
        if position == 0:
            lines.extend(comment(c, "  ") for c in comments)
    return "\n".join(lines)


def _field(lead: str, key: str, value: object) -> list[str]:
    if isinstance(value, tuple):
        return [f"{lead}{key}: {flow_list(value)}"]
    if isinstance(value, list):
        return [f"{lead}{key}:", *(f"    - {scalar(item)}" for item in value)]
    if isinstance(value, Mapping):
        return [f"{lead}{key}:", *(f"    {k}: {scalar(v)}" for k, v in value.items())]
    return [f"{lead}{key}: {scalar(value)}"]


def document(header: Iterable[str], records: Iterable[str], footer: Iterable[str] = ()) -> str:
    """A whole file: header comments, records separated by blank lines, footer comments."""
    parts = ["\n".join(comment(line) if line else "#" for line in header)]
    body = list(records)
    parts.append("\n\n".join(body) if body else "[]")
    tail = [comment(line) if line else "#" for line in footer]
    if tail:
        parts.append("\n".join(tail))
    return "\n\n".join(parts) + "\n"
