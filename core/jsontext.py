"""JSON text that always encodes as UTF-8, even when it holds names that are not (surrogate escapes)."""

from __future__ import annotations

import json
import re
from typing import Any

_SURROGATE = re.compile("[\ud800-\udfff]")


def dumps(data: Any, indent: int | None = None, sort_keys: bool = False) -> str:
    """JSON text of data: readable non-ASCII, and lone surrogates as \\uXXXX escapes.

    A file or folder name that is not valid UTF-8 reaches Python as a str with lone surrogates
    (surrogateescape). Inside a JSON string their \\udcXX escape is valid JSON that json.loads turns back
    into the same str, so the name round-trips, while the text itself stays encodable as UTF-8.
    """
    text = json.dumps(data, ensure_ascii=False, indent=indent, sort_keys=sort_keys)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
