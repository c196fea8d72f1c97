"""Issue 16, item 5: nothing in a masked folder names the applicant — not the JPEGs, not their
names, not `blindmask-report.json` (no matched text, no input path or message in clear)."""

from __future__ import annotations

import json

import pytest

from redaction.cli import main
from redaction.files.export import REPORT_NAME, folder_report
from redaction.model.profile import Profile
from redaction.model.regions import Region
from redaction.model.review import DocumentResult, PageResult
from tests.conftest import render_page, write_image

NAME, ALIASES = "古丽娜尔·阿不都热依木", ("古丽娜尔", "阿不都热依木古丽娜尔")
EMPLOYERS = ("乌鲁木齐市第一中学", "乌鲁木齐市第一中学高中部")
PROFILE_TOML = (f'name = "{NAME}"\naliases = ["{ALIASES[0]}", "{ALIASES[1]}"]\n'
                f'employers = ["{EMPLOYERS[0]}", "{EMPLOYERS[1]}"]\n')


def needles() -> dict[str, bytes]:
    """Every profile text (the name also without its dot) as UTF-8, GBK, UTF-16 LE/BE and as
    JSON's \\u escapes."""
    texts = {NAME, NAME.replace("·", ""), *ALIASES, *EMPLOYERS}
    out = {}
    for text in texts:
        for enc in ("utf-8", "gbk", "utf-16-le", "utf-16-be"):
            out[f"{text}/{enc}"] = text.encode(enc)
        out[f"{text}/json-escaped"] = json.dumps(text, ensure_ascii=True)[1:-1].encode("ascii").lower()
    return out


class TextDetector:
    """Proposes the applicant's name and employer with their text, and another organisation's
    seal read from its ring, as the real detector does (the real one has its own tests)."""

    def __init__(self, *a, **k):
        pass

    def propose_upright(self, page, profile, rotation=None):
        return page, 0, [Region("name", (10, 10, 120, 40), 0.97, NAME, True),
                         Region("employer", (10, 50, 200, 80), 0.95, EMPLOYERS[0], True),
                         Region("seal", (300, 100, 400, 200), 0.9, EMPLOYERS[1], True),
                         Region("other_seal", (300, 220, 400, 320), 0.9, "新疆师范大学", False)]


@pytest.fixture
def masked(tmp_path, monkeypatch):
    root = tmp_path / f"{NAME}的材料"
    page = render_page([(20, 20, "证明")], size=(500, 360))
    write_image(root / f"{NAME}_毕业证书.jpg", page)
    write_image(root / f"{ALIASES[0]}" / f"{EMPLOYERS[0]}证明.png", page, ".png")
    write_image(root / f"{EMPLOYERS[1]} 聘书.jpg", page)
    (root / f"{NAME}损坏.jpg").write_bytes(b"\xff\xd8\xff\xe0 broken")
    prof = tmp_path / "p.toml"
    prof.write_text(PROFILE_TOML, "utf-8")
    monkeypatch.setattr("redaction.pipeline.propose.Detector", TextDetector)
    out = tmp_path / "out"
    code = main(["redact", str(root), "--profile", str(prof), "--out", str(out), "--quiet", "--jobs", "1"])
    assert code == 3    # the damaged file; the rest were masked
    return out


def test_no_byte_of_a_masked_folder_names_the_applicant(masked):
    files = sorted(p for p in masked.rglob("*") if p.is_file())
    assert len(files) == 4 and (masked / REPORT_NAME) in files
    found = []
    for path in files:
        rel = path.relative_to(masked).as_posix()
        data = path.read_bytes()
        for label, needle in needles().items():
            if needle in data or (label.endswith("json-escaped") and needle in data.lower()):
                found.append((rel, label))
            if needle in rel.encode("utf-8"):
                found.append((rel, "file name " + label))
    assert not found


def test_the_report_keeps_the_contract_shape(masked):
    report = json.loads((masked / REPORT_NAME).read_text("utf-8"))
    assert report["version"] == 1
    docs = report["documents"]
    assert [d["path"].rsplit("/", 1)[-1] for d in docs] == ["XX 聘书.jpg", "XX_毕业证书.jpg", "XX损坏.jpg",
                                                            "XX证明.png"]
    assert all(d["path"].startswith("/") for d in docs)            # still the input's full path
    assert sum(1 for d in docs if d["error"]) == 1
    regions = [r for d in docs for p in d["pages"] for r in p["regions"]]
    assert regions and all(set(r) >= {"kind", "bbox", "score", "text", "accepted"} for r in regions)
    assert {r["text"] for r in regions} == {None}
    assert sorted(p["output"] for d in docs for p in d["pages"]) == ["XX 聘书.jpg", "XX/XX证明.jpg", "XX_毕业证书.jpg"]


def test_folder_report_leaves_the_callers_results_alone():
    profile = Profile(name=NAME, aliases=ALIASES, employers=EMPLOYERS)
    doc = DocumentResult(f"/x/{NAME}.jpg", None,
                         [PageResult(0, 10, 10, None, [Region("name", (0, 0, 5, 5), 1.0, NAME)])])
    (clean,) = folder_report([doc], profile)
    assert clean.path == "/x/XX.jpg" and clean.pages[0].regions[0].text is None
    assert doc.path.endswith(f"{NAME}.jpg") and doc.pages[0].regions[0].text == NAME
