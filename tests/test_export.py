import os
from pathlib import Path

import numpy as np
import pytest

from redaction.files.export import ExportError, encode_jpeg, write_atomic
from redaction.files.naming import output_relpath, scrub_stem
from redaction.model.profile import Profile

PROFILE = Profile(name="阿依古丽·买买提", aliases=("阿依古丽",), employers=("阿克苏地区生态环境局",))


def jpeg_segments(data: bytes):
    """Marker codes of the JPEG's header segments up to the scan, and the bytes after EOI."""
    assert data[:2] == b"\xff\xd8"
    markers, i = [], 2
    while i < len(data):
        assert data[i] == 0xFF
        marker = data[i + 1]
        markers.append(marker)
        if marker == 0xDA:
            break
        length = int.from_bytes(data[i + 2:i + 4], "big")
        i += 2 + length
    return markers, data[data.rfind(b"\xff\xd9") + 2:]


def test_jpeg_has_no_metadata_segments_and_nothing_after_eoi():
    img = np.random.default_rng(1).integers(0, 255, (64, 64, 3), dtype=np.uint8)
    data = encode_jpeg(img, 90)
    markers, trailing = jpeg_segments(data)
    assert 0xE1 not in markers and 0xFE not in markers and 0xE2 not in markers  # EXIF/XMP, COM, ICC
    assert all(m in (0xE0, 0xDB, 0xC4, 0xC0, 0xC2, 0xDD, 0xDA) for m in markers)
    assert trailing == b""


@pytest.mark.parametrize("stem, expected", [
    ("阿依古丽·买买提-毕业证", "XX-毕业证"),
    ("阿依古丽 买买提毕业证", "XX毕业证"),
    ("阿克苏地区生态环境局证明", "XX证明"),
    ("阿依古丽的证书", "XX的证书"),
    ("职称证书", "职称证书"),
])
def test_scrub_stem(stem, expected):
    assert scrub_stem(stem, PROFILE) == expected


def test_output_relpath_follows_the_contract():
    assert output_relpath(Path("毕业证.pdf"), 0, 1, PROFILE) == Path("毕业证.jpg")
    assert output_relpath(Path("scans/论文.pdf"), 1, 3, PROFILE) == Path("scans/论文-2.jpg")
    assert output_relpath(Path("阿依古丽材料/阿依古丽·买买提.png"), 0, 1, PROFILE) == Path("XX材料/XX.jpg")


def test_write_atomic_replaces_whole_files_and_leaves_no_temp(tmp_path):
    target = tmp_path / "a" / "out.jpg"
    write_atomic(target, b"old")
    write_atomic(target, b"new content")
    assert target.read_bytes() == b"new content"
    assert [p.name for p in target.parent.iterdir()] == ["out.jpg"]


def test_write_atomic_failure_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "out.jpg"
    target.write_bytes(b"old")

    def full_disk(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(ExportError, match="No space left"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jpg"]


def test_write_atomic_into_a_device_writes_through_and_never_replaces_it(tmp_path):
    import stat

    write_atomic(Path(os.devnull), b"discarded")
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)   # still the device, not a file
    with pytest.raises(ExportError, match="is a folder"):
        write_atomic(tmp_path, b"x")


def test_a_zombie_process_counts_as_gone_for_the_stale_sweep(tmp_path):
    import subprocess
    import sys
    import time

    from redaction.files.export import _pid_alive, remove_stale_parts

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    for _ in range(100):   # wait until it has exited but is not reaped: a zombie
        time.sleep(0.05)
        if open(f"/proc/{child.pid}/stat", "rb").read().rsplit(b")", 1)[1].split()[0] == b"Z":
            break
    try:
        assert not _pid_alive(child.pid)
        stale = tmp_path / f".blindmask-{child.pid}-x.part"
        stale.write_bytes(b"half")
        assert remove_stale_parts(tmp_path) == [stale]
    finally:
        child.wait()
    assert _pid_alive(os.getpid())
