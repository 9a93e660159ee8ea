"""Stories in one folder: grouping (core.stories) and each story compared on its own (core.multistory)."""

from __future__ import annotations

import os
import random
import shutil
import sys

import pytest

from copydesk.core.comparison import CompareOptions, compare_folder, compare_loaded
from copydesk.core.corpus import FolderError, LoadResult, SourceText, load_folder
from copydesk.core.multistory import compare_folder_stories, compare_stories
from copydesk.core.stories import StoryOptions, StoryOverride, group_stories
from copydesk.core.tasks import Cancelled, CancelToken
from handmade import AUDIT, BRIDGE, FERRY, MAYOR, PROTEST, story

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "benchmarks"))
from bench_stories import bcubed, dev_clusters, perturb  # noqa: E402  (the benchmark's folders and scorer)

DEV = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "eval", "newsalign-dev"))
needs_dev = pytest.mark.skipif(not os.path.isdir(DEV), reason="newsalign-dev is not on this machine")
NO_CHECKS = CompareOptions(run_checks=False)

FIRE_HEAD = "Wildfire forces evacuation of 4,000 residents near Castellón"
FIRE = ("A wildfire fanned by strong winds forced the evacuation of about 4,000 residents from villages near "
        "Castellón on Sunday, regional firefighters said, as 600 firefighters and eleven water bombers fought the blaze.")
FIRE_RE = ("Some 4,000 people were evacuated from villages close to Castellón on Sunday when a wind-driven wildfire "
           "spread through pine forest; 600 firefighters backed by eleven water-bombing planes battled the flames.")
FIRE_ROADS = ("The regional government closed the CV-10 motorway and two railway lines, and opened sports halls in "
              "Vilafamés and Borriol to shelter the evacuated families overnight.")
FIRE_ROADS_RE = ("Authorities shut the CV-10 motorway and two rail lines and set up shelters in sports halls in "
                 "Vilafamés and Borriol for the evacuated families.")
FIRE_CAUSE = ("Investigators suspect the fire was started by a spark from farm machinery during the heatwave, when "
              "temperatures in the Castellón hills passed 40 degrees.")
CHESS = ("Norwegian grandmaster Magnus Carlsen won the rapid chess tournament in Zagreb on Saturday after beating "
         "Ian Nepomniachtchi in the final round, finishing two points ahead of Fabiano Caruana.")
CHESS_2 = ("Carlsen said he had enjoyed the Croatian crowd and would return next year; Caruana and Nepomniachtchi "
           "shared second place with Wesley So, who lost only one game in Zagreb.")
BRIDGE_HEAD = "Council approves harbour bridge after long debate"


def _sources(texts: dict[str, str]) -> tuple[SourceText, ...]:
    return tuple(SourceText(name, text, "utf-8") for name, text in sorted(texts.items()))


def _folder(tmp_path, texts: dict[str, str]) -> str:
    target = tmp_path / "wire"
    target.mkdir(exist_ok=True)
    for name, text in texts.items():
        (target / name).write_text(text, encoding="utf-8")
    return str(target)


def _partition(grouping) -> set[frozenset[str]]:
    return {frozenset(s.paths) for s in grouping.stories}


HANDMADE = {
    "bridge_a.txt": story(BRIDGE_HEAD, BRIDGE, MAYOR, AUDIT),
    "bridge_b.txt": story(BRIDGE_HEAD, BRIDGE, MAYOR, AUDIT, PROTEST),
    "bridge_c.txt": story("Harbour bridge gets the green light", BRIDGE, MAYOR.replace("three", "four"), FERRY),
    "fire_a.txt": story(FIRE_HEAD, FIRE, FIRE_ROADS, FIRE_CAUSE),
    "fire_b.txt": story("Thousands flee Spanish wildfire", FIRE_RE, FIRE_ROADS_RE),
    "fire_c.txt": story(FIRE_HEAD, FIRE, FIRE_CAUSE, FIRE_ROADS_RE),
    "chess.txt": story("Carlsen wins in Zagreb", CHESS, CHESS_2),
}
BRIDGE_STORY = frozenset({"bridge_a.txt", "bridge_b.txt", "bridge_c.txt"})
FIRE_STORY = frozenset({"fire_a.txt", "fire_b.txt", "fire_c.txt"})


