"""The speed bench cleans up after itself: every run used to leave its corpus pages and outputs
(bm-speed-*, bm-speed-corpus-*) in the temp dir."""

from __future__ import annotations

import tempfile


def test_the_speed_bench_leaves_no_scratch_folders(tmp_path, monkeypatch, capsys):
    from bench import speed

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert speed.main(["--quick", "--pages", "1"]) == 0
    out = capsys.readouterr().out
    assert "propose / bare OCR" in out and "burn+export / decode+encode" in out
    assert list(tmp_path.iterdir()) == []
    assert tempfile.tempdir == str(tmp_path)      # the process's temp dir is given back
