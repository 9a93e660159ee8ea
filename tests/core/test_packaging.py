"""A built wheel carries every package, the resources and the seeds, and runs outside the checkout."""

import glob
import os
import subprocess
import sys
import zipfile

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", ROOT, "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(out)], check=True, capture_output=True)
    (path,) = glob.glob(str(out / "copydesk-*.whl"))
    return path


def test_wheel_holds_all_code_resources_and_seeds(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    sources = {os.path.relpath(p, ROOT).replace(os.sep, "/")
               for pkg in ("core", "gui") for p in glob.glob(os.path.join(ROOT, pkg, "**", "*.py"), recursive=True)}
    assert sources <= names
    assert {"gui/resources/light.qss", "gui/resources/dark.qss", "gui/resources/icons/copydesk.svg"} <= names
    assert len([n for n in names if n.startswith("gui/seeds/") and n.endswith(".txt")]) == 5


def test_unpacked_wheel_runs_align_on_its_own_seeds(wheel, tmp_path):
    zipfile.ZipFile(wheel).extractall(tmp_path)
    code = ("import sys; sys.path.insert(0, %r)\n"
            "import core, gui.app\n"
            "assert core.__file__.startswith(%r), core.__file__\n"
            "from gui.cli import main\n"
            "raise SystemExit(main(['align', gui.app.seeds_folder(), '--no-checks']))" % (str(tmp_path), str(tmp_path)))
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "5 articles" in done.stdout
