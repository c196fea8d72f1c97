"""校验模式's roster audit (issue 16 item 6): open a 花名册 and a root folder, the audit core runs in
the background, the applicants' table shows 通过 / 未通过 / 缺材料 per applicant, and choosing a
failing applicant shows their pages with the findings highlighted. The roster and folders are the
CLI audit tests' own (tests/test_audit.py; the audit_tree fixture in tests/conftest.py), so the table
is held to the same expectations."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtWidgets import QMessageBox

from testkit.corpus import APPLICANTS
from tests.test_audit import EXPECTED


def expected_status(seq: str) -> str:
    from app.windows.roster_panel import FAIL, MISSING, PASS

    files = EXPECTED[seq]
    if files is None:
        return MISSING
    return FAIL if any(sev == "fail" for found in files.values() for _k, sev in found) else PASS


def open_window(qtbot, settings, factory=None):
    from app.windows.verify_window import VerifyWindow

    win = VerifyWindow(settings, factory)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def wait_audit(qtbot, win, timeout=600_000):
    qtbot.waitUntil(lambda: not win.roster.is_running() and win.roster.job is None, timeout=timeout)


@pytest.mark.slow
def test_the_roster_audit_lists_every_applicant_and_shows_a_failing_ones_findings(qtbot, settings, audit_tree,
                                                                                    tmp_path, monkeypatch):
    from app.windows.roster_panel import MISSING, PASS

    win = open_window(qtbot, settings)          # the real detector
    assert win.open_roster(audit_tree / "花名册.xlsx", audit_tree / "材料")
    assert win.roster.isVisible() and win.roster.progress.isVisible()
    wait_audit(qtbot, win)
    panel = win.roster
    assert panel.result is not None and panel.result.checked == 14
    got = {seq: status for seq, _name, status in panel.statuses()}
    assert got == {str(i): expected_status(str(i)) for i in range(1, 13)}
    assert [k for k, v in got.items() if v == PASS] == ["1", "8", "12"] and got["11"] == MISSING
    shown = [panel.table.item(i, 3).text() for i in range(12)]
    assert shown[0] == "通过" and shown[1] == "未通过" and shown[10] == "缺材料"
    assert "01.jpg" in panel.table.item(1, 4).text() and "姓名" in panel.table.item(1, 4).text()
    assert "含元数据" in panel.table.item(7, 4).text()          # a warning, shown, and still a pass
    assert "通过 3，未通过 8，缺材料 1" in panel.summary.text() and "99-待分配" in panel.summary.text()

    # 序号 2 left their name and employer visible: choosing the row shows that page, both boxes drawn
    panel.select(1)
    assert win.profile.name == APPLICANTS[1].name
    assert win.current == (0, 0)
    assert sorted(r.kind for r in win.canvas.regions) == ["employer", "name"]
    assert APPLICANTS[1].name in {r.text for r in win.canvas.regions}
    assert win.table.rowCount() == 2 and win.tree.topLevelItem(0).text(1).startswith("未通过")
    assert win.canvas.page_size[0] > 0

    # 序号 5: the misfiled page (02.jpg) is the one shown, with the other applicant's name boxed
    panel.select(4)
    assert win.current == (1, 0)
    assert "other_name" in {r.kind for r in win.canvas.regions}
    assert win.tree.topLevelItem(0).text(1) == "通过"

    # 序号 3, a sideways page: a finding without a box is listed, not drawn
    panel.select(2)
    assert win.canvas.regions == [] and win.table.item(0, 0).text() == "方向不正"

    # failures only
    panel.fail_only.setChecked(True)
    assert [panel.table.isRowHidden(i) for i in (0, 1, 7, 10, 11)] == [True, False, True, False, True]
    panel.fail_only.setChecked(False)

    # the CLI's reports, never inside the root
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a: warnings.append(a[2])))
    assert panel.write_report(tmp_path / "核查报告.html")
    html = (tmp_path / "核查报告.html").read_text("utf-8")
    assert html.count("<tr class='applicant") == 12
    assert not panel.write_report(audit_tree / "材料" / "r.html") and "inside" in warnings[-1]

    # re-run: every file comes from the ledger unchanged, the same statuses
    assert panel.start()
    wait_audit(qtbot, win)
    assert (panel.result.checked, panel.result.reused) == (0, 14)
    assert {seq: s for seq, _n, s in panel.statuses()} == got
    assert "本次核查 0 个文件，未改动 14 个" in panel.summary.text()
    win.close()


class SlowNothingDetector:
    """Finds nothing, slowly (the audit's file rules still apply)."""

    def __init__(self, delay=0.25):
        self.delay, self.calls, self.lock = delay, 0, threading.Lock()

    def propose_upright(self, page, profile, others=None):
        with self.lock:
            self.calls += 1
        time.sleep(self.delay)
        return page, 0, []


def test_a_cancelled_audit_resumes_where_it_stopped(qtbot, settings, audit_tree, tmp_path):
    det = SlowNothingDetector()
    win = open_window(qtbot, settings, lambda: det)
    panel = win.roster
    assert win.open_roster(audit_tree / "花名册.csv", audit_tree / "材料")
    from app.windows.roster_panel import ledger_path

    assert tmp_path in ledger_path(panel.roster_path, panel.root).parents   # the app's data folder
    qtbot.waitUntil(lambda: panel.progress.value() >= 2, timeout=20000)
    assert panel.btn_cancel.isEnabled()
    panel.cancel()
    wait_audit(qtbot, win, 20000)
    assert panel.result is None and "已取消" in panel.summary.text()
    done = det.calls
    assert 2 <= done < 14
    assert panel.start()
    wait_audit(qtbot, win, 30000)
    assert panel.result.reused >= 2 and panel.result.checked + panel.result.reused == 14
    # the file rules alone: the PNG, the PDF and the corrupt page fail; the missing row; a warning passes
    got = {seq: s for seq, _n, s in panel.statuses()}
    assert got["4"] == got["10"] == got["6"] == got["7"] == "fail" and got["11"] == "missing"
    assert got["1"] == got["8"] == "pass"
    assert panel.btn_report.isEnabled() and panel.btn_run.text() == "重新核查"
    # a corrupt page: listed as 无法打开, no page to draw
    panel.select(5)
    assert win.current == (1, 0) and win.table.item(0, 0).text() == "无法打开"
    assert win.canvas.page_size == (0, 0) and win.tree.topLevelItem(1).text(1).startswith("未通过")
    # an applicant without a folder: nothing to show, and it says so
    panel.select(10)
    assert win.inputs == [] and win.info.text() == "此申报人没有可核查的文件"
    win.close()


def test_a_roster_without_an_employer_column_is_refused_with_its_row(qtbot, settings, tmp_path, monkeypatch):
    bad = tmp_path / "花名册.csv"
    bad.write_text("标题\n序号,姓名,性别\n1,王芳,女\n", encoding="utf-8")
    (tmp_path / "材料").mkdir()
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a: warnings.append(a[2])))
    win = open_window(qtbot, settings, lambda: SlowNothingDetector())
    assert not win.open_roster(bad, tmp_path / "材料")
    assert warnings and "row 2" in warnings[0] and "工作单位" in warnings[0]
    assert win.roster.job is None
    win.close()
