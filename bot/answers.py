"""The values that cross the core's boundary: a `Question` in, an `Answer` out.

Adapters build a `Question` from a platform payload and render the `Answer`; they never
look inside the core. `Answer.to_dict` is the stable shape of `--json` and `batch`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

RATE_LIMITED = "rate-limited"
"""The `matched` marker of an answer refused because its asker is asking too fast."""


@dataclass(frozen=True, slots=True)
class Question:
    """What someone asked, through which command and door.

    `asker` is the raw platform user id; the core stores only a keyed hash of it.
    """

    command: str
    text: str
    platform: str = "cli"
    asker: str | None = None


@dataclass(frozen=True, slots=True)
class Citation:
    """The article's own words an answer rests on."""

    quote: str
    paragraph: int
    source: str
    source_id: str = ""
    speaker: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "quote": self.quote,
            "paragraph": self.paragraph,
            "source": self.source,
            "source_id": self.source_id,
            "speaker": self.speaker,
        }


@dataclass(frozen=True, slots=True)
class Answer:
    """One answer, the same whatever door the question came through.

    `answered` is false when Envoy declines; `text` then says so and `suggestions` holds
    questions it can answer instead. `matched` holds the ids of the facts, quotes or
    entities the answer rests on; `answer_id` identifies the logged answer, for feedback.
    """

    answered: bool
    text: str
    command: str
    citations: tuple[Citation, ...] = ()
    speaker: str | None = None
    confidence: float = 0.0
    suggestions: tuple[str, ...] = ()
    matched: tuple[str, ...] = ()
    answer_id: str | None = None

    @property
    def rate_limited(self) -> bool:
        """Whether the asker was asking too fast and nothing was answered."""
        return self.matched == (RATE_LIMITED,)

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON shape used by `--json` and `batch`."""
        return {
            "answered": self.answered,
            "command": self.command,
            "text": self.text,
            "citations": [c.to_dict() for c in self.citations],
            "speaker": self.speaker,
            "confidence": round(self.confidence, 3),
            "suggestions": list(self.suggestions),
            "matched": list(self.matched),
            "answer_id": self.answer_id,
        }
