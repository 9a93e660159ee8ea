"""Markdown is stripped exactly as the old regexes did, but in linear time on any line."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blocking import in_time
from copydesk.core.budget import ReadBudget
from copydesk.core.corpus import load_folder, markdown_to_text
from copydesk.core.markdown import strip_emphasis, strip_links
from copydesk.core.tasks import Cancelled, CancelToken

# The regexes markdown_to_text used before: the reference for what the output must be.
OLD_PREFIX = re.compile(r"^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+(?=\S)|\d+[.)]\s+(?=\S))")
OLD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
OLD_EMPH = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")


def old_markdown_to_text(md):
    lines = []
    for line in md.splitlines():
        if re.fullmatch(r"\s*([-*_]\s*){3,}", line):
            lines.append("")
            continue
        line = OLD_PREFIX.sub("", line)
        line = OLD_LINK.sub(r"\1", line)
        line = OLD_EMPH.sub(r"\2", line)
        lines.append(line)
    return "\n".join(lines)


markdownish = st.lists(st.sampled_from(["[", "]", "(", ")", "!", "*", "**", "_", "__", "`", " ", "\t", "\xa0", "#",
                                        ">", "-", "+", "1.", "2)", "word", "é", "\n", "\n\n", "\r\n", "a", "b"]),
                       max_size=60).map("".join)


@settings(max_examples=400, deadline=None)
@given(markdownish)
def test_same_output_as_the_old_regexes(md):
    assert strip_links(md.replace("\n", " ")) == OLD_LINK.sub(r"\1", md.replace("\n", " "))
    assert strip_emphasis(md.replace("\n", " ")) == OLD_EMPH.sub(r"\2", md.replace("\n", " "))
    assert markdown_to_text(md) == old_markdown_to_text(md)


@pytest.mark.parametrize("md", [
    "# Title\n\nSome **bold** and _em_ text with [a link](http://x).\n\n> quoted line\n\n- item",
    "![photo](a.jpg) caption [one](x) and [two](y) ![x]( [a [b](c) d",
    "**a *b* c** __x__ `code` _a_b_ *a**b* ** spaced ** a*b*c",
    "1. first\n2) second\n   * nested\n***\n- - -\n___ x\n#no space\n####### seven",
])
def test_ordinary_markdown_unchanged(md):
    assert markdown_to_text(md) == old_markdown_to_text(md)


@pytest.mark.parametrize("unit", ["[", "[a](", "_a ", "`a ", "**a ", "![", "*", "1", "- "])
def test_hostile_lines_never_hang(unit):
    # 200 KB of '[' took the old regex about four minutes (quadratic); linear code takes milliseconds.
    # A hang guard, not a timing: `make bench` prints how the time grows with the size.
    md = unit * (200_000 // len(unit))
    assert isinstance(in_time(lambda: markdown_to_text(md), seconds=60), str)


def test_a_markdown_file_of_brackets_loads(tmp_path):
    (tmp_path / "a.md").write_text("[" * 200_000 + "\n\nThe story.", encoding="utf-8")
    (tmp_path / "b.md").write_text("The story, *again*.", encoding="utf-8")
    result = load_folder(str(tmp_path))
    assert len(result.sources) == 2 and not result.problems


def test_the_budget_is_checked_between_lines():
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        markdown_to_text("line\n" * 10, ReadBudget(None, token))
