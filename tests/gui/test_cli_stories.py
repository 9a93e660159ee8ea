"""`copydesk align` on a folder of several stories: the "stories" JSON and the summary; one story as before."""

import json
import os
import shutil

from copydesk.core.comparison import CompareOptions, compare_folder
from copydesk.core.export_json import comparison_to_dict
from copydesk.gui.cli import main
from story_fixtures import SEEDS, write_mixed


def _mixed(tmp_path):
    """The five seeds (one story), a three-version fire story and a lone chess article, in one folder."""
    return write_mixed(tmp_path, broken=True)


def _without_timings(d: dict) -> dict:
    d = dict(d)
    d["meta"] = {k: v for k, v in d["meta"].items() if k != "timings_ms"}
    return d


def test_mixed_folder_prints_its_stories(tmp_path, capsys):
    folder = _mixed(tmp_path)
    assert main(["align", str(folder), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"stories", "problems", "meta"}
    assert out["problems"] == [{"path": "broken.txt", "reason": "binary file"}]
    paths = [[a["path"] for a in s["articles"]] for s in out["stories"]]
    seeds = sorted(n for n in os.listdir(SEEDS) if n.endswith(".txt"))
    assert paths == [seeds, ["fire_1.txt", "fire_2.txt", "fire_3.txt"], ["zz_chess.txt"]]
    for story in out["stories"]:
        assert {"id", "title", "articles", "links", "groups", "meta"} <= set(story) and "problems" not in story
        assert story["title"] and len(story["id"]) == 12
        n = len(story["articles"])
        # indices count the story's own articles
        assert all(m[0] < n for g in story["groups"] for m in g["members"])
        assert all(l["a"][0] < n and l["b"][0] < n for l in story["links"])
    macron, fire, chess = out["stories"]
    # a story's title is the headline of its likely original (the AP copy of the seeds)
    assert macron["title"] == macron["articles"][macron["source_ranking"][0]["article"]]["title"]
    assert macron["source_ranking"][0]["article"] == 1 and "wildfire" in fire["title"].lower()
    assert chess["title"] == "Carlsen wins in Zagreb" and chess["links"] == []
    assert any(f["kind"] == "quote" for f in fire["findings"])  # the checks ran per story (March vs spring)
    assert {"stories", "compare", "total"} <= set(out["meta"]["timings_ms"])


def test_each_story_prints_as_if_aligned_alone(tmp_path, capsys):
    folder = _mixed(tmp_path)
    assert main(["align", str(folder), "--json", "--no-checks"]) == 0
    fire = json.loads(capsys.readouterr().out)["stories"][1]
    alone = tmp_path / "alone"
    alone.mkdir()
    for name in ("fire_1.txt", "fire_2.txt", "fire_3.txt"):
        shutil.copy(folder / name, alone / name)
    expected = comparison_to_dict(compare_folder(str(alone), CompareOptions(run_checks=False)))
    del expected["problems"]
    got = {k: v for k, v in fire.items() if k not in ("id", "title")}
    assert _without_timings(got) == _without_timings(expected)


def test_one_story_json_is_unchanged(capsys):
    assert main(["align", SEEDS, "--json", "--no-checks"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert "stories" not in out
    expected = comparison_to_dict(compare_folder(SEEDS, CompareOptions(run_checks=False)))
    assert _without_timings(out) == _without_timings(expected)


def test_summary_lists_the_stories(tmp_path, capsys):
    assert main(["align", str(_mixed(tmp_path)), "--no-checks"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("9 articles in 3 stories")
    assert "Story 2: Wildfire forces evacuation near Castellón — 3 versions" in out
    assert "Story 3: Carlsen wins in Zagreb — 1 version," in out
    assert "skipped broken.txt: binary file" in out
