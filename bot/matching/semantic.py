"""How close two pieces of text are in sense, from static word vectors.

A sentence's vector is the sum of its content words' vectors, each weighted by how rare
the word is in English (a rare word says more of what a line is about), normalised; two
lines are as close as the cosine of their vectors. The word vectors come from a sentence
model, each word embedded alone (`bench/word_vectors.py` builds them); no model runs
here. Words the table lacks (a typo, a rare name) add nothing.

who-said uses this to recognise a quotation said over in other words ("Putin would use a
truce to buy time until Western backing wears away"), which shares too few of the
quotation's words to be matched by them. Closeness in sense is not sameness of sense:
an opposite or a swapped name can stay close, so the caller still checks negations,
numbers, names and opposites (`quotecheck.keeps_sense_markers`).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from bot.matching.analyzer import STOP_WORDS
from bot.matching.english import zipf_of
from bot.text import normalise, tokenize

if TYPE_CHECKING:
    import numpy as np

VECTORS = Path(__file__).with_name("word_vectors.npz")
RAREST_ZIPF = 7.5
"""A word's weight is `RAREST_ZIPF` minus its Zipf frequency, at least 1: "the" would
weigh nothing, "aggression" (Zipf 3.6) about four times "said" (Zipf 6.3)."""


class WordVectors:
    """The word table, and sentence vectors built from it (cached by text)."""

    def __init__(self, path: Path = VECTORS) -> None:
        # numpy is read only when who-said first needs it: a process that never does
        # (most questions are `ask`) stays 26 MiB smaller and starts faster.
        import numpy as np  # noqa: PLC0415

        with np.load(path) as data:
            words = str(data["words"]).split("\n")
            matrix = data["vectors"]  # int8, kept so: the scale cancels in a cosine
        self._np = np
        self._index = {word: i for i, word in enumerate(words)}
        self._matrix = matrix
        self._cache: dict[str, np.ndarray | None] = {}

    def vector(self, text: str) -> np.ndarray | None:
        """The unit vector of `text`'s content words; None when it has none the table knows."""
        if text in self._cache:
            return self._cache[text]
        rows, weights = [], []
        for token in tokenize(normalise(text)):
            for word in token.split("-"):
                row = self._index.get(word)
                if row is None or word in STOP_WORDS or not word.isalpha():
                    continue
                rows.append(row)
                weights.append(max(1.0, RAREST_ZIPF - zipf_of(word)))
        found = None
        if rows:
            summed = self._np.asarray(weights, dtype=self._np.float32) @ self._matrix[rows].astype(
                self._np.float32
            )
            norm = float(self._np.linalg.norm(summed))
            found = summed / norm if norm else None
        if len(self._cache) < 100_000:
            self._cache[text] = found
        return found

    def similarity(self, a: str, b: str) -> float:
        """Cosine of the two texts' vectors; 0 when either has no known content word."""
        va, vb = self.vector(a), self.vector(b)
        if va is None or vb is None:
            return 0.0
        return float(va @ vb)


@lru_cache(maxsize=1)
def word_vectors() -> WordVectors | None:
    """The shipped table, read once; None if it is missing (who-said then matches by
    words alone, as it did before)."""
    return WordVectors() if VECTORS.exists() else None
