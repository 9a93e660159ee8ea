"""gui.cli.write_stdout writes big texts in pieces, byte for byte what one write would give."""

import io
import sys

from copydesk.gui import cli


def _capture(monkeypatch, encoding):
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding=encoding, newline="")
    monkeypatch.setattr(sys, "stdout", out)
    return raw, out


def test_json_is_written_in_pieces_byte_for_byte(monkeypatch):
    raw, _out = _capture(monkeypatch, "utf-8")
    monkeypatch.setattr(cli, "WRITE_CHUNK", 3)  # many pieces, cut between multi-byte characters
    text = '{"t": "Zelenskyy’s “café” — 10€"}' * 5
    cli.write_stdout(text, utf8=True, end="\n")
    assert raw.getvalue() == (text + "\n").encode("utf-8")


def test_console_text_in_pieces_replaces_what_the_encoding_lacks(monkeypatch):
    raw, out = _capture(monkeypatch, "ascii")
    monkeypatch.setattr(cli, "WRITE_CHUNK", 2)
    cli.write_stdout("ab café x", end="\n")
    out.flush()
    assert raw.getvalue() == b"ab caf? x\n"


def test_empty_text_writes_only_the_end(monkeypatch):
    raw, out = _capture(monkeypatch, "utf-8")
    cli.write_stdout("", utf8=True, end="\n")
    assert raw.getvalue() == b"\n"
