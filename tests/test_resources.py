"""How BlindMask uses the machine: worker threads and the heap."""

import subprocess
import sys
from pathlib import Path

import pytest

from redaction.batch import default_jobs, threads_per_worker


def test_workers_split_the_cores(monkeypatch):
    monkeypatch.delenv("BLINDMASK_THREADS", raising=False)
    monkeypatch.setattr("os.cpu_count", lambda: 8)
    assert threads_per_worker(1) == -1          # one worker: the libraries use every core
    assert threads_per_worker(2) == 4
    assert threads_per_worker(16) == 1
    assert default_jobs() == 4


def test_threads_can_be_pinned(monkeypatch):
    monkeypatch.setenv("BLINDMASK_THREADS", "1")
    assert threads_per_worker(1) == 1 and threads_per_worker(4) == 1
    monkeypatch.setenv("BLINDMASK_THREADS", "many")   # nonsense is ignored, not an error
    assert threads_per_worker(1) == -1


PROBE = """
import ctypes, sys
libc = ctypes.CDLL("libc.so.6")
libc.malloc.restype = ctypes.c_void_p
libc.malloc.argtypes = [ctypes.c_size_t]
libc.free.argtypes = [ctypes.c_void_p]
if sys.argv[1] == "with":
    import redaction
# Freeing a 16 MiB block raises glibc's dynamic mmap threshold to 16 MiB...
libc.free(libc.malloc(16 << 20))
# ...so a 2 MiB block (an OCR activation) would come from the heap, which only grows.
block = libc.malloc(2 << 20)
print(block % 4096 == 16)   # mmapped blocks sit 16 bytes past a page boundary
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator only")
def test_importing_redaction_keeps_large_blocks_out_of_the_heap():
    def mmapped(mode: str) -> bool:
        out = subprocess.run([sys.executable, "-c", PROBE, mode], capture_output=True, text=True, check=True,
                             cwd=str(Path(__file__).resolve().parents[1]))
        return out.stdout.strip() == "True"

    assert mmapped("without") is False
    assert mmapped("with") is True
