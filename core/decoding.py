"""Turn an article file's bytes into text the way a person would read it, and name the encoding used."""

from __future__ import annotations

import codecs
import re
import threading
from dataclasses import dataclass
from typing import Optional

from copydesk.core.budget import ReadBudget, unlimited

SAMPLE = 8192
"""Bytes looked at to tell text from binary and to spot UTF-16/32 without a byte-order mark."""

_HIGH = bytes(range(0x80, 0x100))
_ESCAPED_RUN = re.compile("[\udc80-\udcff]+")  # bytes that were not UTF-8, as surrogateescape gives them
_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")

# Legacy encodings worth guessing for news text. charset-normalizer left to choose among all it knows
# reads a short French line as Urdu (cp1006) or "didn't" with a cp1252 apostrophe as Icelandic Mac: news
# files in the wild are Windows code pages, ISO/KOI8 Cyrillic and Greek, and the East Asian multi-byte sets.
LEGACY = ("cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258",
          "iso8859_2", "iso8859_7", "koi8_r", "koi8_u", "cp874", "cp932", "euc_jp", "iso2022_jp", "gb18030",
          "big5", "cp949")
_TIE = 0.02
"""How much more mess (charset-normalizer's chaos) cp1252 may show and still be preferred: the common case wins ties."""


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, the encoding used, and how many bytes could not be decoded (each became U+FFFD)."""

    text: str
    encoding: str
    replaced: int = 0


_tally = threading.local()


def _count_and_replace(exc: UnicodeError) -> tuple[str, int]:
    # Each undecodable byte becomes one U+FFFD and is counted, so the reader can be told how many.
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    _tally.count = getattr(_tally, "count", 0) + (exc.end - exc.start)
    return "\ufffd" * (exc.end - exc.start), exc.end


codecs.register_error("copydesk.count", _count_and_replace)


def _decode_counting(data: bytes, encoding: str) -> tuple[str, int]:
    _tally.count = 0
    text = data.decode(encoding, errors="copydesk.count")
    return text, _tally.count


def _text_looks_binary(text: str) -> bool:
    sample = text[:SAMPLE]
    controls = len(_CONTROL_CHARS.findall(sample))
    return "\x00" in sample or controls > max(8, len(sample) // 50)


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text in any encoding we read: NUL bytes outside UTF-16/32, or many control bytes."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)):
        return False
    if sniff_wide(data) is not None:
        return False
    sample = data[:SAMPLE]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROLS))
    return controls > max(8, len(sample) // 50)


def sniff_wide(data: bytes) -> Optional[str]:
    """The codec ('utf-32-le', ...) of BOM-less UTF-32/UTF-16 text, told by where its zero bytes fall; else None."""
    sample = data[:SAMPLE - SAMPLE % 4]
    if b"\x00" not in sample:
        return None  # wide text of Latin, Cyrillic or Greek script always has zero bytes
    candidates = []
    if len(data) % 4 == 0:
        lanes = [sample[k::4] for k in range(4)]
        # a code point is at most 0x10FFFF: its top byte is always zero, the next one nearly always
        if lanes[3].count(0) == len(lanes[3]) and lanes[2].count(0) * 2 >= len(lanes[2]):
            candidates.append("utf-32-le")
        if lanes[0].count(0) == len(lanes[0]) and lanes[1].count(0) * 2 >= len(lanes[1]):
            candidates.append("utf-32-be")
    even, odd = sample[0::2], sample[1::2]
    zeros_even, zeros_odd = even.count(0), odd.count(0)
    # ASCII and Latin-1 letters in UTF-16 put their zero byte on one side only; binary data has zeros on both
    if zeros_odd * 4 >= len(odd) and zeros_even * 20 <= zeros_odd:
        candidates.append("utf-16-le")
    if zeros_even * 4 >= len(even) and zeros_odd * 20 <= zeros_even:
        candidates.append("utf-16-be")
    for codec in candidates:
        try:
            text = data[:len(data) - len(data) % 2].decode(codec)
        except UnicodeDecodeError:
            continue
        if not _text_looks_binary(text):
            return codec
    return None


def _bom(data: bytes) -> Optional[tuple[str, int, str]]:
    # (codec, BOM length, name reported); UTF-32 LE's BOM starts like UTF-16 LE's, so it is tried first
    if data.startswith(codecs.BOM_UTF32_LE) and len(data) % 4 == 0:
        try:
            data[4:].decode("utf-32-le")
            return "utf-32-le", 4, "utf-32"
        except UnicodeDecodeError:
            pass  # FF FE 00 00 is also UTF-16 LE's BOM before a NUL character: let UTF-16 have it
    if data.startswith(codecs.BOM_UTF32_BE):
        return "utf-32-be", 4, "utf-32"
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8", 3, "utf-8-sig"
    if data.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le", 2, "utf-16"
    if data.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be", 2, "utf-16"
    return None


def decode(data: bytes, budget: Optional[ReadBudget] = None) -> Decoded:
    """Decode article bytes: by BOM, as BOM-less UTF-32/16, as UTF-8 (bad bytes replaced), else the likeliest code page."""
    budget = budget or unlimited()
    bom = _bom(data)
    if bom is not None:
        codec, skip, name = bom
        text, bad = _decode_counting(data[skip:], codec)
        return Decoded(text, name, bad)
    wide = sniff_wide(data)
    if wide is not None:
        text, bad = _decode_counting(data, wide)
        return Decoded(text, wide, bad)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    escaped = data.decode("utf-8", errors="surrogateescape")
    bad = sum(len(run) for run in _ESCAPED_RUN.findall(escaped))
    good_high = len(data) - len(data.translate(None, _HIGH)) - bad
    # Valid multi-byte sequences are the mark of UTF-8: no legacy text makes many by chance. Where they
    # outnumber the bad bytes (each good character is two to four bytes), the bad ones are damage.
    if good_high >= 2 * bad:
        return Decoded(_ESCAPED_RUN.sub(lambda m: "\ufffd" * len(m.group()), escaped), "utf-8", bad)
    budget.check()
    return _guess_legacy(data)


def _guess_legacy(data: bytes) -> Decoded:
    # Imported here: charset-normalizer loads its tables on import, and most folders are all UTF-8.
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(LEGACY)).best()
    if best is not None and best.encoding != "cp1252" and "cp1252" not in best.could_be_from_charset:
        western = from_bytes(data, cp_isolation=["cp1252"]).best()
        if western is None or western.chaos > best.chaos + _TIE:
            try:
                return Decoded(data.decode(best.encoding), encoding_name(best.encoding))
            except (UnicodeDecodeError, LookupError):
                pass  # charset-normalizer judged a sample; the whole file disagrees: fall back below
    try:
        return Decoded(data.decode("cp1252"), "windows-1252")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 maps every byte, as Windows does for those five
        return Decoded(data.decode("latin-1"), "latin-1")


def encoding_name(codec: str) -> str:
    """The name people know an encoding by: 'windows-1251' for cp1251, else Python's canonical name."""
    name = codecs.lookup(codec).name
    if re.fullmatch(r"cp125\d", name):
        return "windows-" + name[2:]
    return name
