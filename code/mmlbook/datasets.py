"""Data sets used in the book: small ones embedded here, MNIST fetched on demand.

Small data lives in this file with its source, so a chapter never needs the
network for it. MNIST is too big to commit, so :func:`load_mnist` reads the
official files from :func:`data_dir`, downloading and MD5-checking them first.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import os
import tempfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import platformdirs

from ._validate import as_number

__all__ = ["Heights", "heights_histogram", "heights", "supplier_prices", "heart_curve", "xor_blobs",
           "messages", "data_dir", "load_mnist"]

# --- Heights -----------------------------------------------------------------

# Copied as printed in the two Coursera exercises named in the source below:
# relative frequencies per 2.5 cm bin, left edges 160-200 cm. They sum to
# 0.995, not 1, so `density` renormalises them.
_HEIGHTS_SOURCE = (
    "Imperial College London (Coursera), 'Mathematics for Machine Learning: Linear Algebra' "
    "week 1 (exploring parameter space) and 'Mathematics for Machine Learning: Multivariate "
    "Calculus' week 6 (fitting the distribution of height data)"
)
_HEIGHTS_WIDTH = 2.5
_HEIGHTS_FREQUENCIES = (0.031, 0.013, 0.023, 0.064, 0.065, 0.126, 0.132, 0.127, 0.113,
                        0.091, 0.105, 0.050, 0.018, 0.018, 0.018, 0.001, 0.0)


@dataclass(frozen=True, eq=False)  # eq=False: == on arrays is elementwise, not a bool
class Heights:
    """A histogram of people's heights: bin edges, centres, frequencies and density."""

    left_edges: np.ndarray   # cm
    width: float             # cm
    centres: np.ndarray      # cm
    frequencies: np.ndarray  # relative frequencies as printed in the source
    density: np.ndarray      # per cm; sum(density) * width == 1
    source: str


def heights_histogram() -> Heights:
    """Return the heights histogram (17 bins of 2.5 cm from 160 cm).

    ``frequencies`` are the relative frequencies as the source prints them; they
    add up to 0.995, not 1. ``density`` renormalises them,
    ``frequencies / (frequencies.sum() * width)`` (per cm), so that the bar areas
    ``density * width`` add up to exactly 1, like the area under a normal curve.

    Every call builds new arrays, so changing them cannot change later calls.

    Examples
    --------
    >>> h = heights_histogram()
    >>> h.centres[:3]
    array([161.25, 163.75, 166.25])
    >>> float(round(h.frequencies.sum(), 12))
    0.995
    >>> float(round(h.density.sum() * h.width, 12))
    1.0
    """
    frequencies = np.array(_HEIGHTS_FREQUENCIES)
    left_edges = 160.0 + _HEIGHTS_WIDTH * np.arange(frequencies.size)
    return Heights(
        left_edges=left_edges,
        width=_HEIGHTS_WIDTH,
        centres=left_edges + _HEIGHTS_WIDTH / 2,
        frequencies=frequencies,
        density=frequencies / (frequencies.sum() * _HEIGHTS_WIDTH),
        source=_HEIGHTS_SOURCE,
    )


def heights() -> tuple[np.ndarray, np.ndarray]:
    """Return the heights histogram as ``(bin_centres, density)``: the data a normal curve is fitted to.

    The same arrays as ``heights_histogram().centres`` and ``.density`` (cm and per cm),
    new on every call.

    Examples
    --------
    >>> centres, density = heights()
    >>> centres.shape, density.shape
    ((17,), (17,))
    >>> float(round(density.sum() * 2.5, 12))
    1.0
    """
    histogram = heights_histogram()
    return histogram.centres, histogram.density


# --- Supplier prices (synthetic) ---------------------------------------------


