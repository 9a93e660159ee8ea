"""The JSON contract printed by `copydesk align FOLDER --json`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from copydesk.core import __version__, jsontext
from copydesk.core.align import SIMILARITY_METHOD
from copydesk.core.json_masks import MaskText
from copydesk.core.layout import layout_rows
from copydesk.core.model import Comparison, mask_indices

if TYPE_CHECKING:  # multistory imports the whole engine; the JSON only reads its values
    from copydesk.core.multistory import FolderStories


def _index_list(mask: int) -> list[int]:
    return list(mask_indices(mask))


def comparison_to_json(c: Comparison) -> str:
    """The documented JSON of c as text, safe to encode as UTF-8 (see dumps).

    The same text as jsontext.dumps(comparison_to_dict(c)), built faster: a big folder's spans list
    tens of millions of article indices, so each span's index list goes in as a placeholder that
    json_masks.MaskText swaps for text decoded from the carrier mask in bulk (core/json_masks.py).
    """
    masks = MaskText(len(c.articles))
    return masks.fill(jsontext.dumps(comparison_to_dict(c, masks.placeholder)))


def comparison_to_dict(c: Comparison, indices: Callable[[int], Any] = _index_list) -> dict:
    """Plain dict of a Comparison, in the documented JSON shape (indices: a carrier mask as its JSON list)."""
    articles = []
    for a, art in enumerate(c.articles):
        paragraphs = []
        for p, para in enumerate(art.paragraphs):
            entry = {"text": para.text, "boilerplate": para.boilerplate,
                     "spans": [{"start": s.start, "end": s.end, "shared_with": indices(s.carriers),
                                "reworded_in": indices(s.reworded)}  # same content, other words (core.spans)
                               for s in c.spans[a][p]]}
            if para.boilerplate:
                entry["boilerplate_reason"] = para.boilerplate_reason
            if para.is_title:
                entry["title"] = True
            paragraphs.append(entry)
        st = c.stats[a]
        articles.append({"path": art.path, "title": art.title, "encoding": art.encoding,
                         "paragraphs": paragraphs,
                         "stats": {"words": st.words, "shared_all": st.shared_all,
                                   "shared_some": st.shared_some, "reworded": st.reworded, "unique": st.unique}})
    out = {
        "articles": articles,
        "links": [{"a": list(l.a), "b": list(l.b), "score": l.score} for l in c.links],
        # rows in the default layout's order (core.layout: the first article's reading order)
        "groups": [{"members": [list(m) for m in c.groups[g].members]} for g in layout_rows(c).group_order()],
        "problems": [{"path": p.path, "reason": p.reason, **({} if p.skipped else {"loaded": True})}
                     for p in c.problems],
    }
    if c.findings or c.source_ranking or c.deltas:
        out["findings"] = [f.to_dict() for f in c.findings]
        out["source_ranking"] = [{"article": s.article, "score": s.score} for s in c.source_ranking]
        out["deltas"] = [{"article": d.article, "summary": d.summary,
                          "added": [list(r) for r in d.added], "cut": [list(r) for r in d.cut],
                          "origins": [{"paragraph": list(own), "from": list(src)} for own, src in d.origins]}
                         for d in c.deltas]
    out["meta"] = {"version": __version__, "similarity": SIMILARITY_METHOD, "timings_ms": dict(c.timings_ms),
                   "check_errors": list(c.check_errors)}  # a failed check is reported, never silently missing
    return out


def stories_to_json(fs: FolderStories) -> str:
    """The JSON of a folder holding several stories (see stories_to_dict), safe to encode as UTF-8."""
    return jsontext.dumps(stories_to_dict(fs))


def stories_to_dict(fs: FolderStories) -> dict:
    """{"stories": [...], "problems": [...], "meta": {...}} of a folder compared story by story.

    Each story is comparison_to_dict of its own comparison (indices count that story's articles only)
    with its "id" and "title"; the folder's problems are listed once, at the top.
    """
    stories = []
    for s in fs.stories:
        entry = {"id": s.id, "title": s.title, **comparison_to_dict(s.comparison)}
        del entry["problems"]
        stories.append(entry)
    return {"stories": stories,
            "problems": [{"path": p.path, "reason": p.reason, **({} if p.skipped else {"loaded": True})}
                         for p in fs.problems],
            "meta": {"version": __version__, "similarity": SIMILARITY_METHOD, "timings_ms": dict(fs.timings_ms),
                     "check_errors": sorted({e for s in fs.stories for e in s.comparison.check_errors})}}
