"""The cache of checked tables: used when nothing changed, never stale when a file changes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from mali_lessons import data, table_cache
from mali_lessons.data import DataError

from paths import DATA, ROOT


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("MALI_LESSONS_CACHE", str(folder))
    data._load_cached.cache_clear()
    yield folder
    data._load_cached.cache_clear()


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    return folder


def _fresh_load(name: str, folder: Path) -> pd.DataFrame:
    data._load_cached.cache_clear()  # as a new kernel would
    return data.load_table(name, folder)


def test_a_checked_table_is_kept_and_read_back_the_same(cache: Path, data_copy: Path) -> None:
    first = _fresh_load("places", data_copy)
    assert list(cache.glob("places-*.pickle")), "the checked table was not kept"
    second = _fresh_load("places", data_copy)
    pd.testing.assert_frame_equal(first, second)
    assert second.attrs == first.attrs


def test_editing_a_csv_checks_it_again_and_reports_the_error(cache: Path, data_copy: Path) -> None:
    _fresh_load("places", data_copy)
    path = data_copy / "places.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    cells = lines[6].split(",")
    lat = list(data.TABLES["places"].columns).index("lat")
    cells[lat] = "1O.5"
    lines[6] = ",".join(cells)
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(DataError, match=r"places\.csv, line 7, column 'lat'.*1O\.5"):
        _fresh_load("places", data_copy)


def test_a_change_in_a_referenced_table_checks_the_table_again(cache: Path, data_copy: Path) -> None:
    _fresh_load("events", data_copy)
    sources = data_copy / "sources.csv"
    cited = data.load_events(data_copy)["sources"].iloc[0][0]
    text = sources.read_text(encoding="utf-8")
    sources.write_text("\n".join(l for l in text.splitlines() if not l.startswith(cited + ",")) + "\n",
                       encoding="utf-8")
    with pytest.raises(DataError, match=rf"events\.csv, line \d+, column 'sources'.*{cited}"):
        _fresh_load("events", data_copy)


def test_a_damaged_cache_file_is_ignored(cache: Path, data_copy: Path) -> None:
    expected = _fresh_load("missions", data_copy)
    for kept in cache.glob("missions-*.pickle"):
        kept.write_bytes(b"not a pickle")
    pd.testing.assert_frame_equal(_fresh_load("missions", data_copy), expected)


def test_an_unwritable_cache_folder_only_means_checking_every_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data_copy: Path
) -> None:
    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("MALI_LESSONS_CACHE", str(blocker / "cache"))
    assert len(_fresh_load("coups", data_copy)) > 0


def test_the_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MALI_LESSONS_CACHE", "off")
    assert table_cache.cache_dir() is None


def test_a_second_kernel_loads_the_tables_without_importing_pandera(tmp_path: Path) -> None:
    code = ("import sys; from mali_lessons import data; data.load_all(); "
            "print('pandera' in sys.modules)")
    env = {"MALI_LESSONS_CACHE": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin",
           "HOME": str(tmp_path)}
    first = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                           text=True, check=True)
    second = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                            text=True, check=True)
    assert first.stdout.strip() == "True"   # checked the first time
    assert second.stdout.strip() == "False"  # read back, unchanged files, no pandera


def test_a_fifo_in_place_of_a_table_is_reported_not_waited_on(cache: Path, data_copy: Path) -> None:
    import os
    import signal

    (data_copy / "claims.csv").unlink()
    os.mkfifo(data_copy / "claims.csv")
    signal.signal(signal.SIGALRM, lambda *_: pytest.fail("loading waited on the FIFO"))
    signal.alarm(20)
    try:
        with pytest.raises(DataError, match=r"claims\.csv"):
            _fresh_load("claims", data_copy)
    finally:
        signal.alarm(0)