def test_handmade_folder_holds_two_stories_and_a_singleton():
    grouping = group_stories(_sources(HANDMADE))
    assert _partition(grouping) == {BRIDGE_STORY, FIRE_STORY, frozenset({"chess.txt"})}
    # stories in folder order of their first article, members in folder order
    assert [s.paths[0] for s in grouping.stories] == ["bridge_a.txt", "chess.txt", "fire_a.txt"]
    assert grouping.stories[0].title == BRIDGE_HEAD
    assert grouping.story_of("fire_b.txt") == 2 and grouping.story_of("nothing.txt") is None


def test_grouping_does_not_depend_on_file_order_or_names():
    base = group_stories(_sources(HANDMADE))
    items = list(HANDMADE.items())
    for seed in range(4):
        random.Random(seed).shuffle(items)
        renamed = {f"{k:02d}_{name[::-1]}": text for k, (name, text) in enumerate(items)}
        grouping = group_stories(tuple(SourceText(n, t, "utf-8") for n, t in renamed.items()))
        by_text = {frozenset(renamed[p] for p in s.paths) for s in grouping.stories}
        assert by_text == {frozenset(HANDMADE[p] for p in s.paths) for s in base.stories}
        assert {s.id for s in grouping.stories} == {s.id for s in base.stories}  # ids follow content, not names


def test_no_chaining_through_an_inserted_paragraph():
    # a fire version carries the bridge story's lede and a bridge version the fire story's: each is close
    # to a version of the other story, yet the two stories stay apart
    texts = dict(HANDMADE)
    texts["fire_b.txt"] = story("Thousands flee Spanish wildfire", FIRE_RE, BRIDGE, FIRE_ROADS_RE)
    texts["bridge_c.txt"] = story("Harbour bridge gets the green light", BRIDGE, FIRE, MAYOR, FERRY)
    sources = _sources(texts)
    assert _partition(group_stories(sources)) == {BRIDGE_STORY, FIRE_STORY, frozenset({"chess.txt"})}
    # without the average-link guard the candidate pairs alone would chain the two stories into one
    chained = group_stories(sources, StoryOptions(min_link=0.0))
    assert BRIDGE_STORY | FIRE_STORY in _partition(chained)


def test_singleton_story_is_compared_alone(tmp_path):
    found = compare_folder_stories(_folder(tmp_path, HANDMADE), NO_CHECKS)
    assert len(found.stories) == 3 and not found.single
    chess = found.stories[found.story_of("chess.txt")]
    assert chess.paths == ("chess.txt",) and len(chess.comparison.articles) == 1
    assert chess.comparison.links == () and chess.comparison.stats[0].unique == 1.0
    assert chess.title == "Carlsen wins in Zagreb"


def test_checks_can_fill_a_story_later(tmp_path):
    from copydesk.core.findings import run_checks

    found = compare_folder_stories(_folder(tmp_path, HANDMADE), NO_CHECKS)
    k = found.story_of("bridge_b.txt")
    later = found.with_comparison(k, run_checks(found.stories[k].comparison))
    assert later.stories[k].comparison.checks_ran and not found.stories[k].comparison.checks_ran
    assert later.stories[k].id == found.stories[k].id and later.stories[:k] == found.stories[:k]


def test_one_story_folder_is_compared_exactly_as_before(seeds_dir):
    found = compare_folder_stories(seeds_dir, NO_CHECKS)
    assert found.single and len(found.stories[0].paths) == 5
    assert found.stories[0].comparison == compare_folder(seeds_dir, NO_CHECKS)


def test_fewer_than_two_articles_raise_as_before(tmp_path):
    with pytest.raises(FolderError, match="at least two"):
        compare_folder_stories(_folder(tmp_path, {"only.txt": story(FIRE_HEAD, FIRE)}), NO_CHECKS)


@pytest.mark.parametrize("checks", [False, True])
def test_each_story_equals_the_story_aligned_alone(tmp_path, checks):
    options = CompareOptions(run_checks=checks)
    found = compare_folder_stories(_folder(tmp_path, HANDMADE), options)
    for s in found.stories:
        alone = tmp_path / f"alone_{s.id}"
        alone.mkdir()
        for path in s.paths:
            shutil.copy(tmp_path / "wire" / path, alone / path)
        if len(s.paths) > 1:
            expected = compare_folder(str(alone), options)
        else:
            expected = compare_loaded(load_folder(str(alone)), CompareOptions(run_checks=checks, min_articles=1))
        got = s.comparison
        assert got.stats == expected.stats and got.links == expected.links and got.groups == expected.groups
        assert got.spans == expected.spans and got.findings == expected.findings


