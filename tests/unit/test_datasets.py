"""Tests for mmlbook.datasets.

The real-file tests read the official MNIST test split from $MMLBOOK_DATA (CI
sets it) and are skipped when it is unset. Nothing here touches the network:
downloads are exercised against file:// mirrors or a closed local port.
"""

from __future__ import annotations

import dataclasses
import doctest
import gzip
import os
import shutil
from pathlib import Path

import numpy as np
import platformdirs
import pytest
from hypothesis import given, settings
from hypothesis.extra import numpy as hnp

from mmlbook import datasets

TEST_FILES = ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")
REAL_DIR = os.environ.get("MMLBOOK_DATA")
needs_real_files = pytest.mark.skipif(
    not REAL_DIR, reason="MMLBOOK_DATA is unset: set it to a folder holding the MNIST test files"
)


@pytest.fixture(autouse=True)
def fresh_cache():
    # Each test must see the files it set up, not arrays cached by an earlier test.
    datasets._read_idx.cache_clear()
    yield
    datasets._read_idx.cache_clear()


@pytest.fixture
def empty_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("MMLBOOK_DATA", str(tmp_path))
    return tmp_path


def write_idx(path: Path, array: np.ndarray, magic: int | None = None) -> Path:
    """Write ``array`` (uint8) as a gzipped IDX file, optionally with a wrong magic."""
    magic = 0x0800 + array.ndim if magic is None else magic
    header = np.array([magic, *array.shape], dtype=">u4").tobytes()
    path.write_bytes(gzip.compress(header + array.astype(np.uint8).tobytes()))
    return path


# --- heights -------------------------------------------------------------------

def test_heights_bins():
    h = datasets.heights_histogram()
    assert h.width == 2.5
    assert h.left_edges.shape == h.centres.shape == h.frequencies.shape == h.density.shape == (17,)
    np.testing.assert_allclose(h.left_edges, np.arange(160, 200.1, 2.5))
    np.testing.assert_allclose(h.centres, h.left_edges + 1.25)


def test_heights_known_values():
    h = datasets.heights_histogram()
    expected = [0.031, 0.013, 0.023, 0.064, 0.065, 0.126, 0.132, 0.127, 0.113,
                0.091, 0.105, 0.050, 0.018, 0.018, 0.018, 0.001, 0.0]
    np.testing.assert_array_equal(h.frequencies, expected)
    assert "Imperial College London" in h.source and "Multivariate Calculus" in h.source


def test_heights_density_integrates_to_one():
    h = datasets.heights_histogram()
    assert np.sum(h.density) * h.width == pytest.approx(1.0)
    assert np.all(h.density >= 0)
    # Same shape as the frequencies, only rescaled (they sum to 0.995, not 1).
    np.testing.assert_allclose(h.density, h.frequencies / (0.995 * 2.5))


def test_heights_cannot_be_corrupted_by_caller():
    h = datasets.heights_histogram()
    for array in (h.left_edges, h.centres, h.frequencies, h.density):
        array[:] = -1.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        h.width = 3.0
    again = datasets.heights_histogram()
    assert again.frequencies[5] == 0.126 and again.left_edges[0] == 160.0
    assert np.sum(again.density) * again.width == pytest.approx(1.0)


# --- data_dir ------------------------------------------------------------------

def test_data_dir_uses_environment_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("MMLBOOK_DATA", str(tmp_path))
    assert datasets.data_dir() == tmp_path


@pytest.mark.parametrize("value", [None, ""])
def test_data_dir_defaults_to_user_cache(monkeypatch, value):
    if value is None:
        monkeypatch.delenv("MMLBOOK_DATA", raising=False)
    else:
        monkeypatch.setenv("MMLBOOK_DATA", value)
    assert datasets.data_dir() == Path(platformdirs.user_cache_dir("mmlbook"))


# --- load_mnist: bad input and missing or corrupt files ---------------------------

