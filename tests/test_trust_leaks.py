"""Trust, item 1: nothing leaks. Output JPEGs are checked byte by byte.

The ways redaction has failed elsewhere, each made impossible here and proven below:
- EXIF thumbnails / XMP / ICC / comments that still carry the original (metadata survives),
- bytes after the end marker (aCropalypse, CVE-2023-21036 / CVE-2023-28303),
- black boxes over a PDF text layer that is still in the file (Manafort 2019, Stirling-PDF),
- blur or mosaic that can be undone (Depix, Unredacter),
- the applicant's name in the output file or folder name.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import struct
from pathlib import Path

import cv2
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from redaction.cli import main
from redaction.files.burn import burn, parse_color
from redaction.files.export import REPORT_NAME, encode_jpeg
from redaction.files.naming import output_relpath, scrub_stem
from redaction.model.profile import Profile
from redaction.text.normalize import normalize
from tests.conftest import draw_seal, paste_face, render_page, text_box

NAME, ALIAS = "阿依古丽·买买提", "阿依古丽"
EMPLOYERS = ("阿克苏地区生态环境局", "阿克苏地区环境监测站")
PROFILE = Profile(name=NAME, aliases=(ALIAS,), employers=EMPLOYERS)
PROFILE_TOML = ('name = "阿依古丽·买买提"\naliases = ["阿依古丽"]\n'
                'employers = ["阿克苏地区生态环境局", "阿克苏地区环境监测站"]\n')
NAME_AT = (300, 160, NAME)
EMPLOYER_AT = (300, 100, EMPLOYERS[0])
SECRET_NOTE = "机密备注：原件未遮盖"  # text that exists only in metadata, never on the page


class FixedDetector:
    """A stand-in for `redaction.pipeline.propose.Detector` that proposes fixed boxes (the detectors have
    their own tests; here what matters is what happens to the bytes around the pixels)."""

    def __init__(self, boxes=(), ocr="rapid", **_):
        self.boxes = [tuple(int(v) for v in b[1]) + (b[0],) for b in boxes]
        self.calls = 0

    def propose_upright(self, page, profile, rotation=None):
        from redaction.model.regions import Region, clip_box

        self.calls += 1
        regions = []
        for x0, y0, x1, y1, kind in self.boxes:
            box = clip_box((x0, y0, x1, y1), page.width, page.height)
            if box[2] > box[0] and box[3] > box[1]:
                regions.append(Region(kind, box, 0.99, None, True))
        return page, 0, regions


def pad(box, px=6):
    x0, y0, x1, y1 = box
    return (x0 - px, y0 - px, x1 + px, y1 + px)


# --- byte-level checks shared by the tests below -------------------------------------------------

def profile_needles(extra=()) -> dict[str, bytes]:
    """Every profile text (and the name without its dot) in every encoding a file may carry it."""
    texts = {NAME, NAME.replace("·", ""), ALIAS, *EMPLOYERS, *extra}
    needles = {}
    for text in texts:
        for enc in ("utf-8", "utf-16-le", "utf-16-be", "gb18030", "big5"):
            try:
                needles[f"{text}/{enc}"] = text.encode(enc)
            except UnicodeEncodeError:
                pass
    return needles


def assert_no_profile_text(data: bytes, where: str, extra=()) -> None:
    found = [label for label, needle in profile_needles(extra).items() if needle in data]
    assert not found, f"{where}: profile text in the output bytes: {found}"


#: Marker codes a clean baseline/progressive JPEG from the array may hold before its scan.
ALLOWED_MARKERS = {0xE0, 0xDB, 0xC4, 0xC0, 0xC1, 0xC2, 0xDD, 0xDA}


def assert_clean_jpeg(data: bytes, where: str = "output") -> list[int]:
    """Walk every segment of the file: SOI, a JFIF APP0 without thumbnail, tables, frame, scan(s),
    EOI as the very last two bytes. No APPn but APP0, no COM, no second image, nothing after EOI."""
    assert data[:2] == b"\xff\xd8", f"{where}: no SOI"
    markers, i = [], 2
    while True:
        assert i + 2 <= len(data) and data[i] == 0xFF, f"{where}: bad segment at {i}"
        marker = data[i + 1]
        if marker == 0xD9:
            break
        assert i + 4 <= len(data), f"{where}: truncated segment at {i}"
        length = int.from_bytes(data[i + 2:i + 4], "big")
        markers.append(marker)
        assert marker in ALLOWED_MARKERS, f"{where}: segment FF{marker:02X} at {i}"
        if marker == 0xE0:
            body = data[i + 4:i + 2 + length]
            assert body[:5] == b"JFIF\x00", f"{where}: APP0 is not JFIF"
            assert length == 16 and body[12:14] == b"\x00\x00", f"{where}: JFIF APP0 carries a thumbnail"
        i += 2 + length
        if marker == 0xDA:  # entropy-coded data: FF is always followed by 00 or RSTn inside it
            while True:
                j = data.index(b"\xff", i)
                nxt = data[j + 1]
                if nxt == 0x00 or 0xD0 <= nxt <= 0xD7:
                    i = j + 2
                    continue
                i = j
                break
    assert i == len(data) - 2, f"{where}: {len(data) - 2 - i} bytes after EOI"
    assert data.count(b"\xff\xd8\xff") == 1, f"{where}: an embedded second JPEG"
    for tag in (b"Exif\x00", b"http://ns.adobe.com", b"ICC_PROFILE", b"Photoshop", b"8BIM", b"%PDF",
                b"<x:xmpmeta", b"IEND", b"\x89PNG"):
        assert tag not in data, f"{where}: {tag!r} in the output"
    return markers


# --- inputs loaded with every known leak ---------------------------------------------------------

def _tiff_ifds(ifds: list[list[tuple[int, int, bytes]]], tail: bytes = b"") -> tuple[bytes, list[int]]:
    """Little-endian TIFF with the given IFDs chained (IFD0 → IFD1 …) followed by `tail`.

    Each entry is (tag, type, value bytes); count is derived. Values of 4 bytes or less sit in
    the entry. Returns (bytes, offset of each IFD); sub-IFD pointers are patched by the caller
    through `{"ptr": index}` placeholders (a LONG whose value is the index of the target IFD).
    """
    sizes = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1}

    def size(entries):
        extra = sum(len(v) + (len(v) & 1) for _, _, v in entries if len(v) > 4)
        return 2 + 12 * len(entries) + 4 + extra

    offsets, pos = [], 8
    for entries in ifds:
        offsets.append(pos)
        pos += size(entries)
    tail_offset = pos
    out = bytearray(b"II*\x00" + struct.pack("<I", 8))
    for n, entries in enumerate(ifds):
        base = offsets[n]
        data_pos = base + 2 + 12 * len(entries) + 4
        table, blob = bytearray(struct.pack("<H", len(entries))), bytearray()
        for tag, typ, value in sorted(entries, key=lambda e: e[0]):
            if isinstance(value, dict):
                value = struct.pack("<I", offsets[value["ptr"]] if "ptr" in value else tail_offset + value["tail"])
            count = len(value) // sizes[typ]
            if len(value) <= 4:
                table += struct.pack("<HHI", tag, typ, count) + value.ljust(4, b"\x00")
            else:
                table += struct.pack("<HHII", tag, typ, count, data_pos + len(blob))
                blob += value + (b"\x00" if len(value) & 1 else b"")
        table += struct.pack("<I", 0)
        out += table + blob
    return bytes(out) + tail, offsets


def build_exif(thumbnail_jpeg: bytes) -> bytes:
    """EXIF with the name in IFD0 (ImageDescription, Artist, XPAuthor), a UserComment, GPS
    coordinates, and IFD1 holding a JPEG thumbnail of the unmasked page."""
    def ascii(text):
        return text.encode("utf-8") + b"\x00"

    def rational(*pairs):
        return b"".join(struct.pack("<II", a, b) for a, b in pairs)

    ifd0 = [(0x010E, 2, ascii(f"{NAME} {EMPLOYERS[0]} {SECRET_NOTE}")),   # ImageDescription
            (0x013B, 2, ascii(NAME)),                                     # Artist
            (0x8298, 2, ascii(EMPLOYERS[1])),                             # Copyright
            (0x9C9D, 1, NAME.encode("utf-16-le") + b"\x00\x00"),          # XPAuthor
            (0x0112, 3, struct.pack("<H", 1)),                            # Orientation
            (0x8769, 4, {"ptr": 1}),                                      # Exif IFD
            (0x8825, 4, {"ptr": 2})]                                      # GPS IFD
    exif_ifd = [(0x9286, 7, b"UNICODE\x00" + f"{NAME}{SECRET_NOTE}".encode("utf-16-le"))]
    gps = [(0x0001, 2, b"N\x00"), (0x0002, 5, rational((41, 1), (10, 1), (3000, 100))),
           (0x0003, 2, b"E\x00"), (0x0004, 5, rational((80, 1), (15, 1), (1234, 100)))]
    ifd1 = [(0x0103, 3, struct.pack("<H", 6)),
            (0x0201, 4, {"tail": 0}),
            (0x0202, 4, struct.pack("<I", len(thumbnail_jpeg)))]
    body, offsets = _tiff_ifds([ifd0, exif_ifd, gps, ifd1], tail=thumbnail_jpeg)
    # IFD0's next-IFD pointer must reach IFD1 (the thumbnail), skipping the sub-IFDs.
    body = bytearray(body)
    n0 = len(ifd0)
    struct.pack_into("<I", body, 8 + 2 + 12 * n0, offsets[3])
    return b"Exif\x00\x00" + bytes(body)


def _segment(marker: int, payload: bytes) -> bytes:
    assert len(payload) + 2 < 65536
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def loaded_jpeg(page: np.ndarray) -> bytes:
    """The page as a JPEG carrying every metadata leak, plus the original after EOI."""
    small = cv2.resize(page, (160, 116), interpolation=cv2.INTER_AREA)
    thumb = cv2.imencode(".jpg", small, [cv2.IMWRITE_JPEG_QUALITY, 70])[1].tobytes()
    from PIL import ImageCms

    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    xmp = (b"http://ns.adobe.com/xap/1.0/\x00" + (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        f'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="{NAME}" '
        f'dc:publisher="{EMPLOYERS[0]}" dc:description="{SECRET_NOTE}"/></rdf:RDF></x:xmpmeta>').encode())
    iptc = b"Photoshop 3.0\x00" + b"8BIM\x04\x04\x00\x00" + struct.pack(">I", 40) + \
        b"\x1c\x02\x50" + struct.pack(">H", len(NAME.encode())) + NAME.encode()
    base = cv2.imencode(".jpg", page, [cv2.IMWRITE_JPEG_QUALITY, 92])[1].tobytes()
    original = cv2.imencode(".png", page)[1].tobytes()
    segments = (_segment(0xE1, build_exif(thumb)) + _segment(0xE1, xmp)
                + _segment(0xE2, b"ICC_PROFILE\x00\x01\x01" + icc) + _segment(0xED, iptc)
                + _segment(0xFE, f"{NAME} {EMPLOYERS[0]}".encode("gb18030")))
    trailer = original + f"{NAME}{SECRET_NOTE}".encode("utf-16-le")  # aCropalypse: old bytes after EOI
    return base[:2] + segments + base[2:] + trailer


def loaded_png(page: np.ndarray) -> bytes:
    from PIL import Image, PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_itxt("Author", NAME)
    info.add_itxt("Description", f"{EMPLOYERS[0]} {SECRET_NOTE}")
    info.add_text("Comment", f"{NAME} {SECRET_NOTE}", zip=True)
    small = cv2.resize(page, (160, 116))
    thumb = cv2.imencode(".jpg", small)[1].tobytes()
    bio = io.BytesIO()
    Image.fromarray(cv2.cvtColor(page, cv2.COLOR_BGR2RGB)).save(
        bio, "PNG", pnginfo=info, exif=build_exif(thumb)[6:])
    return bio.getvalue() + NAME.encode("gb18030") + cv2.imencode(".jpg", page)[1].tobytes()


def loaded_tiff(page: np.ndarray) -> bytes:
    from PIL import Image, TiffImagePlugin

    ifd = TiffImagePlugin.ImageFileDirectory_v2()
    ifd[270] = f"{NAME} {EMPLOYERS[0]} {SECRET_NOTE}".encode()   # ImageDescription
    ifd[315] = NAME.encode("utf-8")                                    # Artist
    bio = io.BytesIO()
    Image.fromarray(cv2.cvtColor(page, cv2.COLOR_BGR2RGB)).save(bio, "TIFF", tiffinfo=ifd,
                                                                compression="tiff_lzw")
    return bio.getvalue()


#: Where the PDF's hidden text sits: a blank area of the scanned page.
HIDDEN_AT = (120, 700)


def loaded_pdf(page: np.ndarray, path: Path) -> None:
    """A scanned page as an image, with an invisible OCR text layer, text hidden behind the image,
    metadata, XMP, an attached file, bookmarks and a sticky note, all naming the applicant."""
    import pymupdf

    h, w = page.shape[:2]
    doc = pymupdf.open()
    p = doc.new_page(width=w * 72 / 150, height=h * 72 / 150)
    scale = 72 / 150
    # Text *behind* the scan (drawn first, then covered by the opaque image).
    p.insert_text((HIDDEN_AT[0] * scale, (HIDDEN_AT[1] + 60) * scale), f"{NAME} {EMPLOYERS[1]}",
                  fontname="china-s", fontsize=14)
    p.insert_image(p.rect, stream=cv2.imencode(".png", page)[1].tobytes())
    # An invisible OCR layer over a blank part of the scan (render mode 3, like OCRmyPDF).
    p.insert_text((HIDDEN_AT[0] * scale, HIDDEN_AT[1] * scale), f"{NAME} {EMPLOYERS[0]} {SECRET_NOTE}",
                  fontname="china-s", fontsize=14, render_mode=3)
    p.add_text_annot((5, 5), f"{NAME}：{SECRET_NOTE}")
    doc.set_metadata({"title": f"{NAME}的申报材料", "author": NAME, "subject": EMPLOYERS[0],
                      "keywords": SECRET_NOTE, "creator": EMPLOYERS[1], "producer": "scanner"})
    doc.set_xml_metadata(f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>{NAME}</dc:creator></x:xmpmeta>')
    doc.embfile_add("原件.txt", f"{NAME} {EMPLOYERS[0]}".encode(), filename="原件.txt")
    doc.set_toc([[1, f"{NAME} 简历", 1]])
    doc.save(path, garbage=0, deflate=False)   # text left uncompressed: easy to find in the input


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    root = tmp_path_factory.mktemp("loaded") / "申报 材料"
    (root / f"{ALIAS}的论文").mkdir(parents=True)
    page = render_page([(100, 100, "工作单位："), EMPLOYER_AT, (100, 160, "姓　　名："), NAME_AT,
                        (100, 220, "证明事项：任职资格")], size=(1240, 900))
    seal = draw_seal(page, (900, 600), 150, EMPLOYERS[0])
    eyes = paste_face(page, 100, 400, 240)
    files = {
        "jpg": root / f"{NAME} 简历.jpg",
        "png": root / f"{EMPLOYERS[0]}证明.png",
        "tif": root / "任职 文件.tif",
        "pdf": root / f"{ALIAS}的论文" / f"{NAME.replace('·', '•')}论文.pdf",
    }
    files["jpg"].write_bytes(loaded_jpeg(page))
    files["png"].write_bytes(loaded_png(page))
    files["tif"].write_bytes(loaded_tiff(page))
    loaded_pdf(page, files["pdf"])
    prof = root.parent / "profile.toml"
    prof.write_text(PROFILE_TOML, "utf-8")
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in files.values()}
    out = root.parent / "out"
    (ex, ey), (fx, fy) = eyes
    boxes = [("name", pad(text_box(*NAME_AT))), ("employer", pad(text_box(*EMPLOYER_AT))),
             ("seal", pad(seal)), ("eyes", (ex - 20, ey - 12, fx + 20, fy + 12))]
    import redaction.pipeline.propose

    mp = pytest.MonkeyPatch()
    mp.setattr(redaction.pipeline.propose, "Detector", lambda *a, **k: FixedDetector(boxes))
    try:
        code = main(["redact", str(root), "--profile", str(prof), "--out", str(out), "--dpi", "150", "--quiet",
                     "--jobs", "1"])   # the fixed detector is patched into this process only
    finally:
        mp.undo()
    return {"root": root, "files": files, "out": out, "code": code, "before": before, "page": page,
            "seal": seal, "eyes": eyes, "profile": prof}


def test_the_loaded_inputs_really_carry_the_leaks(loaded):
    """Precondition: every leak is present in the inputs (else the next test proves nothing)."""
    from PIL import Image

    files = loaded["files"]
    jpg = files["jpg"].read_bytes()
    with Image.open(files["jpg"]) as im:
        exif = im.getexif()
        assert NAME.encode() in exif[0x010E].encode("latin-1")            # ImageDescription
        assert exif.get_ifd(0x8825)[2]                                     # GPS latitude
        assert any(m == "APP1" and b"xap/1.0" in d for m, d in im.applist)  # XMP
        assert im.info.get("icc_profile")
        assert NAME.encode("gb18030") in im.info.get("comment", b"")
    assert jpg.count(b"\xff\xd8\xff") >= 2                             # the EXIF thumbnail
    assert len(jpg) - jpg.index(b"\xff\xd9", len(jpg) // 4) > 10_000        # data after EOI
    with Image.open(files["png"]) as im:
        assert im.info["Author"] == NAME and im.getexif()[0x010E]
    with Image.open(files["tif"]) as im:
        assert im.tag_v2[315]
    assert NAME.encode("utf-8") in files["tif"].read_bytes()
    import pymupdf

    with pymupdf.open(files["pdf"]) as doc:
        assert NAME in doc[0].get_text() and SECRET_NOTE in doc[0].get_text()   # hidden text layer
        assert doc.metadata["author"] == NAME and NAME in doc.get_xml_metadata()
        assert doc.embfile_count() == 1 and doc.get_toc()[0][1].startswith(NAME)


def test_nothing_of_the_inputs_survives_in_the_outputs(loaded):
    assert loaded["code"] == 0
    out = loaded["out"]
    outputs = sorted(p for p in out.rglob("*") if p.is_file() and p.name != REPORT_NAME)
    rel = [p.relative_to(out).as_posix() for p in outputs]
    assert sorted(rel) == sorted(["XX的论文/XX论文.jpg", "XX证明.jpg", "XX 简历.jpg", "任职 文件.jpg"])
    for path in outputs:
        data = path.read_bytes()
        assert_clean_jpeg(data, path.name)
        assert_no_profile_text(data, path.name, extra=[SECRET_NOTE])
        assert_no_profile_text(path.relative_to(out).as_posix().encode("utf-8"), "output name")
        for term in PROFILE.terms():
            assert term.key not in normalize(path.relative_to(out).as_posix())
        img = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
        assert img.shape == (900, 1240, 3)
    # The visible name, employer and seal are burned on every page (pixels, not an overlay).
    for path in outputs:
        img = cv2.imdecode(np.fromfile(str(path), np.uint8), cv2.IMREAD_COLOR).astype(int)
        for box in (text_box(*NAME_AT), text_box(*EMPLOYER_AT), loaded["seal"]):
            x0, y0, x1, y1 = (int(round(v)) for v in box)
            assert (img[y0:y1, x0:x1].max(axis=2) < 40).mean() > 0.97, (path.name, box)
    # The PDF's hidden text was never drawn: where it sits, the output is blank paper.
    pdf_out = out / "XX的论文" / "XX论文.jpg"
    img = cv2.imdecode(np.fromfile(str(pdf_out), np.uint8), cv2.IMREAD_GRAYSCALE)
    x, y = HIDDEN_AT
    assert (img[y - 30:y + 80, x:x + 560] > 230).mean() > 0.995
    # The inputs are byte for byte what they were, and nothing was written next to them.
    after = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in loaded["files"].values()}
    assert after == loaded["before"]
    assert sorted(p.name for p in loaded["root"].rglob("*")) == sorted(
        [p.name for p in loaded["files"].values()] + [f"{ALIAS}的论文"])


def test_the_report_names_outputs_without_the_applicant(loaded):
    report = json.loads((loaded["out"] / REPORT_NAME).read_text("utf-8"))
    outputs = [p["output"] for d in report["documents"] for p in d["pages"]]
    assert len(outputs) == 4
    for o in outputs:
        assert all(t.key not in normalize(o) for t in PROFILE.terms())


# --- fresh JPEG from the array: nothing from any input can reach it ----------------------------

@settings(max_examples=40, deadline=None)
@given(h=st.integers(1, 90), w=st.integers(1, 90), quality=st.integers(30, 100), seed=st.integers(0, 2**16))
def test_encode_jpeg_is_clean_for_any_array_and_quality(h, w, quality, seed):
    img = np.random.default_rng(seed).integers(0, 256, (h, w, 3), dtype=np.uint8)
    data = encode_jpeg(img, quality)
    assert_clean_jpeg(data)
    back = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    assert back.shape == (h, w, 3)


def test_the_checker_itself_catches_each_leak():
    """The byte checker is only a proof if it fails on each kind of leak."""
    page = np.full((64, 64, 3), 255, np.uint8)
    clean = encode_jpeg(page)
    assert_clean_jpeg(clean)
    exif = _segment(0xE1, build_exif(clean))
    for bad in (clean[:2] + exif + clean[2:],                                     # EXIF + thumbnail
                clean[:2] + _segment(0xFE, b"note") + clean[2:],                  # COM
                clean[:2] + _segment(0xE2, b"ICC_PROFILE\x00\x01\x01xxxx") + clean[2:],
                clean + b"\x00\x01trailing"):                                     # after EOI
        with pytest.raises(AssertionError):
            assert_clean_jpeg(bad)
    with pytest.raises(AssertionError):
        assert_no_profile_text(b"xx" + NAME.encode("utf-16-be") + b"yy", "t")


# --- masks are solid fills, whatever the settings -------------------------------------------------

@pytest.mark.parametrize("fill", ["black", "white", "#808080", "#ff0000", "12,200,99"])
@pytest.mark.parametrize("quality", [30, 60, 90, 100])
def test_masks_are_uniform_and_carry_no_information_about_what_was_under_them(fill, quality):
    """Two different pages burned with the same box: every JPEG block wholly inside the box
    decodes to the same pixels for both (zero information left), and to the fill colour."""
    rng = np.random.default_rng(7)
    a = rng.integers(0, 256, (160, 240, 3), dtype=np.uint8)
    b = render_page([(20, 40, NAME, 40)], size=(240, 160))
    box = (13, 21, 221, 139)
    bgr = parse_color(fill)
    out_a = cv2.imdecode(np.frombuffer(encode_jpeg(burn(a, [box], bgr), quality), np.uint8), cv2.IMREAD_COLOR)
    out_b = cv2.imdecode(np.frombuffer(encode_jpeg(burn(b, [box], bgr), quality), np.uint8), cv2.IMREAD_COLOR)
    # MCUs (16×16 with 4:2:0 chroma) entirely inside the box, less the 2 px that the decoder's
    # chroma upsampling blends with the neighbouring MCU
    x0, y0 = -(-box[0] // 16) * 16 + 2, -(-box[1] // 16) * 16 + 2
    x1, y1 = box[2] // 16 * 16 - 2, box[3] // 16 * 16 - 2
    assert x1 - x0 >= 156 and y1 - y0 >= 92
    inner_a, inner_b = out_a[y0:y1, x0:x1].astype(int), out_b[y0:y1, x0:x1].astype(int)
    assert np.array_equal(inner_a, inner_b)
    assert np.abs(inner_a - np.array(bgr)).max() <= 3
    # and on the burned array itself, before any encoding, the whole box is exactly the fill
    raw = burn(a, [box], bgr)
    assert (raw[box[1]:box[3], box[0]:box[2]] == np.array(bgr, np.uint8)).all()


def test_no_reversible_masking_exists_in_the_path_from_pixels_to_file():
    """Structural: the modules between a page and its JPEG cannot blur, pixelate or overlay."""
    import inspect

    import redaction.files.burn as burn_mod
    import redaction.files.export as export_mod
    import redaction.pipeline.steps as pipeline_mod

    forbidden = re.compile(r"blur|mosaic|pixelat|resize|pyrDown|addWeighted|alpha|INTER_", re.I)
    for mod in (burn_mod, export_mod, pipeline_mod):
        code = "\n".join(line for line in inspect.getsource(mod).splitlines()
                         if not line.strip().startswith("#"))
        code = re.sub(r'""".*?"""', "", code, flags=re.S)
        assert not forbidden.search(code), f"{mod.__name__}: {forbidden.search(code).group(0)}"
    params = set(inspect.signature(burn).parameters)
    # in_place says where the fill goes, not how: no mode, no strength, no radius
    assert params == {"pixels", "boxes", "fill", "in_place"}
    from redaction.cli.main import build_parser

    help_text = build_parser()._subparsers._group_actions[0].choices["redact"].format_help()
    assert not re.search(r"blur|mosaic|pixel", help_text, re.I)


# --- output names carry no name or employer --------------------------------------------------------

DOTS = st.sampled_from(["·", "•", "・", ".", " ", "　", "", "．", "-"])
FILLER = st.text(st.characters(whitelist_categories=("Lo", "Nd", "Lu", "Ll"), max_codepoint=0x9FFF)
                 .filter(lambda c: "x" not in normalize(c)), max_size=6)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pre=FILLER, post=FILLER, dot=DOTS, which=st.integers(0, 3), pad=st.sampled_from(["", " ", "　"]),
       width=st.booleans(), page=st.integers(0, 3), count=st.integers(1, 4))
def test_output_names_never_carry_a_profile_term(pre, post, dot, which, pad, width, page, count):
    term = [NAME.replace("·", dot), ALIAS, EMPLOYERS[0], EMPLOYERS[1]][which]
    term = pad.join(term) if pad and which else term
    if width:  # full-width / traditional forms a scanner's file name might carry
        term = term.replace("区", "區").replace("环", "環")
    stem = pre + term + post
    page = min(page, count - 1)
    rel = output_relpath(Path(f"{pre}{term}/{stem}.pdf"), page, count, PROFILE)
    text = normalize(rel.as_posix())
    for t in PROFILE.terms():
        assert t.key not in text, (stem, rel)
    assert rel.suffix == ".jpg"
    assert normalize(scrub_stem(stem, PROFILE)).count("xx") >= 1


def test_a_character_whose_lower_case_expands_does_not_shift_the_masks():
    """'İ'.lower() == 'i̇' (2 code points). Before the fix the name's mask slid two characters
    to the right of the name (its first two characters left readable), and file names crashed."""
    from redaction.detect.match import match_lines
    from tests.test_match import char_span, line

    ln = line("İİ姓名阿依古丽·买买提 性别女 民族维吾尔族", 0, 0)
    target = char_span(ln, 4, 12)
    names = [r for r in match_lines([ln], PROFILE) if r.kind == "name"]
    assert names and names[0].bbox[0] <= target[0] and names[0].bbox[2] >= target[2]
    assert scrub_stem("İ" + NAME, PROFILE) == "İXX"


# --- item 5: offline, by construction and at run time ----------------------------------------------

NETWORK_MODULES = ("socket", "ssl", "urllib.request", "http", "requests", "httpx", "urllib3", "aiohttp",
                   "ftplib", "smtplib", "xmlrpc", "webbrowser", "PySide6.QtNetwork", "modelscope",
                   "huggingface_hub", "distributed", "dask.distributed", "tornado")
#: The one module that talks to a network, on request only: `blindmask audit --scheduler ADDR`
#: connects to the Dask scheduler the clerk names. It is imported inside that code path only.
NETWORK_ALLOWED = {"redaction/audit/cluster.py"}


def test_no_code_of_the_app_can_reach_the_network():
    """Structural: no module of the core or the GUI imports anything that talks to a network,
    except `redaction/audit/cluster.py` (audit --scheduler), which nothing imports when it loads."""
    import ast

    repo = Path(__file__).resolve().parents[1]
    offenders = []
    for path in sorted([*(repo / "redaction").rglob("*.py"), *(repo / "app").rglob("*.py")]):
        tree = ast.parse(path.read_text("utf-8"), str(path))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            for name in names:
                if any(name == m or name.startswith(m + ".") for m in NETWORK_MODULES):
                    if path.relative_to(repo).as_posix() not in NETWORK_ALLOWED:
                        offenders.append(f"{path.relative_to(repo)}:{node.lineno} imports {name}")
        # ... and nothing imports the allowed one when it is loaded: only inside a function
        for node in tree.body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                mods = [a.name for a in node.names] + ([node.module] if getattr(node, "module", None) else [])
                if any(m and m.split(".")[-1] == "cluster" for m in mods):
                    offenders.append(f"{path.relative_to(repo)}:{node.lineno} imports the cluster module at load")
    assert not offenders, offenders


def test_propose_redact_verify_run_offline_and_download_nothing(tmp_path):
    """The real detectors, in a child process with an audit hook that fails on any internet
    socket, DNS lookup or URL request — inside a network namespace without interfaces when the
    machine allows one — and with HOME and the caches pointed at empty folders that must stay
    empty (no model download, no update check, no telemetry)."""
    import shutil
    import subprocess
    import sys

    repo = Path(__file__).resolve().parents[1]
    root = tmp_path / "申报 材料"
    root.mkdir()
    page = render_page([(100, 100, "工作单位："), EMPLOYER_AT, (100, 160, "姓　　名："), NAME_AT],
                       size=(1000, 700))
    cv2.imencode(".jpg", page)[1].tofile(str(root / "证明.jpg"))
    prof = tmp_path / "profile.toml"
    prof.write_text(PROFILE_TOML, "utf-8")
    home = tmp_path / "home"
    for sub in ("", ".cache", ".config", ".local/share"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    from redaction.cli.main import build_parser

    jobs = (["--jobs", "1"] if "--jobs" in build_parser()._subparsers._group_actions[0]
            .choices["propose"].format_help() else [])
    script = f"""
