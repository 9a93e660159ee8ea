"""The wheel installs one top-level package, copydesk, and runs beside a distribution that owns `core`."""

import glob
import json
import os
import pathlib
import shutil
import site
import subprocess
import sys
import zipfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


def _build_wheel(project: pathlib.Path, out: pathlib.Path) -> str:
    # pip builds in the project's build/ folder: build a clean copy, so no stale module from an earlier
    # build can slip into the wheel and the checkout is left as it was.
    source = out / "source"
    shutil.copytree(project, source, ignore=shutil.ignore_patterns(".*", "build", "tests", "__pycache__", "*.egg-info"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(out)], check=True, capture_output=True)
    (path,) = glob.glob(str(out / "*.whl"))
    return path


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    return _build_wheel(ROOT, tmp_path_factory.mktemp("wheel"))


def test_wheel_installs_only_the_copydesk_package(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    tops = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert tops == {"copydesk"}
    assert "copydesk/__init__.py" not in names  # an implicit namespace package: nothing to clash over
    sources = {"copydesk/" + p.relative_to(ROOT).as_posix()
               for pkg in ("core", "gui") for p in (ROOT / pkg).rglob("*.py")}
    assert sources <= names
    assert {"copydesk/gui/resources/light.qss", "copydesk/gui/resources/dark.qss",
            "copydesk/gui/resources/icons/copydesk.svg"} <= names
    assert len([n for n in names if n.startswith("copydesk/gui/seeds/") and n.endswith(".txt")]) == 5


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory):
    """A new virtual environment holding the wheel and an unrelated distribution with a top-level `core`.

    Copydesk's own dependencies (PySide6, spaCy, ...) are borrowed from the test's environment through a
    path entry placed after the new environment's site-packages, so only the two wheels live in it.
    """
    base = tmp_path_factory.mktemp("venv")
    other = base / "unrelated"
    (other / "core").mkdir(parents=True)
    (other / "core" / "__init__.py").write_text("MARKER = 'unrelated'\n")
    (other / "pyproject.toml").write_text('[build-system]\nrequires = ["setuptools"]\nbuild-backend = '
                                          '"setuptools.build_meta"\n[project]\nname = "unrelated-core"\n'
                                          'version = "1.0"\n[tool.setuptools]\npackages = ["core"]\n')
    other_wheel = _build_wheel(other, base / "dist")
    env = base / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True)
    python = env / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", "--no-index",
                    other_wheel, wheel], check=True, capture_output=True)
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                             check=True, capture_output=True, text=True).stdout.strip()
    borrowed = [p for p in site.getsitepackages() if os.path.isdir(p)]
    (pathlib.Path(purelib) / "zz_borrowed_dependencies.pth").write_text("\n".join(borrowed) + "\n")
    return env, pathlib.Path(purelib)


def _run(venv_env, *args, **env):
    environ = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "COPYDESK_BLOCK_QT")}
    environ.update(env)
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, env=environ,
                          cwd=venv_env.parent)


def test_installed_wheel_keeps_out_of_another_packages_way(venv):
    env, purelib = venv
    done = _run(env, env / "bin" / "python", "-c",
                "import core, copydesk.core, copydesk.gui.locations as loc; "
                "print(core.MARKER); print(copydesk.core.__file__); print(loc.resources_dir())")
    assert done.returncode == 0, done.stderr
    marker, core_file, resources = done.stdout.split("\n")[:3]
    assert marker == "unrelated"
    assert core_file.startswith(str(purelib / "copydesk" / "core"))
    assert resources == str(purelib / "copydesk" / "gui" / "resources")


def test_installed_wheel_aligns_its_seeds(venv, tmp_path):
    env, purelib = venv
    done = _run(env, env / "bin" / "copydesk", "align", purelib / "copydesk" / "gui" / "seeds", "--json",
                COPYDESK_HOME=str(tmp_path))
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert len(data["articles"]) == 5 and data["links"] and data["findings"]


def test_installed_wheel_renders_a_screenshot(venv, tmp_path):
    env, purelib = venv
    shot = tmp_path / "shot.png"
    done = _run(env, env / "bin" / "copydesk", "gui", purelib / "copydesk" / "gui" / "seeds", "--screenshot", shot,
                QT_QPA_PLATFORM="offscreen", COPYDESK_HOME=str(tmp_path))
    assert done.returncode == 0, done.stderr
    head = shot.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(head[16:20], "big") >= 1000  # width of the rendered window


def test_uninstalling_copydesk_leaves_the_other_package(venv):
    env, _purelib = venv
    subprocess.run([sys.executable, "-m", "pip", "--python", str(env / "bin" / "python"), "uninstall", "-y", "-q",
                    "copydesk"], check=True, capture_output=True)
    done = _run(env, env / "bin" / "python", "-c", "import core; print(core.MARKER)")
    assert done.stdout.strip() == "unrelated", done.stderr