def supplier_prices(months: int = 60, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    r"""Monthly prices of one item from two suppliers A and B: a *synthetic*, seeded series.

    It stands in for the price table of DeepLearning.AI's "cost minimisation"
    assignment (Calculus for ML, week 1), which is not redistributed here. Both
    prices follow one market trend :math:`m_t` (a random walk with N(0, 1.5²)
    monthly steps), B only half as strongly; they have opposite yearly cycles;
    and each has its own noise:

    .. math::
        a_t &= 100 + m_t + 6 \sin(2\pi t/12) + \varepsilon_t, \quad \varepsilon_t \sim N(0, 3^2),\\
        b_t &= 110 + 0.5\, m_t - 3 \sin(2\pi t/12) + \delta_t, \quad \delta_t \sim N(0, 4^2).

    Parameters
    ----------
    months : int, default 60
        Length of the series, >= 2.
    seed : int, default 0
        Seed of ``np.random.default_rng``: the same seed gives the same prices.

    Returns
    -------
    prices_A, prices_B : ndarray, shape (months,)
        Prices in dollars per item.

    Examples
    --------
    >>> prices_A, prices_B = supplier_prices()
    >>> prices_A.shape, bool(prices_A.mean() < prices_B.mean())
    ((60,), True)
    """
    months = as_number("months", months, low=2, integer=True)
    seed = as_number("seed", seed, low=0, integer=True)
    rng = np.random.default_rng(seed)
    t = np.arange(months)
    market = np.cumsum(rng.normal(0.0, 1.5, months))
    season = np.sin(2 * np.pi * t / 12)
    prices_A = 100 + market + 6 * season + rng.normal(0.0, 3.0, months)
    prices_B = 110 + 0.5 * market - 3 * season + rng.normal(0.0, 4.0, months)
    return prices_A, prices_B



# --- Short messages, ham and spam (written for this book, for Chapter 18) -----

_MESSAGES_SOURCE = (
    "Written for this book (Mathematics for Machine Learning, an executable textbook) as a toy "
    "spam-filter corpus; not taken from any real inbox or published corpus. Released with the book's "
    "code under the MIT licence (and dedicated to the public domain where that is possible)."
)

# (label, text): 1 = spam, 0 = ham. Short, invented, no real people, numbers or addresses.
_MESSAGES = (
    (0, "are we still meeting for lunch tomorrow"),
    (0, "can you send me the notes from the lecture"),
    (0, "running ten minutes late see you soon"),
    (0, "happy birthday hope you have a lovely day"),
    (0, "the meeting moved to three in room four"),
    (0, "did you finish the homework for monday"),
    (0, "thanks for dinner last night it was great"),
    (0, "call me when you get home please"),
    (0, "mum says dinner is at seven tonight"),
    (0, "i left my keys at your place can i come by"),
    (0, "the train is delayed again sorry"),
    (0, "shall we go for a walk this afternoon"),
    (0, "your parcel was left with the neighbour"),
    (0, "see you at the library after class"),
    (0, "great game today we should play again next week"),
    (0, "can you pick up some bread and milk on the way"),
    (0, "the project report is due on friday"),
    (0, "i will call you back after the meeting"),
    (0, "lovely photos from the weekend thanks for sharing"),
    (0, "do you want to watch a film tonight"),
    (0, "remember to bring your laptop to class tomorrow"),
    (0, "the doctor moved my appointment to next week"),
    (0, "free for a coffee later today"),
    (0, "we won the match see you at practice"),
    (0, "please reply when you get this message"),
    (1, "win a free prize now click the link"),
    (1, "urgent your account has been suspended click here to verify"),
    (1, "congratulations you have won cash claim your prize today"),
    (1, "free entry to win a new phone text win now"),
    (1, "cheap loans approved instantly no credit check"),
    (1, "you are a winner claim your free gift card now"),
    (1, "limited offer buy now and save ninety percent"),
    (1, "click here to claim your cash reward"),
    (1, "your prize is waiting reply yes to claim"),
    (1, "exclusive deal free trial cancel anytime click now"),
    (1, "earn cash from home no experience needed"),
    (1, "final notice your payment failed verify your account now"),
    (1, "win big tonight free spins for new players"),
    (1, "act now limited time offer free shipping"),
    (1, "you have been selected for a cash prize call now"),
    (1, "lowest price guaranteed order today and win a free gift"),
    (1, "claim your reward before midnight click the link"),
    (1, "urgent prize notification reply now to claim your cash"),
    (1, "get rich quick free guide click here"),
    (1, "your free phone is ready claim now"),
    (1, "hot deal today only buy one get one free"),
    (1, "congratulations winner text claim to receive your prize"),
    (1, "verify your account now or lose access today"),
)


def messages() -> tuple[list[str], np.ndarray]:
    """Return 48 short text messages written for this book and their labels (1 = spam, 0 = ham).

    The corpus is a toy for Chapter 18's word-count spam filter: 25 ham and 23
    spam messages, lower case, without punctuation, so ``text.split()`` gives the
    words. Invented for the book, not collected from anyone (see ``_MESSAGES_SOURCE``).

    Returns
    -------
    texts : list of str, length 48
    labels : ndarray of int, shape (48,)
        1 for spam, 0 for ham, in the order of ``texts``.

    Examples
    --------
    >>> texts, labels = messages()
    >>> len(texts), int(labels.sum())
    (48, 23)
    """
    texts = [text for _, text in _MESSAGES]
    labels = np.array([label for label, _ in _MESSAGES], dtype=int)
    return texts, labels

# --- Heart curve and XOR blobs (synthetic, for Chapter 9) ----------------------


def heart_curve(points: int = 100) -> tuple[np.ndarray, np.ndarray]:
    r"""Points of a heart curve, the target of Imperial's "Backpropagation" assignment.

    The parameter :math:`t \in [0, 1]` runs over ``points`` equally spaced values
    (both ends included, so the first and last points coincide). With
    :math:`s = 2\pi t`, the classic heart curve

    .. math::
        x(s) = 16 \sin^3 s, \qquad y(s) = 13 \cos s - 5 \cos 2s - 2 \cos 3s - \cos 4s

    is shrunk by the same factor 40 in both directions and shifted into the unit square,
    :math:`u = 1/2 + x/40` and :math:`v = 1/2 + (y + 5/2)/40`, so that a sigmoid output
    (which lies in (0, 1)) can reach every point and the heart keeps its shape: on the
    whole curve :math:`u \in [0.1, 0.9]` and :math:`v \in [0.1375, 0.861]` (the lowest
    point, the tip, is :math:`y = -17` at :math:`s = \pi`).

    Parameters
    ----------
    points : int, default 100
        Number of points, >= 2.

    Returns
    -------
    t : ndarray, shape (points, 1)
        The inputs, one per row.
    uv : ndarray, shape (points, 2)
        The targets :math:`(u, v)`, one point per row.

    Examples
    --------
    >>> t, uv = heart_curve()
    >>> t.shape, uv.shape, bool(np.allclose(uv[0], uv[-1]))
    ((100, 1), (100, 2), True)
    """
    points = as_number("points", points, low=2, integer=True)
    t = np.linspace(0.0, 1.0, points)
    s = 2 * np.pi * t
    x = 16 * np.sin(s) ** 3
    y = 13 * np.cos(s) - 5 * np.cos(2 * s) - 2 * np.cos(3 * s) - np.cos(4 * s)
    return t[:, None], np.column_stack([0.5 + x / 40, 0.5 + (y + 2.5) / 40])


def xor_blobs(per_blob: int = 50, spread: float = 0.45, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    r"""Four Gaussian blobs in the plane labelled like XOR: a seeded, synthetic classification set.

    The blobs are centred at :math:`(\pm 1, \pm 1)`, each with ``per_blob``
    points drawn from a round normal distribution of standard deviation
    ``spread``. A point's label is 1 when its blob's centre has coordinates of
    opposite signs, :math:`(1, -1)` or :math:`(-1, 1)`, and 0 otherwise: no
    straight line separates the classes, so a classifier needs a hidden layer.

    Parameters
    ----------
    per_blob : int, default 50
        Points per blob, >= 1.
    spread : float, default 0.45
        Standard deviation of each blob, > 0.
    seed : int, default 0
        Seed of ``np.random.default_rng``.

    Returns
    -------
    X : ndarray, shape (4 * per_blob, 2)
        The points, one per row, blob by blob.
    y : ndarray, shape (4 * per_blob, 1)
        Labels 0.0 or 1.0, one per row.

    Examples
    --------
    >>> X, y = xor_blobs()
    >>> X.shape, y.shape, float(y.mean())
    ((200, 2), (200, 1), 0.5)
    """
    per_blob = as_number("per_blob", per_blob, low=1, integer=True)
    spread = as_number("spread", spread, low=0.0, low_open=True)
    seed = as_number("seed", seed, low=0, integer=True)
    rng = np.random.default_rng(seed)
    centres = np.array([[1.0, 1.0], [-1.0, -1.0], [1.0, -1.0], [-1.0, 1.0]])
    X = np.concatenate([c + spread * rng.standard_normal((per_blob, 2)) for c in centres])
    y = np.repeat([0.0, 0.0, 1.0, 1.0], per_blob)[:, None]
    return X, y


# --- MNIST -------------------------------------------------------------------

# yann.lecun.com, the original home, is often down or rate-limited; these two
# mirrors serve byte-identical files, which the MD5 check below confirms.
_MIRRORS = (
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
)
_TIMEOUT = 30  # seconds per request: fail over to the next mirror rather than hang
_IMAGES, _LABELS = 2051, 2049  # IDX magic numbers: unsigned bytes, 3 and 1 dimensions
_FILES = {  # split -> ((file name, md5, magic) for images, same for labels)
    "test": (("t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3", _IMAGES),
             ("t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c", _LABELS)),
    "train": (("train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873", _IMAGES),
              ("train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432", _LABELS)),
}


def data_dir() -> Path:
    """Return the directory where data files are looked for and downloaded to.

    This is ``$MMLBOOK_DATA`` if that variable is set (point it at a folder
    holding the files on a machine without network), else a per-user cache
    directory such as ``~/.cache/mmlbook`` on Linux.

    Examples
    --------
    >>> isinstance(data_dir(), Path)
    True
    """
    configured = os.environ.get("MMLBOOK_DATA")
    if configured:  # an empty value counts as unset
        return Path(configured).expanduser()
    return Path(platformdirs.user_cache_dir("mmlbook"))


def load_mnist(split: str = "test", *, download: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Return the MNIST ``split`` as ``(images, labels)``.

    ``images`` is a uint8 array of shape (N, 28, 28) with values 0 (background)
    to 255 (ink); ``labels`` is a uint8 array of shape (N,) with digits 0-9.
    N is 10,000 for ``"test"`` and 60,000 for ``"train"``.

    The gzipped IDX files are read from :func:`data_dir` itself (not a
    subfolder). A missing file is downloaded there from the official mirrors
    if ``download`` is true; every file is checked against its MD5.

    Raises
    ------
    FileNotFoundError
        A file is missing and could not be downloaded; the message says which
        file, where to put it and where to get it.
    ValueError
        ``split`` is unknown, or a file is corrupt (wrong MD5 or IDX header).

    Examples
    --------
    >>> images, labels = load_mnist("test")  # doctest: +SKIP
    >>> images.shape, labels[0]  # doctest: +SKIP
    ((10000, 28, 28), np.uint8(7))
    """
    if not isinstance(split, str) or split not in _FILES:
        raise ValueError(f"split must be one of {sorted(_FILES)}, got {split!r}")
    if not isinstance(download, bool):
        raise TypeError(f"download must be True or False, got {type(download).__name__}")
    # The MD5 checks guarantee that images and labels are the matching official pair.
    images, labels = (_read_idx(str(_locate(data_dir(), name, md5, download)), md5, magic)
                      for name, md5, magic in _FILES[split])
    # Copies, because the cached arrays are shared between calls.
    return images.copy(), labels.copy()


def _locate(directory: Path, name: str, md5: str, download: bool) -> Path:
    """Return the path of ``name`` in ``directory``, downloading it if allowed."""
    path = directory / name
    if path.is_file():
        return path
    failures = []
    for url in [mirror + name for mirror in _MIRRORS] if download else []:
        try:
            _download(url, path, md5)
            return path
        except OSError as error:  # network errors (URLError, timeouts) and disk errors
            failures.append(f"{url}: {error}")
    why = "download=False" if not download else "download failed: " + "; ".join(failures)
    raise FileNotFoundError(
        f"MNIST file {name} is missing from {directory} ({why}). Download it from one of "
        f"{', '.join(_MIRRORS)} and put it in {directory}, or set the MMLBOOK_DATA "
        "environment variable to a folder that holds it."
    )


def _download(url: str, path: Path, md5: str) -> None:
    """Download ``url`` to ``path``, raising ValueError (and keeping nothing) on a bad MD5."""
    with urllib.request.urlopen(url, timeout=_TIMEOUT) as response:
        data = response.read()  # at most ~10 MB, so memory is fine
    if (actual := _md5(data)) != md5:
        raise ValueError(f"{path.name} downloaded from {url} has md5 {actual}, expected {md5}; "
                         "nothing was saved, try again later")
    path.parent.mkdir(parents=True, exist_ok=True)
    # Write under a temporary name and rename at the end, so an interrupted
    # write never leaves a half-written file under the real name.
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=path.name, suffix=".part",
                                     delete=False) as part:
        part.write(data)
    os.replace(part.name, path)


def _md5(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


@functools.lru_cache(maxsize=8)
def _read_idx(path: str, md5: str | None, magic: int) -> np.ndarray:
    """Parse a gzipped IDX file of unsigned bytes, checking its MD5 and magic number.

    Cached because unzipping and hashing the training images takes a moment and
    chapters load the same split again and again. ``md5=None`` skips the checksum.
    """
    raw, name = Path(path).read_bytes(), Path(path).name
    if md5 is not None and (actual := _md5(raw)) != md5:
        raise ValueError(f"{name} in {Path(path).parent} has md5 {actual}, expected {md5}; "
                         "the file is corrupt or not the official one: delete it and load again")
    try:
        data = gzip.decompress(raw)
    except (OSError, EOFError) as error:
        raise ValueError(f"{name} is not a valid gzip file: {error}") from error
    ndim = magic & 0xFF  # the last header byte counts dimensions; 0x08 before it means uint8
    header = 4 + 4 * ndim
    found = int.from_bytes(data[:4], "big")
    if found != magic or len(data) < header:
        raise ValueError(f"{name} is not an IDX file with magic number {magic}, found {found}")
    shape = tuple(int(n) for n in np.frombuffer(data, dtype=">u4", count=ndim, offset=4))
    if len(data) - header != int(np.prod(shape)):
        raise ValueError(f"{name} holds {len(data) - header} bytes of data, its header "
                         f"promises {int(np.prod(shape))} for shape {shape}")
    return np.frombuffer(data, dtype=np.uint8, offset=header).reshape(shape)
