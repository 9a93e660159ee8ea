"""Carrier masks as JSON index lists, decoded in bulk: the spans of a big folder list tens of millions of indices."""

from __future__ import annotations

import re
import secrets

from copydesk.core.model import mask_indices

CHUNK = 2048
"""Masks unpacked to bits at a time (bounds memory: CHUNK x articles bytes)."""
SMALL = 256
"""Fewer distinct masks than this (or at most 64 articles): plain Python, no numpy import."""


class MaskText:
    """Stands in for each span's index list while the JSON is dumped, then puts the real lists in (fill).

    json.dumps turns a list of 19 million ints (500 versions) into text at about 100 ns each, after
    Python built them one by one from bits; here each distinct mask becomes its text once, with numpy,
    and the dumped text carries a short placeholder string instead, unique to this call (a random nonce,
    so no article text can imitate one).
    """

    def __init__(self, articles: int) -> None:
        self.articles = articles
        self.masks: list[int] = []
        self.ids: dict[int, int] = {}
        self.tag = f"@mask-{secrets.token_hex(8)}-"
        self.pattern = re.compile(f'"{re.escape(self.tag)}(\\d+)"')

    def placeholder(self, mask: int) -> object:
        """What the dict holds for mask: [] for no carriers, else a placeholder string that fill replaces."""
        if not mask:
            return []
        k = self.ids.get(mask)
        if k is None:
            k = self.ids[mask] = len(self.masks)
            self.masks.append(mask)
        return f"{self.tag}{k}"

    def fill(self, text: str) -> str:
        """text with every placeholder (with its quotes) replaced by its mask's JSON list."""
        if not self.masks:
            return text
        lists = index_lists(self.masks, self.articles)
        return self.pattern.sub(lambda m: lists[int(m.group(1))], text)


def index_lists(masks: list[int], articles: int) -> list[str]:
    """Each mask's set bits as JSON text, '[0, 3, 17]' (json.dumps' own separators), in the order given."""
    if articles <= 64 or len(masks) < SMALL:
        return ["[" + ", ".join(map(str, mask_indices(m))) + "]" for m in masks]
    import numpy as np  # only for big folders: its import costs more than small folders take

    width = (articles + 7) // 8
    # each index as the bytes 'i, ' in a fixed-width row, zero-padded: gathering rows and dropping the zeros
    # writes a whole chunk's lists as one string without a Python object per index
    names = [f"{i}, ".encode("ascii") for i in range(articles)]
    wide = max(map(len, names))
    table = np.zeros((articles, wide), dtype=np.uint8)
    for i, name in enumerate(names):
        table[i, :len(name)] = np.frombuffer(name, dtype=np.uint8)
    sizes = np.array([len(name) for name in names], dtype=np.int64)
    out: list[str] = []
    for at in range(0, len(masks), CHUNK):
        chunk = masks[at:at + CHUNK]
        raw = b"".join(m.to_bytes(width, "little") for m in chunk)
        bits = np.unpackbits(np.frombuffer(raw, dtype=np.uint8).reshape(len(chunk), width), axis=1,
                             bitorder="little")[:, :articles]
        cols = np.flatnonzero(bits) % articles  # row by row, each row's indices in order
        gathered = table[cols].reshape(-1)
        joined = gathered[gathered != 0].tobytes().decode("ascii")
        counts = np.count_nonzero(bits, axis=1)
        if cols.size:  # per row, where its last index ends in joined (-1: no index)
            stops = np.where(counts > 0, np.cumsum(sizes[cols])[np.maximum(np.cumsum(counts) - 1, 0)] - 2, -1)
        else:
            stops = np.full(len(chunk), -1)
        start = 0
        for stop in stops.tolist():
            if stop < 0:
                out.append("[]")
            else:
                out.append("[" + joined[start:stop] + "]")
                start = stop + 2
        del bits, cols, gathered
    return out
