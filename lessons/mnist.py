"""MNIST for the image lessons: the bundled 5,000-digit sample, or the full 70,000 when a
learner has installed it (`tutor data mnist --from DIR`).

Both are stored as MNIST's own IDX files, so one reader serves both. Images are uint8 arrays
[N, 28, 28] (0 = background, 255 = ink), labels int64 [N].
"""

from __future__ import annotations

import gzip
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tutor.progress import home_dir

BUNDLED = Path(__file__).parent / "data"
BUNDLED_FILES = ("mnist-5k-images-idx3-ubyte.gz", "mnist-5k-labels-idx1-ubyte.gz")
FULL_FILES = {  # name in the data directory -> (rows, shape of one item)
    "train-images-idx3-ubyte": (60000, (28, 28)),
    "train-labels-idx1-ubyte": (60000, ()),
    "t10k-images-idx3-ubyte": (10000, (28, 28)),
    "t10k-labels-idx1-ubyte": (10000, ()),
}


class IdxError(ValueError):
    """An IDX file that is damaged, truncated or not what it claims to be."""


def read_idx(path: Path) -> np.ndarray:
    """Read an IDX file (gzipped or not) into a numpy array, checking its header and length."""
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rb") as f:
            data = f.read()
    except (OSError, EOFError) as exc:
        raise IdxError(f"{path.name}: cannot be read ({exc})") from None
    if len(data) < 4 or data[0] != 0 or data[1] != 0 or data[2] != 0x08:
        raise IdxError(f"{path.name}: not an IDX file of unsigned bytes (bad magic number)")
    ndim = data[3]
    if len(data) < 4 + 4 * ndim:
        raise IdxError(f"{path.name}: truncated header")
    shape = struct.unpack(f">{ndim}I", data[4:4 + 4 * ndim])
    body = data[4 + 4 * ndim:]
    expected = int(np.prod(shape)) if shape else 0
    if len(body) != expected:
        raise IdxError(f"{path.name}: holds {len(body):,} bytes of data, its header promises "
                       f"{expected:,} (the file is incomplete or damaged)")
    return np.frombuffer(body, dtype=np.uint8).reshape(shape)


def full_dir() -> Path:
    """Where `tutor data mnist` installs the full MNIST."""
    return home_dir() / "data" / "mnist"


def full_installed() -> bool:
    return all((full_dir() / name).is_file() for name in FULL_FILES)


@dataclass(frozen=True)
class Mnist:
    train_images: np.ndarray
    train_labels: np.ndarray
    test_images: np.ndarray
    test_labels: np.ndarray
    source: str          # said on screen: which data a run used


def load(full: bool = True, seed: int = 0) -> Mnist:
    """The full MNIST (60,000 train / 10,000 test) if installed and `full`, else the bundled
    5,000 real digits split 4,000 / 1,000 (stratified: 400 / 100 of each digit; `seed` picks
    which)."""
    if full and full_installed():
        d = full_dir()
        arrays = [read_idx(d / name) for name in FULL_FILES]
        return Mnist(arrays[0], arrays[1].astype(np.int64), arrays[2], arrays[3].astype(np.int64),
                     "full MNIST: 60,000 training and 10,000 test digits")
    images = read_idx(BUNDLED / BUNDLED_FILES[0])
    labels = read_idx(BUNDLED / BUNDLED_FILES[1]).astype(np.int64)
    rng = np.random.default_rng(seed)
    test = np.zeros(len(labels), dtype=bool)
    for digit in range(10):
        rows = np.flatnonzero(labels == digit)
        test[rng.choice(rows, size=len(rows) // 5, replace=False)] = True
    train_rows, test_rows = rng.permutation(np.flatnonzero(~test)), np.flatnonzero(test)
    return Mnist(images[train_rows], labels[train_rows], images[test_rows], labels[test_rows],
                 "bundled MNIST sample: 4,000 training and 1,000 test digits "
                 "(install the full set with `tutor data mnist --from DIR`)")
