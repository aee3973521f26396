"""`tutor data mnist --from DIR`: verify the four standard IDX files, install them atomically.

The real files are 55 MB, so these tests build a tiny MNIST-shaped set in tmp_path and
shrink the expected counts, per-digit label counts and published MD5s to match it.
"""

import gzip
import hashlib
import json
import struct

import numpy as np
import pytest

from lessons import mnist
from tutor import locations
from tutor.cli import main

TRAIN, TEST = 30, 20  # 3 and 2 of each digit


def idx_bytes(array, magic=None):
    header = magic if magic is not None else struct.pack(">BBBB", 0, 0, 0x08, array.ndim)
    return header + struct.pack(f">{array.ndim}I", *array.shape) + array.astype(np.uint8).tobytes()


def gzipped(data, mtime=0):
    return gzip.compress(data, mtime=mtime)


def tiny_arrays(seed=0):
    rng = np.random.default_rng(seed)
    return {
        "train-images-idx3-ubyte": rng.integers(0, 256, (TRAIN, 28, 28), dtype=np.uint8),
        "train-labels-idx1-ubyte": np.repeat(np.arange(10, dtype=np.uint8), TRAIN // 10),
        "t10k-images-idx3-ubyte": rng.integers(0, 256, (TEST, 28, 28), dtype=np.uint8),
        "t10k-labels-idx1-ubyte": np.repeat(np.arange(10, dtype=np.uint8), TEST // 10),
    }


@pytest.fixture
def tiny(monkeypatch):
    """The standard file table shrunk to the tiny set; returns its arrays."""
    arrays = tiny_arrays()
    monkeypatch.setattr(
        mnist,
        "FULL_FILES",
        {
            "train-images-idx3-ubyte": (TRAIN, (28, 28)),
            "train-labels-idx1-ubyte": (TRAIN, ()),
            "t10k-images-idx3-ubyte": (TEST, (28, 28)),
            "t10k-labels-idx1-ubyte": (TEST, ()),
        },
    )
    monkeypatch.setattr(
        mnist,
        "LABEL_COUNTS",
        {"train-labels-idx1-ubyte": (TRAIN // 10,) * 10, "t10k-labels-idx1-ubyte": (TEST // 10,) * 10},
    )
    monkeypatch.setattr(
        mnist,
        "PUBLISHED_MD5",
        {name + ".gz": hashlib.md5(gzipped(idx_bytes(a))).hexdigest() for name, a in arrays.items()},
    )
    return arrays


def write_set(folder, arrays, gz=True, raw=None):
    """The four files in `folder`; `raw` maps a name to bytes that replace its content."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, array in arrays.items():
        data = (raw or {}).get(name, idx_bytes(array))
        if gz:
            (folder / (name + ".gz")).write_bytes(gzipped(data))
        else:
            (folder / name).write_bytes(data)
    return folder


def nothing_installed():
    parent = locations.mnist_dir().parent
    leftovers = list(parent.glob(".mnist-*")) if parent.exists() else []
    return not locations.mnist_dir().exists() and not leftovers


def refused(capsys, folder, *words, extra=()):
    code = main(["data", "mnist", "--from", str(folder), *extra])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "nothing installed" in err
    for word in words:
        assert word in err, err
    return err


# ---------------------------------------------------------------------------- success


@pytest.mark.parametrize("gz", [True, False], ids=["gz", "raw"])
def test_install_then_load_uses_the_installed_set(tiny, tmp_path, capsys, gz):
    folder = write_set(tmp_path / "download", tiny, gz=gz)
    assert main(["data", "mnist", "--from", str(folder)]) == 0
    out = capsys.readouterr().out
    assert f"Installed the full MNIST ({TRAIN} training and {TEST} test digits)" in out
    assert str(locations.mnist_dir()) in out
    assert ("matches the published file" in out) == gz
    assert mnist.full_installed()
    assert sorted(p.name for p in locations.mnist_dir().iterdir()) == sorted([*tiny, mnist.MANIFEST])
    assert not list(locations.mnist_dir().parent.glob(".mnist-*"))

    data = mnist.load()
    assert np.array_equal(data.train_images, tiny["train-images-idx3-ubyte"])
    assert np.array_equal(data.train_labels, tiny["train-labels-idx1-ubyte"])
    assert np.array_equal(data.test_images, tiny["t10k-images-idx3-ubyte"])
    assert np.array_equal(data.test_labels, tiny["t10k-labels-idx1-ubyte"])
    assert data.train_labels.dtype == np.int64
    assert data.source.startswith(f"full MNIST: {TRAIN} training and {TEST} test digits")
    assert not mnist.load(full=False).source.startswith("full")


def test_status_before_and_after(tiny, tmp_path, capsys):
    assert main(["data"]) == 0
    before = capsys.readouterr().out
    assert "bundled MNIST sample" in before and "tutor data mnist --from" in before
    main(["data", "mnist", "--from", str(write_set(tmp_path / "d", tiny))])
    capsys.readouterr()
    assert main(["data", "mnist", "--status"]) == 0
    after = capsys.readouterr().out
    assert f"full MNIST: {TRAIN} training and {TEST} test digits" in after
    assert "every file's MD5 matched the published one" in after


def test_the_common_dotted_names_are_accepted(tiny, tmp_path, capsys):
    folder = tmp_path / "kaggle"
    folder.mkdir()
    for name, array in tiny.items():
        (folder / name.replace("-idx", ".idx")).write_bytes(idx_bytes(array))
    assert main(["data", "mnist", "--from", str(folder)]) == 0
    assert np.array_equal(mnist.load().test_labels, tiny["t10k-labels-idx1-ubyte"])


def test_a_second_install_replaces_the_first(tiny, tmp_path, capsys, monkeypatch):
    assert main(["data", "mnist", "--from", str(write_set(tmp_path / "a", tiny))]) == 0
    other = tiny_arrays(seed=1)
    assert main(["data", "mnist", "--from", str(write_set(tmp_path / "b", other, gz=False))]) == 0
    assert np.array_equal(mnist.load().train_images, other["train-images-idx3-ubyte"])
    assert not list(locations.mnist_dir().parent.glob(".mnist-*"))


# ---------------------------------------------------------------------------- refusals


def test_truncated_file(tiny, tmp_path, capsys):
    cut = idx_bytes(tiny["train-images-idx3-ubyte"])[:-100]
    folder = write_set(tmp_path / "d", tiny, raw={"train-images-idx3-ubyte": cut})
    refused(capsys, folder, "train-images-idx3-ubyte.gz", "incomplete or damaged")
    assert nothing_installed()


def test_truncated_gzip_stream(tiny, tmp_path, capsys):
    folder = write_set(tmp_path / "d", tiny)
    path = folder / "t10k-images-idx3-ubyte.gz"
    path.write_bytes(path.read_bytes()[:-50])
    refused(capsys, folder, "t10k-images-idx3-ubyte.gz", "cannot be read")
    assert nothing_installed()


def _peak_bytes_reading(path):
    import tracemalloc

    tracemalloc.start()
    try:
        with pytest.raises(mnist.IdxError) as refusal:
            mnist.read_idx(path)
        return tracemalloc.get_traced_memory()[1], str(refusal.value)
    finally:
        tracemalloc.stop()


def test_a_gzip_bomb_is_refused_without_being_expanded(tiny, tmp_path, capsys):
    """A small .gz whose header promises 30 labels but which expands to 64 MB: only what the
    header promises (and one byte more) is ever read."""
    labels = tiny["train-labels-idx1-ubyte"]
    folder = write_set(tmp_path / "d", tiny)
    bomb = folder / "train-labels-idx1-ubyte.gz"
    with gzip.open(bomb, "wb") as f:
        f.write(idx_bytes(labels))
        for _ in range(64):
            f.write(bytes(1 << 20))
    assert bomb.stat().st_size < 200_000
    peak, why = _peak_bytes_reading(bomb)
    assert peak < 8 << 20 and "more than 30 bytes" in why
    refused(capsys, folder, "train-labels-idx1-ubyte.gz", "incomplete or damaged")
    assert nothing_installed()


def test_a_header_promising_more_than_any_mnist_is_refused_before_reading(tmp_path):
    path = tmp_path / "train-images-idx3-ubyte.gz"
    path.write_bytes(gzipped(struct.pack(">BBBBIII", 0, 0, 0x08, 3, 2**31, 28, 28) + bytes(1000)))
    peak, why = _peak_bytes_reading(path)
    assert peak < 1 << 20 and "more than any MNIST file holds" in why


def test_bad_magic_number(tiny, tmp_path, capsys):
    labels = tiny["train-labels-idx1-ubyte"]
    bad = idx_bytes(labels, magic=struct.pack(">BBBB", 0, 0, 0x0D, 1))  # 0x0D: floats
    folder = write_set(tmp_path / "d", tiny, gz=False, raw={"train-labels-idx1-ubyte": bad})
    refused(capsys, folder, "train-labels-idx1-ubyte", "bad magic number")
    assert nothing_installed()


def test_wrong_counts(tiny, tmp_path, capsys):
    arrays = dict(tiny, **{"t10k-images-idx3-ubyte": tiny["t10k-images-idx3-ubyte"][:-1]})
    folder = write_set(tmp_path / "d", arrays)
    err = refused(
        capsys,
        folder,
        f"t10k-images-idx3-ubyte.gz: holds {TEST - 1} images, expected {TEST}",
        f"holds {TEST - 1} images but t10k-labels-idx1-ubyte.gz holds {TEST} labels",
    )
    assert "train-" not in err  # the good files are not blamed
    assert nothing_installed()


def test_wrong_image_shape(tiny, tmp_path, capsys):
    arrays = dict(tiny, **{"train-images-idx3-ubyte": np.zeros((TRAIN, 32, 32), np.uint8)})
    refused(
        capsys,
        write_set(tmp_path / "d", arrays),
        "train-images-idx3-ubyte.gz",
        "holds 32×32 items",
        "expected 28×28 images",
    )
    assert nothing_installed()


def test_label_out_of_range(tiny, tmp_path, capsys):
    labels = tiny["t10k-labels-idx1-ubyte"].copy()
    labels[3] = 10
    arrays = dict(tiny, **{"t10k-labels-idx1-ubyte": labels})
    refused(
        capsys, write_set(tmp_path / "d", arrays), "t10k-labels-idx1-ubyte.gz", "1 labels are outside 0-9"
    )
    assert nothing_installed()


def test_label_counts_unlike_the_standard_files(tiny, tmp_path, capsys):
    labels = tiny["train-labels-idx1-ubyte"].copy()
    labels[0] = 1  # one 0 relabelled 1: valid labels, wrong mix
    arrays = dict(tiny, **{"train-labels-idx1-ubyte": labels})
    refused(
        capsys,
        write_set(tmp_path / "d", arrays),
        "train-labels-idx1-ubyte.gz",
        "per-digit label counts",
        "digit 0: 2 (standard 3)",
        "digit 1: 4 (standard 3)",
    )
    assert nothing_installed()


def test_missing_file(tiny, tmp_path, capsys):
    folder = write_set(tmp_path / "d", tiny)
    (folder / "t10k-labels-idx1-ubyte.gz").unlink()
    refused(capsys, folder, "t10k-labels-idx1-ubyte: missing")
    assert nothing_installed()


def test_missing_folder(tiny, tmp_path, capsys):
    refused(capsys, tmp_path / "nowhere", "is not a folder")
    assert nothing_installed()


def test_a_failed_install_keeps_the_earlier_one(tiny, tmp_path, capsys):
    assert main(["data", "mnist", "--from", str(write_set(tmp_path / "good", tiny))]) == 0
    broken = write_set(tmp_path / "bad", tiny_arrays(seed=1))
    (broken / "train-images-idx3-ubyte.gz").write_bytes(b"not gzip at all")
    refused(capsys, broken, "train-images-idx3-ubyte.gz")
    assert np.array_equal(mnist.load().train_images, tiny["train-images-idx3-ubyte"])
    assert not list(locations.mnist_dir().parent.glob(".mnist-*"))


def test_md5_mismatch_is_refused_unless_forced(tiny, tmp_path, capsys):
    folder = write_set(tmp_path / "d", tiny)
    name = "train-labels-idx1-ubyte"  # same content, recompressed with another mtime
    (folder / (name + ".gz")).write_bytes(gzipped(idx_bytes(tiny[name]), mtime=12345))
    refused(
        capsys,
        folder,
        f"{name}.gz: its contents pass every check",
        "differs from the published one",
        "--force",
    )
    assert nothing_installed()

    assert main(["data", "mnist", "--from", str(folder), "--force"]) == 0
    out = capsys.readouterr().out
    assert "differs from the published file (--force)" in out
    manifest = json.loads((locations.mnist_dir() / mnist.MANIFEST).read_text())
    assert manifest["forced"] is True and manifest["files"][name]["published_md5"] is False
    main(["data"])
    assert "--force" in capsys.readouterr().out


def test_force_does_not_excuse_a_damaged_file(tiny, tmp_path, capsys):
    labels = tiny["train-labels-idx1-ubyte"].copy()
    labels[0] = 42
    arrays = dict(tiny, **{"train-labels-idx1-ubyte": labels})
    refused(capsys, write_set(tmp_path / "d", arrays), "outside 0-9", extra=["--force"])
    assert nothing_installed()


# ---------------------------------------------------------------------------- the command line


@pytest.mark.parametrize(
    "argv, words",
    [
        (["data", "cifar"], "invalid choice"),
        (["data", "--from", "x"], "say which data set"),
        (["data", "mnist", "--force"], "--force goes with --from"),
        (["data", "mnist", "--from", "x", "--status"], "either --status or --from"),
    ],
)
def test_bad_arguments_exit_2(capsys, argv, words):
    assert main(argv) == 2
    assert words in capsys.readouterr().err


def test_the_real_tables_agree_with_each_other():
    for name, counts in mnist.LABEL_COUNTS.items():
        assert sum(counts) == mnist.FULL_FILES[name][0]
    assert sum(mnist.LABEL_COUNTS["train-labels-idx1-ubyte"]) == 60000
    assert sum(mnist.LABEL_COUNTS["t10k-labels-idx1-ubyte"]) == 10000
    assert set(mnist.PUBLISHED_MD5) == {name + ".gz" for name in mnist.FULL_FILES}
