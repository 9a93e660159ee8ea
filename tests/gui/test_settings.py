"""Preferences and recent folders: tolerant, versioned, atomic JSON in the user's directories."""

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copydesk.core import paths
from copydesk.gui.settings import (MAX_RECENT, Preferences, RecentFolders, last_folder, load_preferences,
                          preferences_file, preferences_from_json, save_preferences)


def write_json(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(data if isinstance(data, str) else json.dumps(data))


def test_preferences_live_in_the_config_dir(copydesk_home):
    assert preferences_file() == os.path.join(str(copydesk_home), "config", "preferences.json")
    assert os.path.dirname(preferences_file()) == paths.config_dir()


def test_defaults_when_nothing_saved():
    assert load_preferences() == Preferences()


def test_save_then_load(copydesk_home):
    prefs = Preferences(theme="dark", palette="high-contrast", font_family="Source Serif 4", font_size=15,
                        boilerplate_patterns=[r"^Photo: .*", "Subscribe now"], min_link_score=0.45,
                        show_boilerplate=False)
    save_preferences(prefs)
    assert load_preferences() == prefs
    with open(preferences_file(), encoding="utf-8") as f:
        assert json.load(f)["version"] == 1


def test_unknown_and_missing_keys_are_tolerated():
    write_json(preferences_file(), {"version": 7, "theme": "light", "toolbar": "hidden"})
    assert load_preferences() == Preferences(theme="light")


@pytest.mark.parametrize("field_name, bad", [
    ("theme", "purple"), ("theme", 3), ("font_size", "12"), ("font_size", True), ("font_size", 400),
    ("min_link_score", 1.5), ("min_link_score", "0.3"), ("show_boilerplate", 1),
    ("boilerplate_patterns", "not a list"), ("boilerplate_patterns", ["ok", 5]), ("palette", None),
])
def test_an_invalid_value_falls_back_to_its_default_only(field_name, bad):
    prefs = preferences_from_json({"font_size": 14, field_name: bad})
    assert getattr(prefs, field_name) == getattr(Preferences(), field_name)
    if field_name != "font_size":
        assert prefs.font_size == 14  # the valid neighbours are kept


def test_integer_score_is_read_as_float():
    prefs = preferences_from_json({"min_link_score": 1})
    assert prefs.min_link_score == 1.0 and isinstance(prefs.min_link_score, float)


@pytest.mark.parametrize("content", ["{broken", "[]", "null", '"text"'])
def test_damaged_file_gives_defaults(content):
    write_json(preferences_file(), content)
    assert load_preferences() == Preferences()


def test_corrupt_file_is_kept_aside_and_replaced_on_save():
    write_json(preferences_file(), "{broken")
    assert load_preferences() == Preferences()
    assert os.path.exists(preferences_file() + ".corrupt-1")  # numbered: an earlier copy is never replaced
    save_preferences(Preferences(font_size=20))
    assert load_preferences().font_size == 20


prefs_strategy = st.builds(
    Preferences, theme=st.sampled_from(["system", "light", "dark"]), palette=st.text(max_size=10),
    font_family=st.text(max_size=20), font_size=st.integers(6, 72),
    boilerplate_patterns=st.lists(st.text(max_size=15), max_size=4),
    min_link_score=st.floats(0.0, 1.0), show_boilerplate=st.booleans())


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(prefs_strategy)
def test_any_valid_preferences_round_trip(prefs):
    save_preferences(prefs)
    assert load_preferences() == prefs


# --- recent folders --------------------------------------------------------------------------

@pytest.fixture
def folders(tmp_path):
    made = []
    for i in range(MAX_RECENT + 3):
        d = tmp_path / f"story{i}"
        d.mkdir()
        made.append(str(d))
    return made


def test_recent_file_lives_in_the_data_dir(copydesk_home, folders):
    recent = RecentFolders()
    recent.add(folders[0])
    assert os.path.exists(os.path.join(paths.data_dir(), "recent.json"))
    assert RecentFolders().items() == [folders[0]]


def test_most_recent_first_without_duplicates(folders):
    recent = RecentFolders()
    for f in (folders[0], folders[1], folders[2], folders[0]):
        recent.add(f)
    assert recent.items() == [folders[0], folders[2], folders[1]]
    recent.add(folders[1] + os.sep)  # the same folder spelled differently
    assert recent.items() == [folders[1], folders[0], folders[2]]


def test_at_most_ten(folders):
    recent = RecentFolders()
    for f in folders:
        recent.add(f)
    assert recent.items() == list(reversed(folders))[:MAX_RECENT]


def test_relative_folders_are_stored_absolute(folders, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    recent = RecentFolders()
    recent.add("story3")
    assert recent.items() == [folders[3]]


def test_vanished_folders_are_hidden(folders):
    recent = RecentFolders()
    recent.add(folders[0])
    recent.add(folders[1])
    os.rmdir(folders[1])
    assert recent.items() == [folders[0]]
    assert last_folder() == folders[0]


def test_clear_and_last_folder(folders):
    assert last_folder() is None
    recent = RecentFolders()
    recent.add(folders[4])
    assert last_folder() == folders[4]
    recent.clear()
    assert recent.items() == [] and last_folder() is None


def test_explicit_path_and_damaged_file(tmp_path, folders):
    path = str(tmp_path / "elsewhere" / "recent.json")
    write_json(path, {"version": 1, "folders": [folders[0], 42, None, folders[1]]})
    assert RecentFolders(path).items() == [folders[0], folders[1]]
    write_json(path, "not json at all")
    assert RecentFolders(path).items() == []
    RecentFolders(path).add(folders[2])
    assert RecentFolders(path).items() == [folders[2]]


def test_recent_folders_survive_a_failing_disk(folders, monkeypatch):
    recent = RecentFolders()
    recent.add(folders[0])

    def full(*args):
        raise OSError("No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(paths, "atomic_write_json", full)
        recent.add(folders[1])  # logged, not raised: opening the folder goes on
        recent.clear()
    assert recent.items() == [folders[0]]