@pytest.mark.parametrize("split", ["validation", "Test", "", 3, None, ["test"]])
def test_load_mnist_rejects_unknown_split(split):
    with pytest.raises(ValueError, match=r"split must be one of \['test', 'train'\]"):
        datasets.load_mnist(split)


@pytest.mark.parametrize("download", ["yes", 1, None])
def test_load_mnist_rejects_non_bool_download(download):
    with pytest.raises(TypeError, match="download must be True or False"):
        datasets.load_mnist("test", download=download)


@pytest.mark.parametrize("split, name", [("test", "t10k-images-idx3-ubyte.gz"),
                                         ("train", "train-images-idx3-ubyte.gz")])
def test_missing_file_without_download_says_what_and_where(empty_data_dir, split, name):
    with pytest.raises(FileNotFoundError) as info:
        datasets.load_mnist(split, download=False)
    message = str(info.value)
    assert name in message
    assert str(empty_data_dir) in message
    assert "MMLBOOK_DATA" in message
    assert all(mirror in message for mirror in datasets._MIRRORS)


def test_unreachable_mirrors_give_file_not_found(empty_data_dir, monkeypatch):
    # Port 9 (discard) on localhost is closed, so the request fails at once, offline.
    monkeypatch.setattr(datasets, "_MIRRORS", ("http://127.0.0.1:9/",))
    with pytest.raises(FileNotFoundError) as info:
        datasets.load_mnist("test")
    message = str(info.value)
    assert "http://127.0.0.1:9/t10k-images-idx3-ubyte.gz" in message
    assert str(empty_data_dir) in message
    assert list(empty_data_dir.iterdir()) == []  # no stray partial files


def test_corrupt_existing_file_names_md5_and_is_kept(empty_data_dir):
    bad = empty_data_dir / "t10k-images-idx3-ubyte.gz"
    bad.write_bytes(b"not mnist")
    with pytest.raises(ValueError) as info:
        datasets.load_mnist("test", download=False)
    message = str(info.value)
    assert "md5" in message and bad.name in message
    assert "9fb629c4189551a2d022fa330f9573f3" in message  # expected
    assert datasets._md5(b"not mnist") in message         # actual
    assert bad.exists()  # a user's own file is reported, never deleted


def test_corrupt_download_is_rejected_and_not_saved(tmp_path, monkeypatch):
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    (mirror / "t10k-images-idx3-ubyte.gz").write_bytes(b"tampered")
    data = tmp_path / "data"
    monkeypatch.setenv("MMLBOOK_DATA", str(data))
    monkeypatch.setattr(datasets, "_MIRRORS", (mirror.as_uri() + "/",))
    with pytest.raises(ValueError, match="md5"):
        datasets.load_mnist("test")
    assert not data.exists() or list(data.iterdir()) == []


# --- the private IDX parser ---------------------------------------------------------

@settings(max_examples=30, deadline=None)
@given(hnp.arrays(np.uint8, hnp.array_shapes(min_dims=1, max_dims=3, max_side=6)))
def test_idx_round_trip(tmp_path_factory, array):
    path = write_idx(tmp_path_factory.mktemp("idx") / "x.gz", array)
    parsed = datasets._read_idx(str(path), None, 0x0800 + array.ndim)
    assert parsed.dtype == np.uint8
    np.testing.assert_array_equal(parsed, array)


def test_idx_reads_small_image_and_label_files(tmp_path):
    images = np.arange(2 * 3 * 4, dtype=np.uint8).reshape(2, 3, 4)
    labels = np.array([7, 2], dtype=np.uint8)
    np.testing.assert_array_equal(
        datasets._read_idx(str(write_idx(tmp_path / "i.gz", images)), None, 2051), images)
    np.testing.assert_array_equal(
        datasets._read_idx(str(write_idx(tmp_path / "l.gz", labels)), None, 2049), labels)


def test_idx_wrong_magic_names_file(tmp_path):
    path = write_idx(tmp_path / "labels.gz", np.zeros(5, np.uint8))  # magic 2049
    with pytest.raises(ValueError, match=r"labels\.gz.*magic number 2051.*found 2049"):
        datasets._read_idx(str(path), None, 2051)


