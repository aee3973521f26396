"""MNIST for the image lessons: the bundled 5,000-digit sample, or the full 70,000 when a
learner has installed it (`tutor data mnist --from DIR`).

Both are stored as MNIST's own IDX files, so one reader serves both. Images are uint8 arrays
[N, 28, 28] (0 = background, 255 = ink), labels int64 [N].

Installing (`install`, used by the CLI) reads the four standard files, gzipped or not, checks
every one before anything is written (format, counts, shapes, labels 0-9, the standard files'
per-digit label counts, and the published MD5 of each `.gz`), then writes them uncompressed
into a temporary folder beside `locations.mnist_dir()` and renames it into place: a failed install leaves
nothing behind and an earlier install untouched.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import shutil
import struct
import tempfile
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from tutor import locations

SHOW_IN_CODE_VIEW = False  # data files: reading, checking, installing; nothing a lesson teaches

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


MAX_IDX_BYTES = 60000 * 28 * 28  # the largest standard MNIST file's data: a bound on any read


def read_idx(path: Path, limit: int = MAX_IDX_BYTES) -> np.ndarray:
    """Read an IDX file (gzipped or not) into a numpy array, checking its header and length.

    The header is read and checked first; the data is then read in pieces, never more than
    the header promises (at most `limit` bytes), so a file that holds far more than it
    claims (a gzip bomb) is refused without being expanded."""
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rb") as f:
            magic = f.read(4)
            if len(magic) < 4 or magic[:3] != b"\x00\x00\x08":
                raise IdxError(f"{path.name}: not an IDX file of unsigned bytes (bad magic number)")
            ndim = magic[3]
            dims = f.read(4 * ndim)
            if ndim > 4 or len(dims) < 4 * ndim:
                raise IdxError(f"{path.name}: truncated or impossible header ({ndim} dimensions)")
            shape = struct.unpack(f">{ndim}I", dims)
            expected = math.prod(shape) if shape else 0
            if expected > limit:
                raise IdxError(
                    f"{path.name}: its header promises {expected:,} bytes of data, more "
                    f"than any MNIST file holds ({limit:,})"
                )
            body = bytearray()
            while len(body) < expected:
                piece = f.read(min(1 << 20, expected - len(body)))
                if not piece:
                    break
                body += piece
            extra = f.read(1)
    except (OSError, EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise IdxError(f"{path.name}: cannot be read ({exc})") from None
    if len(body) != expected or extra:
        have = f"{len(body):,}" if not extra else f"more than {expected:,}"
        raise IdxError(
            f"{path.name}: holds {have} bytes of data, its header promises "
            f"{expected:,} (the file is incomplete or damaged)"
        )
    return np.frombuffer(body, dtype=np.uint8).reshape(shape)  # writable (a bytearray), for torch


def full_installed() -> bool:
    return all((locations.mnist_dir() / name).is_file() for name in FULL_FILES)


@dataclass(frozen=True)
class Mnist:
    train_images: np.ndarray
    train_labels: np.ndarray
    test_images: np.ndarray
    test_labels: np.ndarray
    source: str  # said on screen: which data a run used


def load(full: bool = True, seed: int = 0) -> Mnist:
    """The full MNIST (60,000 train / 10,000 test, the standard split, its classes already
    mixed) if installed and `full`, else the bundled 5,000 real digits split 4,000 / 1,000
    (stratified: 400 / 100 of each digit; `seed` picks which), each part shuffled (the file
    stores the digits class by class)."""
    if full and full_installed():
        d = locations.mnist_dir()
        arrays = [read_idx(d / name) for name in FULL_FILES]
        return Mnist(
            arrays[0],
            arrays[1].astype(np.int64),
            arrays[2],
            arrays[3].astype(np.int64),
            f"full MNIST: {len(arrays[1]):,} training and {len(arrays[3]):,} test digits (installed in {d})",
        )
    images = read_idx(BUNDLED / BUNDLED_FILES[0])
    labels = read_idx(BUNDLED / BUNDLED_FILES[1]).astype(np.int64)
    rng = np.random.default_rng(seed)
    test = np.zeros(len(labels), dtype=bool)
    for digit in range(10):
        rows = np.flatnonzero(labels == digit)
        test[rng.choice(rows, size=len(rows) // 5, replace=False)] = True
    train_rows = rng.permutation(np.flatnonzero(~test))
    test_rows = rng.permutation(np.flatnonzero(test))
    return Mnist(
        images[train_rows],
        labels[train_rows],
        images[test_rows],
        labels[test_rows],
        "bundled MNIST sample: 4,000 training and 1,000 test digits "
        "(install the full set with `tutor data mnist --from DIR`)",
    )


# ---------------------------------------------------------------------------- installing

# The standard files' per-digit label counts (digits 0..9).
LABEL_COUNTS = {
    "train-labels-idx1-ubyte": (5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949),
    "t10k-labels-idx1-ubyte": (980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009),
}
# MD5 of the published gzipped files (the sums torchvision checks). There is no published
# sum of the uncompressed files: those are checked by their structure and label counts only.
PUBLISHED_MD5 = {
    "train-images-idx3-ubyte.gz": "f68b3c2dcbeaaa9fbdd348bbdeb94873",
    "train-labels-idx1-ubyte.gz": "d53e105ee54ea40749a09fcbcd1e9432",
    "t10k-images-idx3-ubyte.gz": "9fb629c4189551a2d022fa330f9573f3",
    "t10k-labels-idx1-ubyte.gz": "ec29112dd5afa0611ce80d1b7f02629c",
}
PAIRS = (
    ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
    ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"),
)
MANIFEST = "installed.json"


class InstallError(ValueError):
    """Files that cannot be installed. `problems` holds one line per problem, each naming
    the file and what is wrong; nothing was written."""

    def __init__(self, problems: list[str], checksum_only: bool = False):
        super().__init__("\n".join(problems))
        self.problems = list(problems)
        self.checksum_only = checksum_only  # every structural check passed; only MD5s differ


@dataclass
class Checked:
    """One source file that passed the structural checks."""

    name: str  # its standard name, e.g. "train-images-idx3-ubyte"
    path: Path  # the file that was read
    array: np.ndarray
    md5: str | None = None  # of the .gz as given; None for an uncompressed file
    published: bool | None = None  # md5 equals the published one; None for an uncompressed file


@dataclass
class Installed:
    """What `install` did, for the CLI to print."""

    target: Path
    files: list[Checked]
    forced: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def counts(self) -> tuple[int, int]:
        by_name = {c.name: c for c in self.files}
        return len(by_name["train-labels-idx1-ubyte"].array), len(by_name["t10k-labels-idx1-ubyte"].array)


def _candidates(name: str) -> list[str]:
    """Names a standard file goes by: `train-images-idx3-ubyte`, with or without `.gz`, and
    the common variant `train-images.idx3-ubyte`. Gzipped first: only those have a published MD5."""
    dotted = name.replace("-idx", ".idx")
    return [name + ".gz", dotted + ".gz", name, dotted]


def find_files(source: Path) -> dict[str, Path]:
    """The four standard files in `source`; InstallError naming the ones that are missing."""
    source = Path(source)
    if not source.is_dir():
        raise InstallError([f"{source}: is not a folder (give the folder that holds the four MNIST files)"])
    found, missing = {}, []
    for name in FULL_FILES:
        path = next((source / c for c in _candidates(name) if (source / c).is_file()), None)
        if path is None:
            missing.append(f"{name}: missing from {source} (looked for {name}.gz and {name})")
        else:
            found[name] = path
    if missing:
        raise InstallError(missing)
    return found


def md5_of(path: Path) -> str:
    digest = hashlib.md5()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _check_one(name: str, path: Path) -> tuple[Checked | None, list[str]]:
    label = path.name
    try:
        array = read_idx(path)
    except IdxError as exc:
        return None, [str(exc)]
    rows, shape = FULL_FILES[name]
    what = "images" if shape else "labels"
    if array.shape[1:] != tuple(shape) or array.ndim != 1 + len(shape):
        want = "×".join(map(str, shape)) + " images" if shape else "a flat list of labels"
        have = "×".join(map(str, array.shape[1:])) + " items" if array.ndim > 1 else "single numbers"
        return None, [f"{label}: holds {have}, expected {want}"]
    problems = []
    if len(array) != rows:
        problems.append(f"{label}: holds {len(array):,} {what}, expected {rows:,}")
    if not shape and len(array) and array.max() > 9:
        bad = int(np.count_nonzero(array > 9))
        problems.append(f"{label}: {bad:,} labels are outside 0-9 (largest {int(array.max())})")
    checked = Checked(name, path, array)
    if path.suffix == ".gz" and not problems:
        checked.md5 = md5_of(path)
        published = PUBLISHED_MD5.get(name + ".gz")
        checked.published = published is not None and checked.md5 == published
    return checked, problems


def verify(source: Path, force: bool = False) -> list[Checked]:
    """Read and check the four standard files in `source` without writing anything.

    Raises InstallError listing every problem found. A structural problem (unreadable,
    truncated, bad header, wrong counts or shapes, labels outside 0-9, image and label counts
    that disagree, label counts unlike the standard files') is always refused. A `.gz` whose
    MD5 differs from the published one is refused unless `force` (the error then has
    `checksum_only` set: every structural check passed)."""
    paths = find_files(source)
    checked, problems, faulty = {}, [], set()
    for name, path in paths.items():
        one, found = _check_one(name, path)
        problems += found
        if one is not None:
            checked[name] = one
        if found:
            faulty.add(name)
    for images, labels in PAIRS:
        if (
            images in checked
            and labels in checked
            and len(checked[images].array) != len(checked[labels].array)
        ):
            problems.append(
                f"{checked[images].path.name} holds {len(checked[images].array):,} "
                f"images but {checked[labels].path.name} holds "
                f"{len(checked[labels].array):,} labels"
            )
    for name, want in LABEL_COUNTS.items():
        if name in checked and name not in faulty:
            have = np.bincount(checked[name].array, minlength=10).tolist()
            if have != list(want):
                diff = ", ".join(
                    f"digit {d}: {h:,} (standard {w:,})" for d, (h, w) in enumerate(zip(have, want)) if h != w
                )
                problems.append(
                    f"{checked[name].path.name}: per-digit label counts differ from "
                    f"the standard MNIST file's ({diff}); this is not the standard "
                    "MNIST (Fashion-MNIST, for one, has the same file names)"
                )
    if problems:
        raise InstallError(problems)
    differ = [c for c in checked.values() if c.published is False]
    if differ and not force:
        raise InstallError(
            [
                f"{c.path.name}: its contents pass every check, but the file differs from the "
                f"published one (MD5 {c.md5}, published {PUBLISHED_MD5.get(c.name + '.gz')}); it "
                "may have been recompressed or altered"
                for c in differ
            ],
            checksum_only=True,
        )
    return list(checked.values())


def write_idx(path: Path, array: np.ndarray) -> None:
    """An uncompressed IDX file: magic (0, 0, 0x08 = unsigned byte, ndim), each dimension as a
    big-endian uint32, then the bytes."""
    header = struct.pack(">BBBB", 0, 0, 0x08, array.ndim) + struct.pack(f">{array.ndim}I", *array.shape)
    with open(path, "wb") as f:
        f.write(header)
        f.write(np.ascontiguousarray(array, dtype=np.uint8).tobytes())


def install(source: Path, force: bool = False) -> Installed:
    """Verify the four files in `source`, then install them (uncompressed) in `locations.mnist_dir()`.

    Refuses (InstallError, nothing written) on any structural problem. A `.gz` whose MD5
    differs from the published file is refused too unless `force`, and only when every
    structural check passed. The new files go into a temporary folder beside the target,
    which is then renamed into place, so a failure never leaves a half-installed set."""
    source = Path(source).expanduser()
    files = verify(source, force=force)
    target = locations.mnist_dir()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".mnist-new-", dir=target.parent))
    old = None
    try:
        tmp.chmod(0o755)  # mkdtemp makes it private; the data is not secret
        for c in files:
            write_idx(tmp / c.name, c.array)
        manifest = {
            "installed": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "from": str(source.resolve()),
            "forced": bool(force and any(c.published is False for c in files)),
            "files": {
                c.name: {"source": c.path.name, "md5": c.md5, "published_md5": c.published} for c in files
            },
        }
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=".mnist-old-", dir=target.parent))
            old.rmdir()
            target.rename(old)
        tmp.rename(target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None and not target.exists():
            old.rename(target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return Installed(target, files, forced=manifest["forced"])


def status() -> str:
    """Which MNIST the image lessons use, in a few lines."""
    d = locations.mnist_dir()
    if not full_installed():
        return (
            "The image lessons use the bundled MNIST sample: 5,000 real digits, split "
            "4,000 for training and 1,000 for testing.\n"
            f"No full MNIST is installed in {d}.\n"
            "To use the full 70,000 digits, put the four standard files (train-images-idx3-ubyte, "
            "train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, each "
            ".gz or not) in a folder and run: tutor data mnist --from FOLDER"
        )
    try:
        counts = [len(read_idx(d / name)) for name in FULL_FILES]
    except IdxError as exc:
        return (
            f"A full MNIST is installed in {d}, but it is damaged ({exc}), so the image "
            "lessons would fail to load it. Install it again with: tutor data mnist --from FOLDER"
        )
    lines = [
        f"The image lessons use the full MNIST: {counts[1]:,} training and {counts[3]:,} "
        f"test digits, installed in {d}."
    ]
    try:
        manifest = json.loads((d / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = None
    if isinstance(manifest, dict):
        checks = [f.get("published_md5") for f in manifest.get("files", {}).values()]
        matched = sum(c is True for c in checks)
        how = (
            "installed with --force although an MD5 differed from the published one"
            if manifest.get("forced")
            else "every file's MD5 matched the published one"
            if checks and matched == len(checks)
            else f"checked by structure and label counts; {matched} of {len(checks)} files "
            "were gzipped and matched the published MD5 (uncompressed files have none)"
        )
        lines.append(f"Installed {manifest.get('installed', '?')} from {manifest.get('from', '?')}; {how}.")
    return "\n".join(lines)