import json, socket, sys
sys.path.insert(0, {str(repo)!r})
attempts = []
def hook(event, args):
    if event == "socket.__new__" and len(args) > 1 and args[1] in (socket.AF_INET, socket.AF_INET6):
        attempts.append((event, repr(args[1:])))
    elif event in ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr",
                   "socket.sendto", "urllib.Request", "http.client.connect", "ftplib.connect",
                   "smtplib.connect", "webbrowser.open"):
        attempts.append((event, repr(args)[:200]))
    if attempts:
        raise RuntimeError("network access attempted: " + repr(attempts[-1]))
sys.addaudithook(hook)
from redaction.cli import main
p, out = {str(prof)!r}, {str(tmp_path / 'out')!r}
codes = [main(["propose", {str(root)!r}, "--profile", p, "--json", {str(tmp_path / 'p.json')!r}, "--quiet", *{jobs!r}]),
         main(["redact", {str(root)!r}, "--profile", p, "--out", out, "--quiet", *{jobs!r}]),
         main(["verify", out, "--profile", p, "--quiet", *{jobs!r}])]
print(json.dumps({{"codes": codes, "attempts": attempts}}))
"""
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env.update(HOME=str(home), XDG_CACHE_HOME=str(home / ".cache"), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_DATA_HOME=str(home / ".local/share"), PYTHONPATH=str(repo),
               http_proxy="http://127.0.0.1:9", https_proxy="http://127.0.0.1:9")
    cmd = [sys.executable, "-c", script]
    isolated = shutil.which("unshare") and subprocess.run(["unshare", "-n", "true"],
                                                           capture_output=True).returncode == 0
    if isolated:
        cmd = ["unshare", "-n"] + cmd
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=str(tmp_path), env=env)
    assert res.returncode == 0, res.stderr[-3000:]
    result = json.loads(res.stdout.strip().splitlines()[-1])
    assert result["attempts"] == []
    assert result["codes"] == [0, 0, 0], res.stderr[-3000:]
    data = json.loads((tmp_path / "p.json").read_text("utf-8"))
    kinds = {r["kind"] for d in data["documents"] for pg in d["pages"] for r in pg["regions"]}
    assert {"name", "employer"} <= kinds                       # the real detectors ran
    created = [str(p.relative_to(home)) for p in home.rglob("*") if p.is_file()]
    assert created == [], f"files written under HOME: {created}"
    jpg = (tmp_path / "out" / "证明.jpg").read_bytes()
    assert_clean_jpeg(jpg)
    assert_no_profile_text(jpg, "offline output")
