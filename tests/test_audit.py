"""`blindmask audit` (issue 16): a generated roster of 12 applicants (xlsx and GBK csv, with a
title row, a 单位（盖章） row, an empty and a duplicate row) against masked folders with masked,
unmasked, sideways, PNG, PDF, misfiled, corrupt, low-resolution and badly named pages → the exact
findings per applicant; an unchanged re-run checks nothing; the ledger survives SIGKILL."""

from __future__ import annotations

import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import cv2
import pytest

from redaction.audit.roster import RosterError, read_roster
from redaction.cli import main
from redaction.files.burn import burn
from testkit.corpus import APPLICANTS, FILLER
from tests.conftest import render_page, text_box, write_image

SIZE = (800, 1100)           # small pages keep the suite fast (an A4 page at ~95 dpi)
HEADER = ["序号", "姓名", "性别", "族别", "政治面貌", "身份证号码", "现任专业技术职务", "获现任专业技术职务时间",
          "拟晋升专业技术职务", "工作单位", "是否通过", "备注", "别名", "曾用单位"]


def attachment(ap, masked=True, other_org="新疆大学", other_person="张建国", px=26):
    """A page naming the applicant and their employer among ordinary lines; masked = the name
    and employer burned out as redact does."""
    lines = [(60, 60, "工作业绩证明", 34), (60, 140, "姓名：", px), (150, 140, ap.name, px),
             (60, 200, "工作单位：", px), (200, 200, ap.employers[0], px),
             (60, 260, f"联系人：{other_person}", px), (60, 320, f"毕业院校：{other_org}", px)]
    lines += [(60, 400 + 50 * i, FILLER[i][:26], px) for i in range(8)]
    page = render_page(lines, size=SIZE, font_px=px)
    if masked:
        boxes = [text_box(150, 140, ap.name, px), text_box(200, 200, ap.employers[0], px)]
        page = burn(page, [(x0 - 6, y0 - 6, x1 + 6, y1 + 6) for x0, y0, x1, y1 in boxes], (0, 0, 0))
    return page


def exif_jpeg(page) -> bytes:
    import io

    from PIL import Image

    img = Image.fromarray(cv2.cvtColor(page, cv2.COLOR_BGR2RGB))
    exif = Image.Exif()
    exif[0x0131] = "Scanner 1.0"          # Software
    buf = io.BytesIO()
    img.save(buf, "JPEG", exif=exif.tobytes(), quality=90)
    return buf.getvalue()


#: 序号 → {file: sorted (kind, severity)}; None = no folder (missing). The tree is built by the
#: `audit_tree` fixture in tests/conftest.py (shared with tests/gui/test_roster_audit.py) from the
#: builders above.
EXPECTED = {
    "1": {"01.jpg": []},
    "2": {"01.jpg": [("employer", "fail"), ("name", "fail")]},
    "3": {"01.jpg": [("not_upright", "fail")]},
    "4": {"01.png": [("not_jpeg", "fail")]},
    "5": {"01.jpg": [], "02.jpg": [("other_employer", "warn"), ("other_name", "fail")]},
    "6": {"01.jpg": [], "02.jpg": [("unreadable", "fail")]},
    "7": {"XX_01.jpg": [], "张晓燕_02.jpg": [("name_in_filename", "fail")]},
    "8": {"01.jpg": [("metadata", "warn")]},
    "9": {"01.jpg": [("illegible", "fail")]},
    "10": {"01.pdf": [("not_jpeg", "fail")]},
    "11": None,
    "12": {"01.jpg": []},
}
MATCHED_BY = {"1": "姓名", "3": "身份证号码", "9": "序号"}


def _id(i: int) -> str:
    return f"65010119{80 + i:02d}0101{i:03d}X"


def roster_rows():
    rows = []
    for i, ap in enumerate(APPLICANTS, 1):
        rows.append([str(i), ap.name, ap.sex, ap.ethnic, "群众", _id(i), "工程师", "2018-07", ap.title,
                     ap.employers[0], "", "", "、".join(ap.aliases), "、".join(ap.employers[1:])])
    return rows


