"""The part of CBOR (RFC 8949) that Pagefind writes its index in: integers, byte and text strings,
arrays and maps of definite length, and simple values and floats, which are kept as their bytes.

Decoding then encoding gives back the same bytes for everything Pagefind writes (it encodes every
length and integer in its shortest form, as this encoder does); tests/test_search_index.py holds
that on a real index.
"""

from __future__ import annotations

from dataclasses import dataclass


class CBORError(ValueError):
    """Bytes this decoder does not read (indefinite lengths, tags): the caller leaves the file alone."""


@dataclass(frozen=True)
class Raw:
    """A simple value or float, as its encoded bytes."""

    data: bytes


def decode(data: bytes):
    value, end = _decode(data, 0)
    if end != len(data):
        raise CBORError(f"{len(data) - end} bytes after the value")
    return value


def _argument(data: bytes, at: int) -> tuple[int, int, int]:
    head = data[at]
    info = head & 31
    at += 1
    if info < 24:
        return head >> 5, info, at
    if info > 27:
        raise CBORError(f"additional information {info} (indefinite length) at byte {at - 1}")
    size = 1 << (info - 24)
    return head >> 5, int.from_bytes(data[at:at + size], "big"), at + size


def _decode(data: bytes, at: int):
    if at >= len(data):
        raise CBORError("the value ends early")
    major = data[at] >> 5
    if major == 7:
        size = {24: 1, 25: 2, 26: 4, 27: 8}.get(data[at] & 31, 0)
        return Raw(data[at:at + 1 + size]), at + 1 + size
    major, argument, at = _argument(data, at)
    if major == 0:
        return argument, at
    if major == 1:
        return -1 - argument, at
    if major == 2:
        return bytes(data[at:at + argument]), at + argument
    if major == 3:
        return data[at:at + argument].decode("utf-8"), at + argument
    if major == 4:
        items = []
        for _ in range(argument):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    if major == 5:
        pairs = {}
        for _ in range(argument):
            key, at = _decode(data, at)
            pairs[key], at = _decode(data, at)
        return pairs, at
    raise CBORError(f"major type {major} (tag) at byte {at}")


def _head(major: int, argument: int) -> bytes:
    if argument < 24:
        return bytes([major << 5 | argument])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if argument < 1 << (8 * size):
            return bytes([major << 5 | info]) + argument.to_bytes(size, "big")
    raise CBORError(f"integer {argument} is too large")


def encode(value) -> bytes:
    if isinstance(value, Raw):
        return value.data
    if isinstance(value, bool) or value is None:
        return bytes([{False: 0xF4, True: 0xF5, None: 0xF6}[value]])
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        text = value.encode("utf-8")
        return _head(3, len(text)) + text
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(encode(item) for item in value)
    if isinstance(value, dict):
        return _head(5, len(value)) + b"".join(encode(key) + encode(item) for key, item in value.items())
    raise CBORError(f"cannot encode {type(value).__name__}")