def test_idx_truncated_or_not_gzip(tmp_path):
    short = tmp_path / "short.gz"
    short.write_bytes(gzip.compress(np.array([2049, 10], ">u4").tobytes() + b"\x01\x02"))
    with pytest.raises(ValueError, match="short.gz holds 2 bytes"):
        datasets._read_idx(str(short), None, 2049)
    plain = tmp_path / "plain.gz"
    plain.write_bytes(b"\x00\x00\x08\x01")
    with pytest.raises(ValueError, match="plain.gz is not a valid gzip file"):
        datasets._read_idx(str(plain), None, 2049)


# --- the real MNIST test split --------------------------------------------------------

@pytest.fixture(scope="module")
def mnist_test():
    return datasets.load_mnist("test", download=False)


@needs_real_files
def test_real_shapes_and_dtypes(mnist_test):
    images, labels = mnist_test
    assert images.shape == (10000, 28, 28) and images.dtype == np.uint8
    assert labels.shape == (10000,) and labels.dtype == np.uint8


@needs_real_files
def test_real_labels(mnist_test):
    _, labels = mnist_test
    assert labels[0] == 7
    assert labels.min() == 0 and labels.max() == 9
    counts = np.bincount(labels, minlength=10)
    assert counts.sum() == 10000
    np.testing.assert_array_equal(
        counts, [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009])


@needs_real_files
def test_real_pixel_statistics(mnist_test):
    images, _ = mnist_test
    assert int(images.sum(dtype=np.int64)) == 264_923_200
    assert images.mean() == pytest.approx(33.7912, abs=1e-4)
    assert images.min() == 0 and images.max() == 255


@needs_real_files
def test_real_results_are_cached_but_callers_get_copies():
    images, labels = datasets.load_mnist("test", download=False)
    images[0] = 255
    labels[0] = 3
    before = datasets._read_idx.cache_info().hits
    again_images, again_labels = datasets.load_mnist("test", download=False)
    assert datasets._read_idx.cache_info().hits == before + 2
    assert again_labels[0] == 7 and again_images[0].sum() == 18454


@needs_real_files
def test_download_from_local_mirror(tmp_path, monkeypatch):
    # A file:// mirror serving the real files exercises the download path offline.
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    for name in TEST_FILES:
        shutil.copyfile(Path(REAL_DIR) / name, mirror / name)
    target = tmp_path / "cache" / "nested"
    monkeypatch.setenv("MMLBOOK_DATA", str(target))
    monkeypatch.setattr(datasets, "_MIRRORS", ("http://127.0.0.1:9/", mirror.as_uri() + "/"))
    images, labels = datasets.load_mnist("test")
    assert images.shape == (10000, 28, 28) and labels[0] == 7
    assert sorted(p.name for p in target.iterdir()) == sorted(TEST_FILES)


def test_docstring_examples():
    failures, _ = doctest.testmod(datasets)
    assert failures == 0


def test_heights_tuple_is_a_view_of_the_histogram():
    centres, density = datasets.heights()
    h = datasets.heights_histogram()
    np.testing.assert_array_equal(centres, h.centres)
    np.testing.assert_array_equal(density, h.density)
    density[0] = 99.0  # new arrays on every call
    assert datasets.heights()[1][0] == h.density[0]


# --- messages (Chapter 18's spam corpus) ---


def test_messages_are_labelled_and_documented():
    texts, labels = datasets.messages()
    assert len(texts) == len(labels) == 48 and set(labels.tolist()) == {0, 1}
    assert int(labels.sum()) == 23 and len(set(texts)) == 48
    assert all(t == t.lower() and t.replace(" ", "").isalpha() for t in texts)
    assert "written for this book" in datasets._MESSAGES_SOURCE.lower()
    assert "messages" in datasets.__all__
    texts2, labels2 = datasets.messages()
    texts2.append("x")
    assert len(datasets.messages()[0]) == 48     # a fresh list each call
