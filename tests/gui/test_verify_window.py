"""Verify mode: already-masked files are checked again; findings are highlighted, files pass/fail."""

from __future__ import annotations

import numpy as np

from redaction.files.burn import burn
from redaction.files.export import encode_jpeg
from tests.gui.conftest import NAME, FakeDetector, make_page


def test_verify_window_lists_pass_and_fail(qtbot, settings, profile, tmp_path):
    from app.windows.verify_window import FAIL, PASS, VerifyWindow

    folder = tmp_path / "已遮盖"
    folder.mkdir()
    im, regions = make_page("cert")
    pixels = np.ascontiguousarray(np.asarray(im)[:, :, ::-1])
    required = [r for r in regions if r.accepted]
    good = burn(pixels, [r.bbox for r in required])
    leaky = burn(pixels, [r.bbox for r in required if r.kind != "name"])   # the name was missed
    (folder / "XX-证书.jpg").write_bytes(encode_jpeg(good))
    (folder / "XX-证书2.jpg").write_bytes(encode_jpeg(leaky))
    truth = {("XX-证书.jpg", 0): regions, ("XX-证书2.jpg", 0): regions}
    det = FakeDetector(truth, sees_masks=True)
    win = VerifyWindow(settings, lambda: det, profile)
    qtbot.addWidget(win)
    win.show()
    assert win.open_paths([str(folder)])
    qtbot.waitUntil(lambda: not win.is_running() and win.job is None, timeout=20000)
    results = dict(win.file_results())
    assert results == {"XX-证书.jpg": PASS, "XX-证书2.jpg": FAIL}
    # the failing page is shown with its finding highlighted
    assert win.current == (1, 0)
    assert [r.kind for r in win.canvas.regions] == ["name"]
    assert win.canvas.regions[0].text == NAME
    assert win.table.rowCount() == 1
    assert "未通过" in win.tree.topLevelItem(1).text(1)
    assert "通过" == win.tree.topLevelItem(0).text(1)
    assert "通过 1" in win.summary.text() and "未通过 1" in win.summary.text()


def test_main_window_opens_verify_mode(qtbot, window):
    window.act_verify.trigger()
    assert window.verify_window is not None and window.verify_window.isVisible()
    assert window.verify_window.profile == window.state.profile
    window.verify_window.close()
