"""Bodies an attacker could send head office, made as they are sent (no memory needed):
used by tests/test_hq_limits.py and benchmarks/hq_limits_bench.py."""

from __future__ import annotations

import zlib
from collections.abc import Iterator

MIB = 1 << 20


def gzip_of_zeros(size: int, *, level: int, chunk: int = MIB) -> Iterator[bytes]:
    """A gzip stream of ``size`` zero bytes, made as it is sent (level 0: as large as that)."""
    deflate = zlib.compressobj(level, zlib.DEFLATED, 31)
    zeros = bytes(chunk)
    for start in range(0, size, chunk):
        piece = deflate.compress(zeros[:min(chunk, size - start)])
        if piece:
            yield piece
    yield deflate.flush()


def endless_batch(size: int, *, chunk: int = MIB) -> Iterator[bytes]:
    """The start of a batch, then ``size`` bytes of blanks: JSON that never ends."""
    yield b'{"batch_id": "b", "events": ['
    blank = b" " * chunk
    for start in range(0, size, chunk):
        yield blank[:min(chunk, size - start)]
