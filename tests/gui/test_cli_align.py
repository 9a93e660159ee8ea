"""`copydesk align`: the JSON contract, the summary, exit codes, and no Qt import on that path."""

import json
import os
import subprocess
import sys

import pytest

from copydesk.gui.cli import main

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEEDS = os.path.join(ROOT, "seeds")


def test_json_contract(capsys):
    assert main(["align", SEEDS, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) >= {"articles", "links", "groups", "problems", "meta"}
    assert [a["path"][:3] for a in out["articles"]] == ["000", "001", "002", "003", "004"]
    first = out["articles"][0]
    assert set(first) >= {"path", "title", "encoding", "paragraphs", "stats"}
    assert set(first["stats"]) >= {"shared_all", "shared_some", "unique"}
    para = first["paragraphs"][2]
    assert para["spans"][0]["start"] == 0 and para["spans"][-1]["end"] == len(para["text"])
    link = out["links"][0]
    assert set(link) == {"a", "b", "score"} and link["a"][0] != link["b"][0]
    assert all(len(m) == 2 for g in out["groups"] for m in g["members"])
    assert out["source_ranking"][0]["article"] == 1  # AP's copy is the likely original
    assert {f["kind"] for f in out["findings"]} <= {"quote", "number", "name", "date", "attribution"}
    delta = {d["article"]: d for d in out["deltas"]}
    assert set(delta) == set(range(5)) and all(d["summary"] for d in delta.values())
    assert all(o["from"][0] != o["paragraph"][0] for d in delta.values() for o in d["origins"])
    timings = out["meta"]["timings_ms"]
    assert {"load", "segment", "align", "total"} <= set(timings) and out["meta"]["version"] == "0.1.0"
    assert out["meta"]["similarity"].startswith("lexical")  # which similarity method ran (issue 9)


def test_summary_and_problems(tmp_path, capsys):
    for name in ("000_dc2fd34f5d07d977.txt", "001_7fe1c8b242bd6e6b.txt"):
        with open(os.path.join(SEEDS, name), encoding="utf-8") as src:
            (tmp_path / name).write_text(src.read(), encoding="utf-8")
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01" * 100)
    assert main(["align", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "2 articles" in out and "skipped broken.txt: binary file" in out


def test_exit_codes(tmp_path, capsys):
    assert main(["align", str(tmp_path / "missing")]) == 2
    assert "no such folder" in capsys.readouterr().err
    assert main(["align"]) == 2
    (tmp_path / "one.txt").write_text("Only one article here.", encoding="utf-8")
    assert main(["align", str(tmp_path)]) == 1
    assert "at least two readable articles" in capsys.readouterr().err


def test_align_path_imports_no_qt():
    code = ("import sys, io, contextlib; from copydesk.gui.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()): rc = main(['align', %r])\n"
            "assert rc == 0, rc\n"
            "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt imported'\n" % SEEDS)
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_json_is_utf8_whatever_the_console_encoding():
    env = dict(os.environ, PYTHONIOENCODING="cp1252")
    out = subprocess.run([sys.executable, "-c", "from copydesk.gui.cli import main; raise SystemExit(main())", "align", SEEDS,
                          "--json", "--no-checks"], cwd=ROOT, env=env, capture_output=True, check=True)
    data = json.loads(out.stdout.decode("utf-8"))
    assert "’" in data["articles"][0]["paragraphs"][0]["text"] or "“" in out.stdout.decode("utf-8")


def _folder_with_undecodable_name(tmp_path):
    """Two seed articles, one under a name that is not valid UTF-8 (Latin-1 'café', a stray 0xff)."""
    raw = b"caf\xe9-\xff.txt"
    folder = os.fsencode(str(tmp_path))
    with open(os.path.join(SEEDS, "000_dc2fd34f5d07d977.txt"), "rb") as src:
        text = src.read()
    try:
        with open(os.path.join(folder, raw), "wb") as f:
            f.write(text)
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    with open(os.path.join(SEEDS, "001_7fe1c8b242bd6e6b.txt"), "rb") as src:
        (tmp_path / "001.txt").write_bytes(src.read())
    return raw


def test_json_with_a_file_name_that_is_not_utf8(tmp_path, capsys):
    raw = _folder_with_undecodable_name(tmp_path)
    assert main(["align", str(tmp_path), "--json"]) == 0
    out = capsys.readouterr().out
    assert "\\udce9" in out  # the undecodable byte, escaped in the JSON
    paths = [a["path"] for a in json.loads(out)["articles"]]
    assert raw in [os.fsencode(p) for p in paths]  # the exact bytes come back (surrogateescape round trip)


def test_json_with_a_file_name_that_is_not_utf8_in_a_real_process(tmp_path):
    """Strict UTF-8 on stdout, exit 0 (it used to be UnicodeEncodeError and 1)."""
    raw = _folder_with_undecodable_name(tmp_path)
    done = subprocess.run([sys.executable, "-m", "copydesk.gui.cli", "align", str(tmp_path), "--json", "--no-checks"],
                          cwd=ROOT, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout.decode("utf-8"))  # strict: any unencodable byte would raise here
    assert raw in [os.fsencode(a["path"]) for a in data["articles"]]


def test_summary_shows_undecodable_names_with_the_replacement_character(tmp_path, capsys):
    _folder_with_undecodable_name(tmp_path)
    assert main(["align", str(tmp_path)]) == 0
    assert "caf\ufffd-\ufffd.txt" in capsys.readouterr().out


def test_dumps_escapes_lone_surrogates_and_keeps_other_text_readable():
    from copydesk.core.jsontext import dumps

    name = os.fsdecode(b"caf\xe9.txt")
    text = dumps({"path": name, "title": "Café — “quoted” 😀", "n": [1, 2.5, None]})
    assert '"caf\\udce9.txt"' in text and "Café — “quoted” 😀" in text
    assert json.loads(text.encode("utf-8").decode("utf-8")) == {"path": name, "title": "Café — “quoted” 😀",
                                                                 "n": [1, 2.5, None]}
