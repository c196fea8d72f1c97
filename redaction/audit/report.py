"""The clerk's reports of an audit: one self-contained HTML file (works offline, opened from
disk: thumbnails inline, no scripts or fonts fetched), a spreadsheet and JSON."""

from __future__ import annotations

import base64
import html
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import cv2

from redaction.files.export import write_atomic
from redaction.model.kinds import Kind

if TYPE_CHECKING:
    from redaction.audit.check import PageRecord
    from redaction.audit.run import AuditResult

THUMB_WIDTH = 360
KIND_LABELS = {
    "name": "姓名未遮盖 name visible", "employer": "单位未遮盖 employer visible",
    "seal": "本单位公章未遮盖 employer's seal visible", "eyes": "眼部未遮盖 eyes visible",
    "other_name": "他人姓名（可能放错文件夹） another applicant's name",
    "other_employer": "他人单位 another applicant's employer",
    "not_jpeg": "非JPG格式 not a JPG", "not_upright": "方向不正 not upright",
    "name_in_filename": "文件名含姓名/单位 name in file name", "unreadable": "无法打开 unreadable",
    "illegible": "分辨率过低 resolution too low", "blurry": "内容模糊 blurred", "metadata": "含元数据 metadata",
}


def _bgr(kind: str) -> tuple[int, int, int]:
    """A finding's box colour on a thumbnail: its kind's colour (red for unknown kinds)."""
    try:
        hexa = Kind(kind).colour
    except ValueError:
        return (0, 0, 255)
    r, g, b = (int(hexa[i:i + 2], 16) for i in (1, 3, 5))
    return (b, g, r)


