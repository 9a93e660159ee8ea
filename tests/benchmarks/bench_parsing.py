"""How reading hostile HTML and Markdown grows with the input: linear, where the old parsers were quadratic."""

from __future__ import annotations

import time

from copydesk.core.htmltext import html_to_text
from copydesk.core.markdown import markdown_to_text

CASES = (("html", "<a b='", html_to_text), ("html", "<div>", html_to_text),
         ("markdown", "[", markdown_to_text), ("markdown", "_a ", markdown_to_text))
SIZES = (50_000, 100_000, 200_000)  # characters


def _best(fn, text: str, repeat: int = 3) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(text)
        runs.append(time.perf_counter() - start)
    return min(runs)


def main() -> None:
    """Best-of-three milliseconds per size; the ratio of the last to the first should stay near 4."""
    print("== hostile input, best of 3 (ms): 50 / 100 / 200 KB, growth 50->200 KB (linear = 4x)")
    for kind, unit, fn in CASES:
        times = [_best(fn, unit * (size // len(unit))) * 1000 for size in SIZES]
        print(f"  {kind:<8} {unit!r:<8} " + " / ".join(f"{t:7.1f}" for t in times)
              + f"   x{times[-1] / max(times[0], 1e-6):.1f}")


if __name__ == "__main__":
    main()
