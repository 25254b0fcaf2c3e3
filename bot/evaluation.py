"""Score Envoy on an evaluation set of questions with known answers.

An evaluation file holds JSON lines: `command`, `text`, `answerable`, `paragraphs` (any
of which is a correct citation) and, for who-said, `speaker`. An answerable question is
correct when it is answered, cites one of its paragraphs and, where a speaker is given,
names that speaker; an unanswerable one is correct when it is declined.

Two failures of trust are also counted on their own, whatever the item's label: a false
attribution (words given a speaker who did not say them: an answered who-said naming a
speaker, on an invented line or a misquote, or naming the wrong one) and a confirmed
false claim (a claim the article does not support, labelled `claim-unsupported`, answered
as if it did).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.answers import Answer
from bot.errors import InputError
from bot.text import normalise

DEFAULT_EVALUATION_FILE = Path(__file__).resolve().parents[1] / "tests/evaluation/public.jsonl"


@dataclass(frozen=True, slots=True)
class EvalItem:
    """One question of an evaluation set and what a correct answer must do."""

    id: str
    command: str
    text: str
    answerable: bool
    paragraphs: frozenset[int]
    speaker: str | None = None
    kind: str = ""


FALSE_LINE_KINDS = frozenset({"invented-quote", "misquote"})
"""Labels of who-said items whose words nobody in the article said as given."""
UNSUPPORTED_CLAIM = "claim-unsupported"


@dataclass(slots=True)
class EvalReport:
    """Accuracy on answerable questions and on declines, with every miss."""

    answerable: int = 0
    answered_correctly: int = 0
    unanswerable: int = 0
    declined: int = 0
    false_attributions: int = 0
    confirmed_false_claims: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)

    @property
    def answer_accuracy(self) -> float:
        return self.answered_correctly / self.answerable if self.answerable else 1.0

    @property
    def decline_accuracy(self) -> float:
        return self.declined / self.unanswerable if self.unanswerable else 1.0

    def summary(self) -> str:
        return (
            f"answerable: {self.answered_correctly}/{self.answerable} correct and cited "
            f"({self.answer_accuracy:.1%}); unanswerable: {self.declined}/{self.unanswerable} "
            f"declined ({self.decline_accuracy:.1%}); false attributions: "
            f"{self.false_attributions}; false claims confirmed: {self.confirmed_false_claims}"
        )


def read_items(path: Path) -> list[EvalItem]:
    """Read an evaluation file; raises InputError when it cannot be read, holds no
    question, or has a bad line (naming the first)."""
    try:
        text = path.read_text(encoding="utf-8")
    except IsADirectoryError:
        raise InputError(f"{path} is a directory, not an evaluation file") from None
    except UnicodeDecodeError:
        raise InputError(f"{path} is not UTF-8 text") from None
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror or error}") from None
    items = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            if not isinstance(raw, dict):
                raise TypeError("expected a JSON object")
            items.append(
                EvalItem(
                    id=str(raw.get("id", number)),
                    command=raw["command"],
                    text=raw["text"],
                    answerable=bool(raw["answerable"]),
                    paragraphs=frozenset(int(p) for p in raw.get("paragraphs", [])),
                    speaker=raw.get("speaker"),
                    kind=str(raw.get("kind", "")),
                )
            )
        except KeyError as error:
            raise InputError(f"{path}:{number}: missing field {error}") from None
        except (ValueError, TypeError) as error:
            raise InputError(f"{path}:{number}: {error}") from None
    if not items:
        raise InputError(f"{path} holds no questions")
    return items


def speaker_matches(expected: str, given: str | None) -> bool:
    """Whether the answer names the expected speaker: every surname must appear."""
    if not given:
        return False
    said = normalise(given)
    names = [part for part in normalise(expected).replace(" and ", ",").split(",") if part]
    return all(name.split()[-1] in said for name in (n.strip() for n in names) if name)


def is_correct(item: EvalItem, answer: Answer) -> bool:
    """Whether `answer` is right for `item` under the rules in the module docstring."""
    if not item.answerable:
        return not answer.answered
    if not answer.answered:
        return False
    if not any(c.paragraph in item.paragraphs for c in answer.citations):
        return False
    if item.speaker and item.command == "who-said":
        return speaker_matches(item.speaker, answer.speaker)
    return True


def is_false_attribution(item: EvalItem, answer: Answer) -> bool:
    """Whether `answer` gives words to someone who did not say them as given."""
    if item.command != "who-said" or not answer.answered or not answer.speaker:
        return False
    if not item.answerable:
        return item.kind in FALSE_LINE_KINDS
    return bool(item.speaker) and not speaker_matches(item.speaker or "", answer.speaker)


def is_confirmed_false_claim(item: EvalItem, answer: Answer) -> bool:
    """Whether `answer` answers a claim the article does not support as if it did."""
    return item.kind == UNSUPPORTED_CLAIM and answer.answered


def evaluate(items: Iterable[EvalItem], answer: Callable[[str, str], Answer]) -> EvalReport:
    """Ask every item through `answer(command, text)` and score the answers."""
    report = EvalReport()
    for item in items:
        result = answer(item.command, item.text)
        correct = is_correct(item, result)
        if item.answerable:
            report.answerable += 1
            report.answered_correctly += correct
        else:
            report.unanswerable += 1
            report.declined += correct
        report.false_attributions += is_false_attribution(item, result)
        report.confirmed_false_claims += is_confirmed_false_claim(item, result)
        if not correct:
            report.misses.append(
                {
                    "id": item.id,
                    "kind": item.kind,
                    "command": item.command,
                    "text": item.text,
                    "expected": sorted(item.paragraphs) if item.answerable else "decline",
                    "speaker": item.speaker,
                    "answered": result.answered,
                    "got": [c.paragraph for c in result.citations],
                    "got_speaker": result.speaker,
                    "answer": result.text[:160],
                    "confidence": round(result.confidence, 3),
                }
            )
    return report
