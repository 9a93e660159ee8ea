"""The JSON contract printed by `copydesk align FOLDER --json`."""

from __future__ import annotations

from copydesk.core import __version__, jsontext
from copydesk.core.layout import layout_rows
from copydesk.core.model import Comparison


def comparison_to_json(c: Comparison) -> str:
    """The documented JSON of c as text, safe to encode as UTF-8 (see dumps)."""
    return jsontext.dumps(comparison_to_dict(c))


def comparison_to_dict(c: Comparison) -> dict:
    """Plain dict of a Comparison, in the documented JSON shape."""
    articles = []
    for a, art in enumerate(c.articles):
        paragraphs = []
        for p, para in enumerate(art.paragraphs):
            entry = {"text": para.text, "boilerplate": para.boilerplate,
                     "spans": [{"start": s.start, "end": s.end, "shared_with": list(s.shared_with)}
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
                                   "shared_some": st.shared_some, "unique": st.unique}})
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
    out["meta"] = {"version": __version__, "timings_ms": dict(c.timings_ms),
                   "check_errors": list(c.check_errors)}  # a failed check is reported, never silently missing
    return out