def write_xlsx(path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sh = book.active
    sh.append(["2024年度专业技术职务任职资格申报人员花名册"])
    sh.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    sh.append(["单位（盖章）：", None, None, "填报日期："])
    sh.append(HEADER)
    rows = roster_rows()
    for i, row in enumerate(rows):
        sh.append([int(row[0])] + row[1:])     # Excel keeps 序号 as a number
        if i == 4:
            sh.append([None] * len(HEADER))    # an empty row
    sh.append(rows[1])                         # a duplicate of row 2
    sh.append(["填表人：李娜"])                   # a footer without a name
    book.save(path)


def write_csv(path: Path) -> None:
    with open(path, "w", encoding="gbk", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["2024年度专业技术职务任职资格申报人员花名册"] + [""] * (len(HEADER) - 1))
        w.writerow(["单位（盖章）：", "", "", "填报日期："])
        w.writerow(HEADER)
        for row in roster_rows():
            w.writerow(row)
        w.writerow([""] * len(HEADER))


def _findings(applicant) -> dict:
    return {e["file"]: sorted((x["kind"], x["severity"]) for x in e["findings"]) for e in applicant["files"]}


def test_the_roster_reader_finds_the_header_and_skips_what_is_not_an_applicant(audit_tree):
    for name in ("花名册.xlsx", "花名册.csv"):
        roster = read_roster(audit_tree / name)
        assert [r.seq for r in roster.rows] == [str(i) for i in range(1, 13)]
        assert roster.rows[0].aliases == ("阿依古丽",) and roster.rows[0].former == ("阿克苏地区环境监测站",)
        assert roster.rows[0].row == 4
    notes = read_roster(audit_tree / "花名册.xlsx").notes
    assert any("repeats row 5" in n for n in notes) and any("no 姓名" in n for n in notes)


def test_a_roster_without_a_name_or_employer_column_is_exit_2(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("标题\n序号,姓名,性别\n1,王芳,女\n", encoding="utf-8")
    with pytest.raises(RosterError, match=r"bad.csv: row 2: the header row has no 工作单位 column"):
        read_roster(bad)
    (tmp_path / "root").mkdir()
    assert main(["audit", str(bad), "--root", str(tmp_path / "root"), "--report", str(tmp_path / "r.html")]) == 2
    assert "row 2" in capsys.readouterr().err


def test_the_report_is_never_written_inside_a_masked_folder(audit_tree, capsys):
    root = audit_tree / "材料"
    for report in (root / "r.html", root / APPLICANTS[0].name / "r.html"):
        assert main(["audit", str(audit_tree / "花名册.csv"), "--root", str(root), "--report", str(report)]) == 2
        assert "inside" in capsys.readouterr().err
        assert not report.exists()


def test_audit_finds_exactly_what_each_applicant_breaks(audit_tree, capsys):
    out = audit_tree / "报告"
    args = ["audit", str(audit_tree / "花名册.xlsx"), "--root", str(audit_tree / "材料"), "--report",
            str(out / "r.html"), "--json", str(out / "r.json"), "--xlsx", str(out / "r.xlsx"), "--jobs", "1"]
    assert main(args) == 1
    printed = capsys.readouterr().out
    assert "Files checked 14, unchanged 0 (pages 14 / 0)" in printed
    report = json.loads((out / "r.json").read_text("utf-8"))
    applicants = report["applicants"]
    assert [a["序号"] for a in applicants] == [str(i) for i in range(1, 13)]
    got = {a["序号"]: (_findings(a) if a["folder"] else None) for a in applicants}
    assert got == EXPECTED
    status = {a["序号"]: a["status"] for a in applicants}
    assert [k for k, v in status.items() if v == "pass"] == ["1", "8", "12"]
    for seq, how in MATCHED_BY.items():
        assert applicants[int(seq) - 1]["matched_by"] == how
    misfiled = next(x for x in applicants[4]["files"][1]["findings"] if x["kind"] == "other_name")
    assert "古丽娜尔" in misfiled["detail"] and misfiled["box"]
    assert [u["folder"] for u in report["unassigned"]] == ["99-待分配"]
    assert (out / "audit.sqlite").is_file()
    # the spreadsheet: one row per applicant in roster order
    import openpyxl

    sheet = openpyxl.load_workbook(out / "r.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == [str(i) for i in range(1, 13)]
    assert [r[5] for r in rows[1:]].count("通过") == 3
    assert "张晓燕_02.jpg" in rows[7][6]
    # the HTML: self-contained (inline thumbnails, nothing fetched), one row per applicant
    page = (out / "r.html").read_text("utf-8")
    assert page.count("<tr class='applicant") == 12 and "data:image/jpeg;base64," in page
    assert "http://" not in page and "https://" not in page and "<link" not in page
    assert 'id="failonly"' in page

    # An unchanged re-run, here from the GBK csv of the same roster, checks no page at all.
    args[1] = str(audit_tree / "花名册.csv")
    assert main(args) == 1
    printed = capsys.readouterr().out
    assert "Files checked 0, unchanged 14 (pages 0 / 14)" in printed
    again = json.loads((out / "r.json").read_text("utf-8"))

    def same(items):   # the csv has no empty row in the middle: row numbers differ
        return [{k: v for k, v in a.items() if k != "row"} for a in items]

    assert same(again["applicants"]) == same(applicants)

    # One file changed: exactly that file is checked again.
    target = audit_tree / "材料" / APPLICANTS[1].name / "01.jpg"
    write_image(target, attachment(APPLICANTS[1]))
    try:
        assert main(args) == 1
        printed = capsys.readouterr().out
        assert "Files checked 1, unchanged 13 (pages 1 / 13)" in printed
        fixed = json.loads((out / "r.json").read_text("utf-8"))["applicants"][1]
        assert fixed["status"] == "pass"
    finally:
        write_image(target, attachment(APPLICANTS[1], masked=False))


def _ledger_rows(path: Path):
    db = sqlite3.connect(str(path))
    try:
        return db.execute("SELECT folder, file, page, file_hash, row_key, settings_key, applicant, status, "
                          "findings FROM pages ORDER BY folder, file, page").fetchall()
    finally:
        db.close()


@pytest.mark.slow
def test_a_killed_audit_resumes_to_the_same_ledger(tmp_path):
    """SIGKILL halfway (the whole process group), then run again: the ledger ends exactly as an
    uninterrupted run's, and the resumed run checks only what the killed one had not recorded."""
    root = tmp_path / "材料"
    rows = [["单位（盖章）："], ["序号", "姓名", "工作单位"]]
    for i, ap in enumerate(APPLICANTS[:3], 1):
        rows.append([str(i), ap.name, ap.employers[0]])
        for k in range(2):
            write_image(root / ap.name / f"{k + 1:02d}.jpg", attachment(ap, masked=k == 0))
    roster = tmp_path / "roster.csv"
    with open(roster, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))

    def audit(ledger: Path, report: Path, **kw):
        return subprocess.Popen([sys.executable, "-m", "redaction", "audit", str(roster), "--root", str(root),
                                 "--report", str(report), "--ledger", str(ledger), "--jobs", "1", "--quiet"],
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                start_new_session=True, **kw)

    killed = tmp_path / "killed.sqlite"
    proc = audit(killed, tmp_path / "k.html")
    deadline = time.time() + 240
    while time.time() < deadline and proc.poll() is None:
        if killed.exists():
            try:
                n = len(_ledger_rows(killed))
            except sqlite3.Error:
                n = 0
            if n >= 2:
                break
        time.sleep(0.2)
    assert proc.poll() is None, "the audit finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = len(_ledger_rows(killed))
    assert 2 <= partial < 6
    resumed = audit(killed, tmp_path / "k.html")
    out, err = resumed.communicate(timeout=300)
    assert resumed.returncode == 1, err
    assert f"Files checked {6 - partial}, unchanged {partial}" in out
    whole = audit(tmp_path / "whole.sqlite", tmp_path / "w.html")
    out, err = whole.communicate(timeout=300)
    assert whole.returncode == 1, err
    assert _ledger_rows(killed) == _ledger_rows(tmp_path / "whole.sqlite")
