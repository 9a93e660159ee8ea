"""A folder of several stories for the tests of `copydesk align` and `copydesk export` on it: the five seeds
(story 1), a three-version fire story (story 2) and a lone chess article (story 3)."""

from __future__ import annotations

import os
import pathlib
import shutil

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEEDS = os.path.join(ROOT, "seeds")

FIRE = ("A wildfire fanned by strong winds forced the evacuation of about 4,000 residents from villages near "
        "Castellón on Sunday, regional firefighters said, as 600 firefighters and eleven water bombers fought the blaze.")
FIRE_RE = ("Some 4,000 people were evacuated from villages close to Castellón on Sunday when a wind-driven wildfire "
           "spread through pine forest; 600 firefighters backed by eleven water-bombing planes battled the flames.")
ROADS = ("The regional government closed the CV-10 motorway and two railway lines, and opened sports halls in "
         "Vilafamés and Borriol to shelter the evacuated families overnight.")
QUOTE = '"We have never seen a fire move this fast in March," said mayor Rosa Llorens of Vilafamés.'
CHESS = ("Norwegian grandmaster Magnus Carlsen won the rapid chess tournament in Zagreb on Saturday after beating "
         "Ian Nepomniachtchi in the final round, finishing two points ahead of Fabiano Caruana.")
EXTRA = {
    "fire_1.txt": "Wildfire forces evacuation near Castellón\n\n" + "\n\n".join([FIRE, QUOTE, ROADS]),
    "fire_2.txt": "Thousands flee Spanish wildfire\n\n" + "\n\n".join([FIRE_RE, ROADS, QUOTE.replace("March", "spring")]),
    "fire_3.txt": "Wildfire near Castellón\n\n" + "\n\n".join([FIRE, ROADS]),
    "zz_chess.txt": "Carlsen wins in Zagreb\n\n" + CHESS,
}


def write_mixed(parent: pathlib.Path, broken: bool = False) -> pathlib.Path:
    """Make parent/'wire' holding the seeds, the fire story and the chess article (and a binary file if broken)."""
    folder = parent / "wire"
    folder.mkdir()
    for name in os.listdir(SEEDS):
        if name.endswith(".txt"):
            shutil.copy(os.path.join(SEEDS, name), folder / name)
    for name, text in EXTRA.items():
        (folder / name).write_text(text, encoding="utf-8")
    if broken:
        (folder / "broken.txt").write_bytes(b"\x00\x01" * 100)
    return folder
