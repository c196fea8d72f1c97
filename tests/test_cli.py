"""End-to-end: the `blindmask` command on a small folder of scans, checked on pixels, names,
JSON and exit codes (the contract), with the network blocked throughout."""

import json
import shutil
from pathlib import Path

import cv2
import numpy as np
import pytest

from redaction.cli import main
from redaction.files.export import REPORT_NAME
from tests.conftest import draw_seal, paste_face, render_page, text_box, write_image

PROFILE_TOML = 'name = "阿依古丽·买买提"\naliases = ["阿依古丽"]\nemployers = ["阿克苏地区生态环境局"]\n'
NAME_AT = (300, 160, "阿依古丽·买买提")
EMPLOYER_AT = (300, 100, "阿克苏地区生态环境局")


def covered_fraction(pixels, box):
    x0, y0, x1, y1 = (int(round(v)) for v in box)
    patch = pixels[y0:y1, x0:x1].astype(int)
    return float((patch.max(axis=2) < 40).mean())


@pytest.fixture(scope="module")
def scans(tmp_path_factory):
    root = tmp_path_factory.mktemp("申报 材料")
    page = render_page([(100, 100, "工作单位："), EMPLOYER_AT, (100, 160, "姓　　名："), NAME_AT,
                        (100, 220, "联系人：张建国  电话：0997-2123456")], size=(1240, 900))
    seal = draw_seal(page, (900, 600), 150, "阿克苏地区生态环境局")
    eyes = paste_face(page, 100, 400, 240)
    write_image(root / "单位证明.jpg", page, ".jpg")
    import pymupdf

    doc = pymupdf.open()
    for lines in ([(80, 80, "第一页：期刊论文摘要"), (80, 140, "作者：阿依古丽·买买提")],
                  [(80, 80, "第二页：没有需要遮盖的内容")]):
        img = render_page(lines, size=(1000, 700))
        ok, png = cv2.imencode(".png", img)
        p = doc.new_page(width=1000 * 72 / 150, height=700 * 72 / 150)
        p.insert_image(p.rect, stream=png.tobytes())
    (root / "sub").mkdir()
    doc.save(root / "sub" / "阿依古丽·买买提论文.pdf")
    (root / "损坏.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    profile = root.parent / "profile.toml"
    profile.write_text(PROFILE_TOML, encoding="utf-8")
    return {"root": root, "profile": profile, "seal": seal, "eyes": eyes}


def test_propose_writes_contract_json_and_reports_the_bad_file(scans, tmp_path, no_network, capsys):
    out = tmp_path / "proposals.json"
    code = main(["propose", str(scans["root"]), "--profile", str(scans["profile"]), "--json", str(out),
                 "--dpi", "150"])
    assert code == 3
    err = capsys.readouterr().err
    assert "损坏.jpg" in err and "not a readable image" in err
    data = json.loads(out.read_text("utf-8"))
    assert data["version"] == 1
    docs = {Path(d["path"]).name: d for d in data["documents"]}
    assert list(docs) == ["单位证明.jpg", "损坏.jpg", "阿依古丽·买买提论文.pdf"]  # sorted walk order
    assert docs["损坏.jpg"]["error"] and docs["损坏.jpg"]["pages"] == []
    page = docs["单位证明.jpg"]["pages"][0]
    assert (page["index"], page["width"], page["height"]) == (0, 1240, 900)
    kinds = sorted(r["kind"] for r in page["regions"] if r["accepted"])
    assert kinds == ["employer", "eyes", "name", "seal"]
    for r in page["regions"]:
        assert set(r) >= {"kind", "bbox", "score", "text", "accepted"}
        assert all(isinstance(v, int) for v in r["bbox"]) and 0 <= r["score"] <= 1
    pdf_pages = docs["阿依古丽·买买提论文.pdf"]["pages"]
    assert [p["dpi"] for p in pdf_pages] == [150, 150]
    assert [sorted(r["kind"] for r in p["regions"]) for p in pdf_pages] == [["name"], []]


def test_redact_masks_pixels_names_outputs_and_verify_passes(scans, tmp_path, no_network):
    out = tmp_path / "out"
    code = main(["redact", str(scans["root"]), "--profile", str(scans["profile"]), "--out", str(out),
                 "--dpi", "150", "--quiet"])
    assert code == 3  # the damaged file; everything else was still processed
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert files == [REPORT_NAME, "sub/XX论文-1.jpg", "sub/XX论文-2.jpg", "单位证明.jpg"]
    masked = cv2.imdecode(np.fromfile(str(out / "单位证明.jpg"), np.uint8), cv2.IMREAD_COLOR)
    assert covered_fraction(masked, text_box(*NAME_AT)) > 0.97
    assert covered_fraction(masked, text_box(*EMPLOYER_AT)) > 0.97
    assert covered_fraction(masked, scans["seal"]) > 0.97
    for x, y in scans["eyes"]:
        assert covered_fraction(masked, (x - 6, y - 4, x + 6, y + 4)) == 1.0
    # the contact person (another name) is left readable: mostly paper, not fill
    x0, y0, x1, y1 = text_box(100, 220, "联系人：张建国")
    assert (masked[y0:y1, x0:x1].min(axis=2) > 200).mean() > 0.6
    report = json.loads((out / REPORT_NAME).read_text("utf-8"))
    outputs = [p["output"] for d in report["documents"] for p in d["pages"]]
    assert outputs == ["单位证明.jpg", "sub/XX论文-1.jpg", "sub/XX论文-2.jpg"]
    assert any(d["error"] for d in report["documents"])
    # the originals are untouched and nothing was written next to them
    assert sorted(p.name for p in scans["root"].rglob("*")) == ["sub", "单位证明.jpg", "损坏.jpg",
                                                                 "阿依古丽·买买提论文.pdf"]
    assert main(["verify", str(out), "--profile", str(scans["profile"]), "--quiet"]) == 0


def test_verify_finds_what_is_unmasked(scans, tmp_path, capsys, no_network):
    target = tmp_path / "v"
    target.mkdir()
    shutil.copy(scans["root"] / "单位证明.jpg", target)
    report = tmp_path / "leaks.json"
    assert main(["verify", str(target), "--profile", str(scans["profile"]), "--json", str(report)]) == 1
    printed = capsys.readouterr().out
    assert "LEAK" in printed and "name" in printed and "eyes" in printed
    kinds = {r["kind"] for d in json.loads(report.read_text("utf-8"))["documents"]
             for p in d["pages"] for r in p["regions"]}
    assert kinds == {"name", "employer", "seal", "eyes"}


def test_redact_review_burns_exactly_the_accepted_regions(scans, tmp_path, no_network):
    src = scans["root"] / "单位证明.jpg"
    proposals = tmp_path / "p.json"
    assert main(["propose", str(src), "--profile", str(scans["profile"]), "--json", str(proposals),
                 "--quiet"]) == 0
    data = json.loads(proposals.read_text("utf-8"))
    regions = data["documents"][0]["pages"][0]["regions"]
    for r in regions:
        r["accepted"] = r["kind"] == "name"           # a person unticks everything but the name
    regions.append({"kind": "other", "bbox": [10, 10, 60, 40], "score": 1.0, "text": None,
                    "accepted": True})               # and draws one box by hand
    proposals.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    out = tmp_path / "out"
    assert main(["redact", str(src), "--profile", str(scans["profile"]), "--out", str(out),
                 "--review", str(proposals), "--fill", "white", "--quiet"]) == 0
    original = cv2.imdecode(np.fromfile(str(src), np.uint8), cv2.IMREAD_COLOR).astype(int)
    masked = cv2.imdecode(np.fromfile(str(out / "单位证明.jpg"), np.uint8), cv2.IMREAD_COLOR).astype(int)
    burned = np.zeros(masked.shape[:2], bool)
    for r in regions:
        if r["accepted"]:
            x0, y0, x1, y1 = r["bbox"]
            burned[y0:y1, x0:x1] = True
            assert (masked[y0 + 2:y1 - 2, x0 + 2:x1 - 2] > 235).all()   # white fill
    diff = np.abs(masked - original).max(axis=2)
    assert np.percentile(diff[~burned], 99) < 30      # the rest is the original (JPEG noise aside)
    seal = scans["seal"]
    assert covered_fraction(masked, seal) < 0.1       # the unticked seal stays visible


@pytest.mark.parametrize("profile_text, message", [
    ('name = "王芳"\nemployer = ["某局"]\n', "profile.toml:2: unknown key 'employer'"),
    ('name = "王芳"\nemployers = [\n', "not valid TOML"),
    ('employers = ["某局"]\n', "'name' is missing"),
])
def test_profile_errors_exit_2_naming_the_line(tmp_path, capsys, profile_text, message):
    prof = tmp_path / "profile.toml"
    prof.write_text(profile_text, "utf-8")
    img = write_image(tmp_path / "a.png", np.full((50, 50, 3), 255, np.uint8), ".png")
    assert main(["propose", str(img), "--profile", str(prof), "--json", str(tmp_path / "o.json")]) == 2
    assert message in capsys.readouterr().err


def test_usage_errors_exit_2(tmp_path, scans, capsys):
    with pytest.raises(SystemExit) as info:
        main(["redact", str(tmp_path)])
    assert info.value.code == 2
    assert main(["redact", str(tmp_path / "missing"), "--profile", str(scans["profile"]),
                 "--out", str(tmp_path / "o")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["redact", str(scans["root"]), "--profile", str(scans["profile"]),
                 "--out", str(scans["root"])]) == 2
    assert "is an input folder" in capsys.readouterr().err


def test_unwritable_output_folder_is_a_clear_usage_error(scans, tmp_path, capsys, monkeypatch):
    src = str(scans["root"] / "单位证明.jpg")
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    assert main(["redact", src, "--profile", str(scans["profile"]), "--out", str(blocker / "sub")]) == 2
    assert "cannot write to output folder" in capsys.readouterr().err
    # A read-only folder (simulated: CI runs as root, for whom chmod does not bite).
    import tempfile

    def read_only(*a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    assert main(["redact", src, "--profile", str(scans["profile"]), "--out", str(tmp_path / "ro")]) == 2
    assert "Permission denied" in capsys.readouterr().err