def _thumbnail(path: str, record: PageRecord, dpi: int) -> str | None:
    """A small JPEG (data URI) of the page, upright, with its findings' boxes drawn."""
    from redaction.detect.orient import rotate_image
    from redaction.files.document import iter_pages

    try:
        for page in iter_pages(Path(path), dpi):
            if page.index != record.page:
                continue
            img = rotate_image(page.pixels, record.rotation) if record.rotation else page.pixels.copy()
            for f in record.findings:
                if f.box:
                    x0, y0, x1, y1 = f.box
                    colour = _bgr(f.kind)
                    t = max(3, img.shape[1] // 250)
                    cv2.rectangle(img, (x0 - t, y0 - t), (x1 + t, y1 + t), colour, t)
            scale = THUMB_WIDTH / img.shape[1]
            small = cv2.resize(img, (THUMB_WIDTH, max(1, round(img.shape[0] * scale))), interpolation=cv2.INTER_AREA)
            ok, buf = cv2.imencode(".jpg", small, [cv2.IMWRITE_JPEG_QUALITY, 75])
            return "data:image/jpeg;base64," + base64.b64encode(buf.tobytes()).decode("ascii") if ok else None
    except Exception:
        return None
    return None


CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:1.5em;color:#222}
h1{font-size:1.4em} table{border-collapse:collapse;width:100%} td,th{border:1px solid #ccc;padding:4px 8px;
vertical-align:top;text-align:left} th{background:#f3f3f3} .pass{color:#2e7d32;font-weight:bold}
.fail{color:#c62828;font-weight:bold} .warn{color:#ef6c00} .summary span{margin-right:1.5em}
.pages{display:flex;flex-wrap:wrap;gap:12px;margin:6px 0} figure{margin:0;width:360px}
figcaption{font-size:.85em} img{border:1px solid #999;max-width:360px}
body.failonly tr.applicant.ok, body.failonly tr.detail.ok{display:none}
"""
SCRIPT = """document.getElementById('failonly').addEventListener('change',function(e){
document.body.classList.toggle('failonly',e.target.checked);});"""


def render_html(result: AuditResult) -> str:
    """The HTML report: one self-contained page, thumbnails of failing pages inline."""
    applicants = result.applicants()
    n_fail = sum(1 for a in applicants if a["status"] == "fail")
    missing = sum(1 for a in applicants if a["folder"] is None)
    pages = result.pages_checked + result.pages_reused
    rows = []
    tasks = {(f.task.applicant.row, f.task.file): f for f in result.files}
    for a in applicants:
        ok = "ok" if a["status"] == "pass" else "bad"
        status = "通过 pass" if a["status"] == "pass" else "未通过 fail"
        how = (f"{html.escape(a['folder'])}<br><small>按{html.escape(a['matched_by'])}匹配</small>"
               if a["folder"] else "—")
        reasons = "<br>".join(html.escape(r) for r in a["reasons"]) or "—"
        rows.append(f"<tr class='applicant {ok}'><td>{html.escape(a['序号'])}</td><td>{html.escape(a['姓名'])}</td>"
                    f"<td>{html.escape(a['工作单位'])}</td><td>{how}</td><td class='{a['status']}'>{status}</td>"
                    f"<td>{reasons}</td></tr>")
        figures = []
        warn_lines = []
        for entry in a["files"]:
            f = tasks.get((a["row"], entry["file"]))
            if f is None:
                continue
            for rec in f.records:
                if rec.status == "fail":
                    thumb = _thumbnail(f.task.path, rec, f.task.dpi)
                    items = "".join(
                        f"<li class='{x.severity}'>{html.escape(KIND_LABELS.get(x.kind, x.kind))}"
                        f"{' «' + html.escape(x.text) + '»' if x.text else ''}"
                        f"{' — ' + html.escape(x.detail) if x.detail else ''}"
                        f"{' ' + html.escape(str(x.box)) if x.box else ''}</li>" for x in rec.findings)
                    img = f"<img src='{thumb}' alt='page'>" if thumb else "<div>(no preview)</div>"
                    figures.append(f"<figure>{img}<figcaption><b>{html.escape(entry['file'])}</b> "
                                   f"page {rec.page + 1}<ul>{items}</ul></figcaption></figure>")
                else:
                    for x in rec.findings:
                        warn_lines.append(f"<li class='warn'>{html.escape(entry['file'])} page {rec.page + 1}: "
                                          f"{html.escape(KIND_LABELS.get(x.kind, x.kind))}"
                                          f"{' — ' + html.escape(x.detail) if x.detail else ''}</li>")
        if figures or warn_lines:
            rows.append(f"<tr class='detail {ok}'><td colspan='6'><div class='pages'>{''.join(figures)}</div>"
                        f"{'<ul>' + ''.join(warn_lines) + '</ul>' if warn_lines else ''}</td></tr>")
    unassigned = "".join(f"<li>{html.escape(p.name)}: {html.escape(why)}</li>" for p, why in result.matching.unassigned)
    notes = "".join(f"<li>{html.escape(n)}</li>" for n in result.roster.notes)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>盲评材料核查报告 Audit report</title>
<style>{CSS}</style></head><body>
<h1>盲评材料核查报告 Blind-review audit report</h1>
<p>花名册 Roster: {html.escape(str(result.roster.path))}<br>材料目录 Root: {html.escape(str(result.root))}</p>
<p class="summary"><span>申报人 applicants: <b>{len(applicants)}</b></span>
<span class="pass">通过 pass: {len(applicants) - n_fail}</span><span class="fail">未通过 fail: {n_fail}</span>
<span>无文件夹 missing: {missing}</span><span>未匹配文件夹 unassigned: {len(result.matching.unassigned)}</span>
<span>页 pages: {pages} (本次核查 checked {result.pages_checked}, 未变 unchanged {result.pages_reused})</span></p>
<label><input type="checkbox" id="failonly"> 只看未通过 failures only</label>
<table><thead><tr><th>序号</th><th>姓名</th><th>工作单位</th><th>文件夹 folder</th><th>结果 status</th>
<th>原因 reasons</th></tr></thead><tbody>
{''.join(rows)}
</tbody></table>
{'<h2>未匹配的文件夹 Unassigned folders</h2><ul>' + unassigned + '</ul>' if unassigned else ''}
{'<h2>花名册说明 Roster notes</h2><ul>' + notes + '</ul>' if notes else ''}
<script>{SCRIPT}</script>
</body></html>
"""


def write_html(result: AuditResult, path: Path) -> None:
    """Write the HTML report."""
    write_atomic(Path(path), render_html(result).encode("utf-8"))


def to_json(result: AuditResult) -> dict[str, Any]:
    """The JSON report: applicants with their status and findings per file."""
    return {"version": 1, "roster": str(result.roster.path), "root": str(result.root),
            "applicants": result.applicants(),
            "unassigned": [{"folder": p.name, "reason": why} for p, why in result.matching.unassigned],
            "roster_notes": list(result.roster.notes),
            "pages": {"checked": result.pages_checked, "unchanged": result.pages_reused}}


def write_json(result: AuditResult, path: Path) -> None:
    """Write the JSON report."""
    write_atomic(Path(path), (json.dumps(to_json(result), ensure_ascii=False, indent=1) + "\n").encode("utf-8"))


def write_xlsx(result: AuditResult, path: Path) -> None:
    """Write the spreadsheet: one row per applicant."""
    import io

    import openpyxl
    from openpyxl.styles import Font, PatternFill

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "核查结果"
    sheet.append(["序号", "姓名", "工作单位", "文件夹", "匹配方式", "结果", "未通过的文件", "原因"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    red = PatternFill("solid", fgColor="FFCDD2")
    for a in result.applicants():
        failing = "；".join(f"{e['file']}（" + "、".join(sorted({x['kind'] for x in e['findings']
                                                             if x['severity'] == 'fail'})) + "）"
                           for e in a["files"] if e["status"] == "fail")
        sheet.append([a["序号"], a["姓名"], a["工作单位"], a["folder"] or "", a["matched_by"] or "",
                      "通过" if a["status"] == "pass" else "未通过", failing, "；".join(a["reasons"])])
        if a["status"] == "fail":
            sheet.cell(sheet.max_row, 6).fill = red
    for col, width in zip("ABCDEFGH", (6, 14, 28, 24, 10, 8, 60, 40), strict=True):
        sheet.column_dimensions[col].width = width
    buf = io.BytesIO()
    book.save(buf)
    write_atomic(Path(path), buf.getvalue())
