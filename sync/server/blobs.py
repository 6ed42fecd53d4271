"""Where the centre keeps attachment bytes (blobs): one interface, two places.

``FileBlobs`` (default) keeps each blob as a file under ``--data``/blobs, named by its sha256;
``S3Blobs`` keeps it as an object in an S3-compatible store (boto3, the optional ``server-s3``
extra, imported only when this store is chosen).

Uploads never write into either store directly. The bytes first go to ``Staging``, a file per
(office, blob) in the data folder, appended chunk by chunk and fsync'd before the offset is told to
the client. Only when the staged file holds every byte and its sha256 matches does it move into the
store: a rename in the same file system (files), or a single put / multipart upload of the verified
file (S3, atomic: an object is visible only once complete). So no store ever shows a blob without
all its bytes, and a blob is kept once whoever uploads it (its name is its content).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
from abc import ABC, abstractmethod
from collections.abc import Iterator
from pathlib import Path

SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
MiB = 1024 * 1024
MAX_BLOB_BYTES = 64 * MiB  # one attachment as it travels (the PC reduces a scanned page to ~150 KB)
MAX_CHUNK_BYTES = 4 * MiB  # one upload request's body
READ_PIECE = 256 * 1024


def is_sha256(text: object) -> bool:
    return isinstance(text, str) and bool(SHA256_RE.match(text))


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while piece := f.read(READ_PIECE):
            h.update(piece)
    return h.hexdigest()


class BlobBackend(ABC):
    """A content-addressed store of verified blobs. ``sha256`` is always checked by the caller."""

    name = "?"

    @abstractmethod
    def has(self, sha256: str) -> bool: ...

    @abstractmethod
    def size(self, sha256: str) -> int | None:
        """Bytes of a stored blob, None when absent."""

    @abstractmethod
    def store(self, sha256: str, verified: Path) -> None:
        """Takes the verified file ``verified`` (moved or copied; the caller deletes what is left)
        and makes it durable under ``sha256``. A blob already there is left as it is."""

    @abstractmethod
    def read(self, sha256: str, start: int, length: int) -> Iterator[bytes]:
        """``length`` bytes from ``start``, in pieces."""

    @abstractmethod
    def remove(self, sha256: str) -> None: ...


class FileBlobs(BlobBackend):
    """``root/ab/cd/abcd…`` (two levels keep folders small), owner-only."""

    name = "files"

    def __init__(self, root: Path):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)

    def path(self, sha256: str) -> Path:
        if not is_sha256(sha256):  # the name of a file on disk: never anything but 64 hex digits
            raise ValueError("not a sha256")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def size(self, sha256: str) -> int | None:
        try:
            return self.path(sha256).stat().st_size
        except FileNotFoundError:
            return None

    def store(self, sha256: str, verified: Path) -> None:
        final = self.path(sha256)
        if final.is_file():
            return
        final.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(verified, 0o600)
        os.replace(verified, final)  # staging is in the same data folder: an atomic rename
        _fsync_dir(final.parent)

    def read(self, sha256: str, start: int, length: int) -> Iterator[bytes]:
        with open(self.path(sha256), "rb") as f:
            f.seek(start)
            left = length
            while left > 0:
                piece = f.read(min(READ_PIECE, left))
                if not piece:
                    raise OSError(f"blob {sha256[:12]} shorter than expected")
                left -= len(piece)
                yield piece

    def remove(self, sha256: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path(sha256).unlink()


class S3Blobs(BlobBackend):
    """An S3-compatible bucket. Credentials come the usual boto3 way (environment, config files).

    ``url`` is ``s3://bucket/prefix``; ``endpoint`` the store's address for anything but AWS itself
    (MinIO, Ceph RGW, Garage, …). Objects are named ``prefix/ab/abcd…``.
    """

    name = "s3"
    MULTIPART_FROM = 8 * MiB

    def __init__(self, url: str, endpoint: str | None = None, region: str | None = None):
        try:
            import boto3
            from boto3.s3.transfer import TransferConfig
        except ImportError as e:  # the optional extra is missing
            raise RuntimeError("the S3 blob store needs boto3: pip install 'layan[server-s3]'") from e
        bucket, _, prefix = url.removeprefix("s3://").partition("/")
        if not url.startswith("s3://") or not bucket:
            raise ValueError("an S3 blob store is given as s3://bucket/prefix")
        self.bucket, self.prefix = bucket, prefix.strip("/")
        self.client = boto3.client("s3", endpoint_url=endpoint or None, region_name=region or None)
        self.transfer = TransferConfig(multipart_threshold=self.MULTIPART_FROM, multipart_chunksize=self.MULTIPART_FROM)

    def key(self, sha256: str) -> str:
        if not is_sha256(sha256):
            raise ValueError("not a sha256")
        return f"{self.prefix}/{sha256[:2]}/{sha256}" if self.prefix else f"{sha256[:2]}/{sha256}"

    def _head(self, sha256: str) -> dict | None:
        from botocore.exceptions import ClientError

        try:
            return self.client.head_object(Bucket=self.bucket, Key=self.key(sha256))
        except ClientError as e:
            if e.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return None
            raise

    def has(self, sha256: str) -> bool:
        return self._head(sha256) is not None

    def size(self, sha256: str) -> int | None:
        head = self._head(sha256)
        return None if head is None else int(head["ContentLength"])

    def store(self, sha256: str, verified: Path) -> None:
        if self.has(sha256):
            return
        # upload_file: one PUT below the threshold, a multipart upload above it; either way the
        # object appears only when complete. The store checks each part's integrity itself.
        self.client.upload_file(str(verified), self.bucket, self.key(sha256), Config=self.transfer,
                                ExtraArgs={"Metadata": {"sha256": sha256}})

    def read(self, sha256: str, start: int, length: int) -> Iterator[bytes]:
        if length <= 0:
            return
        obj = self.client.get_object(Bucket=self.bucket, Key=self.key(sha256),
                                     Range=f"bytes={start}-{start + length - 1}")
        body = obj["Body"]
        try:
            yield from body.iter_chunks(READ_PIECE)
        finally:
            body.close()

    def remove(self, sha256: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self.key(sha256))


class Busy(Exception):
    """Another request is writing the same staged upload right now."""


class Staging:
    """Uploads in progress: ``root/<office>/<sha256>.part``, one per office and blob.

    The durable offset is the file's size after fsync: a request cut mid-body keeps the bytes that
    arrived, so the client resumes exactly there. Writers of the same file (several requests,
    several server processes) are kept apart by an exclusive ``flock``.
    """

    def __init__(self, root: Path):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)

    def path(self, office: str, sha256: str) -> Path:
        if not is_sha256(sha256) or not office or not all(c.isalnum() or c in "-_" for c in office):
            raise ValueError("bad staging name")
        return self.root / office / f"{sha256}.part"

    def offset(self, office: str, sha256: str) -> int:
        try:
            return self.path(office, sha256).stat().st_size
        except FileNotFoundError:
            return 0

    @contextlib.contextmanager
    def writing(self, office: str, sha256: str) -> Iterator[StagedFile]:
        """The staged file, opened (created when new) under an exclusive lock, or Busy.

        The lock is a separate, never-deleted file per office and sha256 prefix (at most 256 per
        office), so finishing an upload (which renames or deletes the staged file) never races
        with the next request opening it.
        """
        path = self.path(office, sha256)
        locks = path.parent / ".locks"
        locks.mkdir(parents=True, exist_ok=True, mode=0o700)
        lock = os.open(locks / sha256[:2], os.O_RDWR | os.O_CREAT, 0o600)
        try:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise Busy() from None
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                yield StagedFile(fd, path)
            finally:
                os.close(fd)
        finally:
            os.close(lock)  # closing drops the lock

    def discard(self, office: str, sha256: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path(office, sha256).unlink()


class StagedFile:
    """An open, locked staged upload."""

    def __init__(self, fd: int, path: Path):
        self.fd, self.path = fd, path

    @property
    def size(self) -> int:
        return os.fstat(self.fd).st_size

    def write(self, data: bytes) -> None:
        os.lseek(self.fd, 0, os.SEEK_END)
        view = memoryview(data)
        while view:
            n = os.write(self.fd, view)
            view = view[n:]

    def truncate(self, size: int) -> None:
        os.ftruncate(self.fd, size)

    def sync(self) -> None:
        os.fsync(self.fd)

    def sha256(self) -> str:
        return file_sha256(self.path)


def backend_from(data_dir: str | Path, url: str | None = None, endpoint: str | None = None) -> BlobBackend:
    """``url`` None or ``files`` -> FileBlobs under the data folder; ``s3://bucket/prefix`` -> S3Blobs."""
    if not url or url == "files":
        return FileBlobs(Path(data_dir) / "blobs")
    if url.startswith("s3://"):
        return S3Blobs(url, endpoint or os.environ.get("LAYAN_S3_ENDPOINT"),
                       os.environ.get("LAYAN_S3_REGION") or os.environ.get("AWS_DEFAULT_REGION"))
    raise ValueError("the blob store is 'files' or s3://bucket/prefix")
