"""The one atomic writer and checksum helper of the package."""

import hashlib
import os
import stat

import pytest

from hzanalysis.errors import ParameterError
from hzanalysis.fileio import atomic_write_bytes, atomic_write_text, sha256_file


def test_written_file_follows_the_umask_not_mkstemps_0600(tmp_path):
    old = os.umask(0o022)
    try:
        path = atomic_write_text(tmp_path / "a.txt", "海州区")
    finally:
        os.umask(old)
    assert path.read_text(encoding="utf-8") == "海州区"
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_replaces_whole_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "b.bin"
    atomic_write_bytes(target, b"old")
    atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.bin"]


def test_missing_folder_is_a_parameter_error_that_says_what_to_do(tmp_path):
    with pytest.raises(ParameterError, match=r"does not exist\. Create it first"):
        atomic_write_text(tmp_path / "missing" / "c.txt", "x")


def test_sha256_file_matches_hashlib_on_known_bytes(tmp_path):
    target = tmp_path / "d.bin"
    target.write_bytes(b"abc")
    # SHA-256("abc") is the FIPS 180-2 test vector.
    assert sha256_file(target) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert sha256_file(target) == hashlib.sha256(b"abc").hexdigest()
