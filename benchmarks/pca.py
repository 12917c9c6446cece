"""What mmlbook.pca costs on real data, against SciPy and scikit-learn in the same run.

    MMLBOOK_DATA=/path/to/mnist python benchmarks/pca.py

All 10,000 MNIST test images, flattened to 784 pixels and divided by 255 (float64):

* ``pca`` and ``reconstruct`` (50 components) against scikit-learn's
  ``PCA(svd_solver="full")`` (fit, then ``inverse_transform(transform(X))``);
  the two reconstructions must agree to 1e-8 relative (Frobenius norm);
* ``pairwise_distances`` of all 10,000 images to all 10,000 against
  ``scipy.spatial.distance.cdist`` (direct differences, the accuracy
  reference) and ``sklearn.metrics.pairwise_distances``;
* ``knn_predict`` (k = 5, the first 8,000 images train, the last 2,000 are
  classified) against ``KNeighborsClassifier(algorithm="brute")``.

Each function runs once (the machine may be shared; a second run changes
little). Peak memory is what tracemalloc saw NumPy and Python allocate
during the call, on top of what was allocated before it.
"""

from __future__ import annotations

import resource
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "code"))

from scipy.spatial.distance import cdist  # noqa: E402
from sklearn.decomposition import PCA  # noqa: E402
from sklearn.metrics import pairwise_distances as sklearn_pairwise_distances  # noqa: E402
from sklearn.neighbors import KNeighborsClassifier  # noqa: E402

from mmlbook import pca as mml  # noqa: E402
from mmlbook.datasets import load_mnist  # noqa: E402

COMPONENTS = 50
K = 5
TRAIN = 8000


def measure(function, *args):
    """(result, seconds, peak MB of new allocations) of one call."""
    tracemalloc.start()
    start = time.perf_counter()
    result = function(*args)
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return result, seconds, peak


def row(name, seconds, peak, reference=None):
    ratio = "" if reference is None else f"{seconds / reference:8.2f}"
    print(f"  {name:44s} {seconds:8.2f} s {peak:9.0f} MB {ratio}")


def header(title):
    print(f"\n{title}\n  {'':44s} {'time':>10s} {'peak':>12s} {'ratio':>8s}")


def sklearn_reconstruct(X):
    model = PCA(COMPONENTS, svd_solver="full")
    return model.inverse_transform(model.fit_transform(X)), model


def main() -> None:
    images, labels = load_mnist("test")
    X = images.reshape(len(images), -1) / 255.0
    print(f"MNIST test images: X {X.shape} {X.dtype}; {COMPONENTS} components; kNN k = {K}")

    header("PCA (ratio: mmlbook / scikit-learn)")
    (theirs, model), sk_seconds, sk_peak = measure(sklearn_reconstruct, X)
    row("scikit-learn PCA(svd_solver='full') fit+rec", sk_seconds, sk_peak)
    (components, variance, _), pca_seconds, pca_peak = measure(mml.pca, X, COMPONENTS)
    row("mmlbook pca", pca_seconds, pca_peak, sk_seconds)
    ours, rec_seconds, rec_peak = measure(mml.reconstruct, X, COMPONENTS)
    row("mmlbook reconstruct (pca included)", rec_seconds, rec_peak, sk_seconds)
    difference = np.linalg.norm(ours - theirs) / np.linalg.norm(theirs)
    signs = np.sign(np.sum(components * model.components_, axis=1))[:, None]
    print(f"  reconstruction: relative difference {difference:.1e} (must be <= 1e-8); components: max "
          f"|difference| up to sign {np.abs(components - signs * model.components_).max():.1e}; variances: "
          f"max relative difference {np.max(np.abs(variance / model.explained_variance_ - 1)):.1e}")
    assert difference <= 1e-8, "the reconstructions differ"
    del ours, theirs

    header("pairwise distances, 10,000 x 10,000 (ratio: / cdist)")
    exact, cd_seconds, cd_peak = measure(cdist, X, X)
    row("scipy cdist (direct)", cd_seconds, cd_peak)
    sk, sk_seconds, sk_peak = measure(sklearn_pairwise_distances, X, X)
    row("scikit-learn pairwise_distances", sk_seconds, sk_peak, cd_seconds)
    sk_error = np.max(np.abs(sk - exact) / np.where(exact > 0, exact, 1.0))
    sk_zeros = int(np.count_nonzero(sk[exact == 0] == 0))
    del sk
    ours, our_seconds, our_peak = measure(mml.pairwise_distances, X, X)
    row("mmlbook pairwise_distances", our_seconds, our_peak, cd_seconds)
    our_error = np.max(np.abs(ours - exact) / np.where(exact > 0, exact, 1.0))
    zeros = int(np.count_nonzero(exact == 0))
    print(f"  max relative error against cdist: mmlbook {our_error:.1e}, scikit-learn {sk_error:.1e}; "
          f"pairs at distance 0: {zeros}, exact 0 in mmlbook {int(np.count_nonzero(ours[exact == 0] == 0))}, "
          f"in scikit-learn {sk_zeros}")
    del ours, exact

    header(f"kNN, {TRAIN} train / {len(X) - TRAIN} test images (ratio: mmlbook / scikit-learn)")
    X_train, y_train, X_test, y_test = X[:TRAIN], labels[:TRAIN], X[TRAIN:], labels[TRAIN:]
    classifier = KNeighborsClassifier(n_neighbors=K, algorithm="brute")
    reference, sk_seconds, sk_peak = measure(lambda: classifier.fit(X_train, y_train).predict(X_test))
    row("scikit-learn KNeighborsClassifier (brute)", sk_seconds, sk_peak)
    predicted, our_seconds, our_peak = measure(mml.knn_predict, K, X_train, y_train, X_test)
    row("mmlbook knn_predict", our_seconds, our_peak, sk_seconds)
    same = int(np.count_nonzero(predicted == reference))
    print(f"  same predictions: {same} of {len(predicted)}; accuracy {np.mean(predicted == y_test):.4f}")

    print(f"\nmax resident memory of the process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3:.0f} MB")


if __name__ == "__main__":
    main()
