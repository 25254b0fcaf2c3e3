"""Answer or decline: whether the best-scored document answers the question.

The ranker orders candidates; this module decides whether the first of them is an
answer at all, from the parts of its score.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.matching.parameters import Parameters
from bot.matching.ranker import ParsedQuestion, Scored


def accepts(parsed: ParsedQuestion, ranked: Sequence[Scored], params: Parameters) -> bool:
    """Whether the best document answers: a clear score, or a fair one that stands out
    when every word of the question is one the article uses and every name fits."""
    if not ranked:
        return False
    best = ranked[0]
    if best.score >= params.accept_score:
        return True
    runner_up = ranked[1].score if len(ranked) > 1 else 0.0
    return (
        best.score >= params.lenient_score
        and not parsed.unknown
        and best.entity_share == 1.0
        and best.score - runner_up >= params.lenient_margin
    )
