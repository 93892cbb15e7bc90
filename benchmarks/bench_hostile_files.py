"""What a crafted workbook costs the bot: time and extra memory until it is refused.

Run from the repository root::

    python -m benchmarks.bench_hostile_files [--naive] [--case NAME]

Each file of ``benchmarks/hostile_workbooks.py`` is sent, in a fresh process, through the two
paths that read workbooks: the master-data import (``master_data.import_master``, on an
in-memory SQLite database) and the step-4 form (``forms.read_form``, also what an Excel file
sent as evidence goes through). Printed per file and path: wall-clock seconds and the extra
peak memory (the process's peak resident size after the file is built, reset with
``/proc/self/clear_refs``, minus its resident size just before). Targets (issue 13): every
hostile file refused in under 1 s and 100 MB.

Two more rows give the scale: ``at_the_limit`` is an ordinary workbook just within the default
cell limit (the most a file that is *accepted* can cost), and ``--naive`` also times plain
``openpyxl.load_workbook(read_only=True)`` plus reading every cell, as the code did before,
stopped after 30 s.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.hostile_workbooks import HOSTILE, _sheet, _workbook
from reports.safe_workbook import WorkbookLimits

NAIVE_SECONDS = 30


def at_the_limit() -> bytes:
    """An ordinary sheet of numbers: as many cells as the default limit lets through."""
    limits = WorkbookLimits()
    columns = 20
    rows = (limits.max_cells - 1000) // columns
    row = "".join(f'<c r="{chr(65 + c)}{{r}}"><v>{c}.5</v></c>' for c in range(columns))
    body = "".join(f'<row r="{r}">{row.format(r=r)}</row>' for r in range(1, rows + 1))
    return _workbook(_sheet(body.encode()))


CASES: dict[str, Callable[[], bytes]] = {
    **{name: build for name, (build, _) in HOSTILE.items()}, "at_the_limit": at_the_limit}


def _rss_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(field)


def _measure(case: str, path: str) -> dict[str, object]:
    """One file through one path, in this (fresh) process."""
    import gc

    data = CASES[case]()
    outcome: Callable[[], str]
    if path == "master":
        outcome = _master(data)
    elif path == "form":
        outcome = _form(data)
    else:
        outcome = _naive(data)
    gc.collect()
    Path("/proc/self/clear_refs").write_text("5")  # the peak restarts from here
    before = _rss_kb("VmRSS")
    started = time.perf_counter()
    result = outcome()
    seconds = time.perf_counter() - started
    extra = _rss_kb("VmHWM") - before
    return {"case": case, "path": path, "bytes": len(data), "seconds": seconds,
            "extra_mb": extra / 1024, "result": result}


def _master(data: bytes) -> Callable[[], str]:
    from bot.services import master_data, provisioning
    from bot.services.context import ServiceContext
    from storage import schema
    from storage.db import make_engine
    from storage.documents import FileStore

    engine = make_engine("sqlite://")
    schema.upgrade(engine)
    ctx = ServiceContext(engine=engine, store=FileStore(Path("/nonexistent")))
    provisioning.init_agency(ctx, "Dinas X", "x", ["Bina Marga"])

    def run() -> str:
        try:
            master_data.import_master(ctx, data, year=2026)
        except master_data.MasterDataInvalid as refused:
            return "refused: " + ", ".join(sorted({p.key for p in refused.problems}))
        return "imported"

    return run


def _form(data: bytes) -> Callable[[], str]:
    from reports import forms

    def run() -> str:
        try:
            forms.read_form(data)
        except forms.FormUnreadable as refused:
            return f"refused: {refused.reason}"
        return "read"

    return run


def _naive(data: bytes) -> Callable[[], str]:
    from openpyxl import load_workbook

    def run() -> str:
        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            cells = sum(len(row) for sheet in book.worksheets for row in sheet.iter_rows())
        except Exception as error:  # what openpyxl itself says about it
            return f"error: {type(error).__name__}"
        return f"read {cells} cells"

    return run


def _run(case: str, path: str) -> dict[str, object]:
    timeout = NAIVE_SECONDS if path == "naive" else 300
    try:
        done = subprocess.run([sys.executable, "-m", "benchmarks.bench_hostile_files",
                               "--one", case, path], capture_output=True, text=True,
                              timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return {"case": case, "path": path, "seconds": float(timeout), "extra_mb": None,
                "result": f"stopped after {timeout} s"}
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", choices=sorted(CASES), action="append")
    parser.add_argument("--naive", action="store_true", help="also plain openpyxl")
    parser.add_argument("--one", nargs=2, metavar=("CASE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(_measure(*args.one)))
        return
    paths = ["master", "form"] + (["naive"] if args.naive else [])
    print(f"{'file':<20} {'size':>9}  " + "  ".join(f"{p:>32}" for p in paths))
    worst = 0.0, 0.0
    for case in args.case or list(CASES):
        cells, size = [], 0
        for path in paths:
            got = _run(case, path)
            size = int(got.get("bytes") or size)
            extra = got["extra_mb"]
            shown = f"{got['seconds']:6.3f} s {extra:6.1f} MB" if extra is not None else (
                f"> {got['seconds']:.0f} s")
            cells.append(f"{shown:>17} {str(got['result']).split(': ')[-1][:14]:>14}")
            if case in HOSTILE and path != "naive":
                worst = max(worst[0], float(got["seconds"])), max(worst[1], float(extra or 0))
        print(f"{case:<20} {size / 1e6:7.2f}MB  " + "  ".join(cells))
    print(f"worst hostile file: {worst[0]:.3f} s, {worst[1]:.1f} MB extra "
          "(targets: < 1 s, < 100 MB)")


if __name__ == "__main__":
    main()
