"""Why `ask` answered or declined: which stage of the pipeline decided, and on what.

`explain` runs a free question through the same stages as `ask` (normalise, read the
intent and route, rank, decide, check for a missing detail) and reports what each one
found, so that someone looking at a miss knows which stage to open:
  - "routed": the wording sent it to another command, or declined it at once (opinion,
    forecast, instruction);
  - "no candidate": nothing in the knowledge shares a word or a name with it;
  - "decision": the fitted model's probability fell below its threshold;
  - "missing detail": the best document matches but lacks what is asked (a name, a
    number, a date, the person who spoke);
  - "answered".
"""

from __future__ import annotations

import math
from typing import Any

from bot.answers import Answer
from bot.commands.ask import missing_detail, route
from bot.commands.context import Context
from bot.matching.decision import decide

CANDIDATES_SHOWN = 3


def explain(ctx: Context, text: str) -> dict[str, Any]:
    """The stages a free question goes through, and the one that decided."""
    routed = route(ctx, text)
    cleaned = ctx.clean_question(text)
    if isinstance(routed, Answer):
        return {"stage": "routed", "cleaned": cleaned, "command": routed.command}
    report: dict[str, Any] = {
        "cleaned": cleaned,
        "intent": {"route": routed.intent.command, "kind": routed.intent.kind},
        "entities": [sorted(m.ids) for m in routed.entities],
        "terms": list(routed.terms),
        "unknown": list(routed.unknown),
    }
    ranked = ctx.ranker.rank(routed, limit=None)
    if not ranked:
        return {"stage": "no candidate", **report}
    report["candidates"] = [
        {
            "key": s.document.key,
            "paragraph": s.document.paragraph,
            "score": round(s.score, 3),
            "coverage": round(s.coverage, 3),
            "entity_share": round(s.entity_share, 3),
            "missing_terms": list(s.missing_terms),
            "kind_met": s.kind_met,
            "speaker_met": s.speaker_met,
        }
        for s in ranked[:CANDIDATES_SHOWN]
    ]
    decision = decide(routed, ranked, ctx.ranker, ctx.model)
    report["decision"] = {
        "probability": round(decision.probability, 3),
        "threshold": ctx.model.threshold,
        # a missing feature (NaN) is shown as null, so the report stays valid JSON
        "features": {
            k: None if math.isnan(v) else round(v, 3) for k, v in decision.features.items()
        },
    }
    if not decision.answer:
        return {"stage": "decision", **report}
    missing = missing_detail(ctx, routed, ranked[0])
    if missing is not None:
        return {"stage": "missing detail", "declined_with": missing, **report}
    return {"stage": "answered", **report}
