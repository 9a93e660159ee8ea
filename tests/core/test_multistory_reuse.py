"""compare_stories(previous=...): after a correction or an edit only the stories whose articles changed are
compared again; the others keep their comparison (checks included)."""

from __future__ import annotations

import dataclasses

from copydesk.core.comparison import CompareOptions, compare_loaded
from copydesk.core.corpus import load_folder
from copydesk.core.multistory import compare_folder_stories
from copydesk.core.stories import StoryOverride
from handmade import AUDIT, BRIDGE, FERRY, MAYOR, PROTEST, story

NO_CHECKS = CompareOptions(run_checks=False)
FIRE = ("A wildfire fanned by strong winds forced the evacuation of about 4,000 residents from villages near "
        "Castellón on Sunday, regional firefighters said, as 600 firefighters and eleven water bombers fought the blaze.")
ROADS = ("The regional government closed the CV-10 motorway and two railway lines, and opened sports halls in "
         "Vilafamés and Borriol to shelter the evacuated families overnight.")
CAUSE = ("Investigators suspect the fire was started by a spark from farm machinery during the heatwave, when "
         "temperatures in the Castellón hills passed 40 degrees.")
CHESS = ("Norwegian grandmaster Magnus Carlsen won the rapid chess tournament in Zagreb on Saturday after beating "
         "Ian Nepomniachtchi in the final round, finishing two points ahead of Fabiano Caruana.")
TEXTS = {
    "a_bridge.txt": story("Council approves harbour bridge", BRIDGE, MAYOR, AUDIT),
    "b_bridge.txt": story("Council approves harbour bridge", BRIDGE, MAYOR, AUDIT, PROTEST),
    "c_bridge.txt": story("Harbour bridge gets the green light", BRIDGE, MAYOR, FERRY),
    "d_fire.txt": story("Wildfire forces evacuation near Castellón", FIRE, ROADS, CAUSE),
    "e_fire.txt": story("Thousands flee Spanish wildfire", FIRE, ROADS),
    "f_chess.txt": story("Carlsen wins in Zagreb", CHESS),
}


def _folder(tmp_path) -> str:
    target = tmp_path / "wire"
    target.mkdir()
    for name, text in TEXTS.items():
        (target / name).write_text(text, encoding="utf-8")
    return str(target)


def _by_paths(found) -> dict:
    return {s.paths: s.comparison for s in found.stories}


def test_moving_an_article_compares_only_the_two_stories_it_touched(tmp_path):
    folder = _folder(tmp_path)
    before = compare_folder_stories(folder, NO_CHECKS)
    assert [s.paths for s in before.stories] == [("a_bridge.txt", "b_bridge.txt", "c_bridge.txt"),
                                                ("d_fire.txt", "e_fire.txt"), ("f_chess.txt",)]
    assert before.reused == 0
    after = compare_folder_stories(folder, NO_CHECKS, overrides=[StoryOverride("c_bridge.txt", "f_chess.txt")],
                                   previous=before)
    assert [s.paths for s in after.stories] == [("a_bridge.txt", "b_bridge.txt"), ("c_bridge.txt", "f_chess.txt"),
                                               ("d_fire.txt", "e_fire.txt")]
    assert after.reused == 1
    old, new = _by_paths(before), _by_paths(after)
    fire = ("d_fire.txt", "e_fire.txt")
    assert new[fire] == old[fire] and new[fire].timings_ms is old[fire].timings_ms  # kept, not recomputed
    # the changed stories are what a fresh comparison of their articles gives
    loaded = load_folder(folder)
    for paths in (("a_bridge.txt", "b_bridge.txt"), ("c_bridge.txt", "f_chess.txt")):
        alone = dataclasses.replace(loaded, sources=tuple(s for s in loaded.sources if s.path in paths), problems=())
        assert new[paths] == compare_loaded(alone, dataclasses.replace(NO_CHECKS, min_articles=1))


def test_an_edited_file_compares_its_story_again(tmp_path):
    folder = _folder(tmp_path)
    before = compare_folder_stories(folder, NO_CHECKS)
    with open(f"{folder}/e_fire.txt", "a", encoding="utf-8") as fh:
        fh.write("\n\nA second evacuation order came on Monday morning for two more villages.")
    after = compare_folder_stories(folder, NO_CHECKS, previous=before)
    assert after.reused == 2
    fire = ("d_fire.txt", "e_fire.txt")
    assert _by_paths(after)[fire] != _by_paths(before)[fire]
    assert "second evacuation" in _by_paths(after)[fire].articles[1].text


def test_other_options_compare_every_story_again(tmp_path):
    folder = _folder(tmp_path)
    before = compare_folder_stories(folder, NO_CHECKS)
    stricter = dataclasses.replace(NO_CHECKS, boilerplate_patterns=("^Carlsen",))
    assert compare_folder_stories(folder, stricter, previous=before).reused == 0
    assert compare_folder_stories(folder, NO_CHECKS, previous=before).reused == 3


def test_kept_comparisons_get_the_checks_when_they_are_asked_for(tmp_path):
    folder = _folder(tmp_path)
    before = compare_folder_stories(folder, NO_CHECKS)
    assert not any(s.comparison.checks_ran for s in before.stories)
    checked = compare_folder_stories(folder, CompareOptions(), previous=before)
    assert checked.reused == 3 and all(s.comparison.checks_ran for s in checked.stories)
    # and checks already run are kept when the next comparison runs without them (the app checks later)
    again = compare_folder_stories(folder, NO_CHECKS, previous=checked)
    assert all(s.comparison.checks_ran for s in again.stories)


def test_a_folder_of_one_story_is_kept_with_its_problems(tmp_path):
    target = tmp_path / "one"
    target.mkdir()
    for name in ("a_bridge.txt", "b_bridge.txt", "c_bridge.txt"):
        (target / name).write_text(TEXTS[name], encoding="utf-8")
    (target / "broken.txt").write_bytes(b"\x00\x01" * 50)
    before = compare_folder_stories(str(target), NO_CHECKS)
    after = compare_folder_stories(str(target), NO_CHECKS, previous=before)
    assert after.single and after.reused == 1
    assert after.stories[0].comparison == before.stories[0].comparison
    assert [p.path for p in after.stories[0].comparison.problems] == ["broken.txt"]