def test_overrides_move_and_split_articles():
    moved = group_stories(_sources(HANDMADE), overrides=[StoryOverride("chess.txt", "fire_b.txt"),
                                                         StoryOverride("bridge_c.txt")])
    assert _partition(moved) == {BRIDGE_STORY - {"bridge_c.txt"}, FIRE_STORY | {"chess.txt"},
                                 frozenset({"bridge_c.txt"})}
    ignored = group_stories(_sources(HANDMADE), overrides=[StoryOverride("gone.txt", "fire_a.txt")])
    assert _partition(ignored) == _partition(group_stories(_sources(HANDMADE)))


def test_story_ids_survive_an_unrelated_article():
    before = group_stories(_sources(HANDMADE))
    more = dict(HANDMADE, **{"zz_other.txt": story("Chess", CHESS_2, CHESS)})
    after = group_stories(_sources(more))
    assert before.stories[0].id == after.by_id(before.stories[0].id).id
    assert after.by_id(before.stories[2].id).paths == before.stories[2].paths


def test_progress_is_monotone_and_cancel_stops(tmp_path):
    loaded = load_folder(_folder(tmp_path, HANDMADE))
    seen: list[tuple[str, float]] = []
    compare_stories(loaded, NO_CHECKS, progress=lambda stage, f: seen.append((stage, f)))
    compare = [f for stage, f in seen if stage == "compare"]
    assert compare and compare == sorted(compare) and compare[-1] == 1.0
    assert any(stage == "stories" for stage, _ in seen)
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        compare_stories(loaded, NO_CHECKS, cancel=token)


def _dev_texts() -> dict[str, list[tuple[str, str]]]:
    return dev_clusters(DEV)


@needs_dev
def test_every_dev_cluster_alone_is_one_story():
    split = []
    for cluster, files in _dev_texts().items():
        grouping = group_stories(tuple(SourceText(n, t, "utf-8") for n, t in files))
        if len(grouping.stories) != 1:
            split.append(cluster)
    assert split == []


@needs_dev
@pytest.mark.parametrize("copies", [0, 4])
def test_all_dev_clusters_in_one_folder_are_found(copies):
    # every cluster's articles in one folder, with `copies` lightly perturbed extra versions of each
    gold, sources = {}, []
    for cluster, files in _dev_texts().items():
        for name, text in files:
            for k in range(copies + 1):
                path = f"{cluster}__{k}_{name}"
                body = text if k == 0 else perturb(text, random.Random(path))
                gold[path] = cluster
                sources.append(SourceText(path, body, "utf-8"))
    grouping = group_stories(tuple(sources))
    pred = {p: k for k, s in enumerate(grouping.stories) for p in s.paths}
    precision, recall, f1 = bcubed(pred, gold)
    assert f1 >= 0.97, (precision, recall)
    assert abs(len(grouping.stories) - len(set(gold.values()))) <= 4


@needs_dev
def test_dev_stories_mixed_compare_as_alone(tmp_path):
    texts = _dev_texts()
    chosen = ["isen_text_105", "ruen_aif.321208", "jaen_saga_shimbun-ja.8445"]
    mixed = {f"{c}__{n}": t for c in chosen for n, t in texts[c]}
    found = compare_folder_stories(_folder(tmp_path, mixed), NO_CHECKS)
    assert _partition(found.grouping) == {frozenset(p for p in mixed if p.startswith(c + "__")) for c in chosen}
    for s in found.stories:
        cluster = s.paths[0].split("__")[0]
        alone = compare_loaded(LoadResult("x", tuple(SourceText(f"{cluster}__{n}", t, "utf-8")
                                                     for n, t in texts[cluster]), ()), NO_CHECKS)
        assert s.comparison.stats == alone.stats and s.comparison.links == alone.links


def test_a_folder_of_lone_versions_is_compared_as_one_story():
    # two loose rewrites that share too little to look like one story (a real paraphrase-dev pair):
    # splitting them would leave nothing to compare, so the folder stays one story
    texts = {"chess.txt": HANDMADE["chess.txt"], "fire_a.txt": HANDMADE["fire_a.txt"]}
    grouping = group_stories(_sources(texts))
    assert len(grouping.stories) == 1 and set(grouping.stories[0].paths) == set(texts)
    # a third article that does share a story with one of them still makes the folder two stories
    texts["fire_b.txt"] = HANDMADE["fire_b.txt"]
    assert len(group_stories(_sources(texts)).stories) == 2
