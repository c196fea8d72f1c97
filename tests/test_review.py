import json

import pytest

from redaction.files.proposals import load, save
from redaction.model.regions import Region
from redaction.model.review import DocumentResult, PageResult, ReviewFileError, from_json, to_json

CONTRACT_EXAMPLE = {
    "version": 1,
    "documents": [{"path": "scans/毕业证.pdf", "error": None, "pages": [{
        "index": 0, "width": 1654, "height": 2339, "dpi": 200,
        "regions": [{"kind": "name", "bbox": [412, 630, 538, 688], "score": 0.97,
                     "text": "张伟", "accepted": True}]}]}],
}


def test_contract_example_round_trips_exactly():
    docs = from_json(CONTRACT_EXAMPLE)
    assert docs[0].pages[0].regions[0] == Region("name", (412, 630, 538, 688), 0.97, "张伟", True)
    assert to_json(docs) == CONTRACT_EXAMPLE


def test_save_and_load(tmp_path):
    docs = [DocumentResult("a.jpg", None, [PageResult(0, 10, 20, None, [Region("eyes", (1, 2, 3, 4))],
                                                      output="a.jpg", decision="confirmed")]),
            DocumentResult("bad.jpg", "empty file (0 bytes)", [])]
    path = tmp_path / "r.json"
    save(path, docs)
    data = json.loads(path.read_text("utf-8"))
    assert data["documents"][0]["pages"][0]["output"] == "a.jpg"
    assert data["documents"][1]["error"] == "empty file (0 bytes)"
    assert load(path) == docs


def test_missing_accepted_defaults_by_kind_and_bad_files_are_clear(tmp_path):
    docs = from_json({"version": 1, "documents": [{"path": "x", "error": None, "pages": [
        {"index": 0, "width": 5, "height": 5, "dpi": None, "regions": [
            {"kind": "seal", "bbox": [0, 0, 2, 2]}, {"kind": "face", "bbox": [0, 0, 2, 2]}]}]}]})
    assert [r.accepted for r in docs[0].pages[0].regions] == [True, False]
    bad = tmp_path / "bad.json"
    bad.write_text("{", "utf-8")
    with pytest.raises(ReviewFileError, match="not valid JSON"):
        load(bad)
    with pytest.raises(ReviewFileError):
        from_json({"documents": [{"path": "x", "pages": [{"index": 0}]}]})
