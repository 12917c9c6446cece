"""Benchmark: mmlbook.linalg.pagerank on a random web of 100,000 pages and 1,000,000 links.

Run from the repository root:  python benchmarks/pagerank.py [pages] [links]
Prints the time to build the sparse link matrix and to rank it (best of 3).
This is a benchmark, not a test: the suite never times anything.
"""

from __future__ import annotations

import sys
import time

import numpy as np
import scipy.sparse

from mmlbook import linalg


def random_web(pages: int, links: int, seed: int = 0) -> scipy.sparse.csr_array:
    """A sparse link matrix: L[i, j] = 1 / (links out of j) for each link j -> i."""
    rng = np.random.default_rng(seed)
    # Heavy-tailed popularity, as on the real web: the k-th most popular page is
    # linked to in proportion to 1 / k**0.8.
    popularity = 1.0 / np.arange(1, pages + 1) ** 0.8
    targets = rng.permutation(pages)[rng.choice(pages, size=links, p=popularity / popularity.sum())]
    sources = rng.integers(0, pages, size=links)
    counts = np.bincount(sources, minlength=pages)
    weights = 1.0 / counts[sources]
    L = scipy.sparse.coo_array((weights, (targets, sources)), shape=(pages, pages)).tocsr()
    L.sum_duplicates()
    return L


def main(pages: int = 100_000, links: int = 1_000_000) -> None:
    start = time.perf_counter()
    L = random_web(pages, links)
    built = time.perf_counter() - start
    dangling = int(np.count_nonzero(np.asarray(L.sum(axis=0)).ravel() == 0))
    times = []
    for _ in range(3):
        start = time.perf_counter()
        ranks = linalg.pagerank(L, d=0.85, tol=1e-10)
        times.append(time.perf_counter() - start)
    print(f"pages: {pages:,}, links: {L.nnz:,} distinct, pages without links: {dangling:,}")
    print(f"building the sparse matrix: {built:.2f} s")
    print(f"pagerank (d = 0.85, tol = 1e-10): best of 3 {min(times):.3f} s, "
          f"all {', '.join(f'{t:.3f}' for t in times)} s")
    print(f"ranks sum to {ranks.sum():.12f}; top page holds {ranks.max():.4%} of the rank")


if __name__ == "__main__":
    main(*(int(arg) for arg in sys.argv[1:3]))
