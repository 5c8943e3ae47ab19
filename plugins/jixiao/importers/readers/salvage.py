"""Reading one member out of a damaged ZIP package (.docx, .xlsx) as far as it goes.

A document cut off in transfer loses the ZIP central directory at its end, so ``zipfile`` refuses
it although most of the content is still there. The local file headers are at the front: this
walks them, inflates what it can of the wanted member and returns those bytes, possibly cut off
mid-way. The caller parses them with a recovering XML parser and notes that the file was damaged.
"""

from __future__ import annotations

import struct
import zlib

_LOCAL_HEADER = b"PK\x03\x04"
_HEADER = struct.Struct("<IHHHHHIIIHH")


def read_member(data: bytes, wanted: str) -> bytes | None:
    """The (possibly partial) bytes of ``wanted``, or None when its header is not in ``data``."""
    start = 0
    while True:
        start = data.find(_LOCAL_HEADER, start)
        if start < 0 or start + _HEADER.size > len(data):
            return None
        fields = _HEADER.unpack_from(data, start)
        flags, method, compressed_size, name_length, extra_length = fields[2], fields[3], fields[7], fields[9], fields[10]
        name_start = start + _HEADER.size
        name = data[name_start : name_start + name_length].decode("utf-8", "replace")
        payload_start = name_start + name_length + extra_length
        if name != wanted:
            start = name_start
            continue
        if compressed_size and not flags & 0x08:
            payload = data[payload_start : payload_start + compressed_size]
        else:  # size written after the data, or the header itself was cut: take what follows
            following = data.find(_LOCAL_HEADER, payload_start)
            payload = data[payload_start : following if following >= 0 else len(data)]
        if method == 0:
            return payload
        if method == 8:
            inflater = zlib.decompressobj(-15)
            try:
                return inflater.decompress(payload)
            except zlib.error:
                return _inflate_partially(payload)
        return None


def _inflate_partially(payload: bytes) -> bytes:
    """Inflate chunk by chunk and keep what came out before the damage."""
    inflater = zlib.decompressobj(-15)
    out = bytearray()
    for offset in range(0, len(payload), 4096):
        try:
            out += inflater.decompress(payload[offset : offset + 4096])
        except zlib.error:
            break
    return bytes(out)
