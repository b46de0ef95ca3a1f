"""Synthetic authors with a planted function-word signal, shared by the stylometry tests (not a test module)."""

import numpy as np


def synthetic_authors(seed, n_docs=4, chunks_per_doc=3, size=600, n_function=30, n_content=1000, shift=0.4):
    """Two authors with the same vocabulary; B uses each function word ``shift`` more or less often than A.

    Function words make 60% of the tokens (about 2% each, so they are the most frequent words);
    each document draws its own content-word profile (a topic), which is noise for attribution.
    """
    rng = np.random.default_rng(seed)
    base_f = rng.dirichlet(np.full(n_function, 20.0))
    signs = rng.permutation(np.resize([1.0, -1.0], n_function))
    rates = {"A": 0.6 * base_f, "B": 0.6 * base_f * (1 + shift * signs)}
    vocab = np.array([f"f{i}" for i in range(n_function)] + [f"c{i}" for i in range(n_content)])
    tokens, labels, groups = [], [], []
    for author, f in rates.items():
        for d in range(n_docs):
            topic = rng.dirichlet(np.full(n_content, 0.5))
            p = np.concatenate([f, 0.4 * topic])
            p /= p.sum()
            for _ in range(chunks_per_doc):
                tokens.append(list(rng.choice(vocab, size=size, p=p)))
                labels.append(author)
                groups.append(f"{author}{d}")
    return tokens, labels, groups
