"""The archive of a closed cycle (SOP step 9, *mengarsipkannya*) as one ZIP, and its check.

Pure functions over bytes: no database, no clock, no file system. The same entries, audit rows
and meta always give the same bytes (fixed entry times, order and compression), so an archive
built again for an unchanged cycle has the same sha256 and is stored once.

Layout of the ZIP::

    00-Laporan-Analisa-Data-Kinerja/analisa.pdf
    01-Nota-Kepala-Dinas/Nota-Kepala-Dinas-TW1-2024.txt
    06-Data-Dukung/Bina Marga/bukti.pdf          (per-division files sit in a division folder)
    06-Data-Dukung/Bina Marga/bukti (2).pdf      (a second file with the same name)
    audit-log.csv                                 (UTF-8 with BOM, for Excel)
    manifest.json                                 (sha256 and size of every other entry)
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePosixPath
from typing import Any

from bot import texts
from bot.domain.clock import to_local
from bot.domain.sop import STEP_BY_KEY, StepKey
from reports.sheets import csv_text

MANIFEST = "manifest.json"
AUDIT_LOG = "audit-log.csv"
FORMAT = "sakip-bot-archive/1"

# Verification limits (zip-bomb safety): checked on the central directory before anything is
# decompressed; zipfile itself refuses to inflate an entry past its declared size.
MAX_ENTRIES = 10_000
MAX_UNCOMPRESSED = 2 * 1024**3
MAX_MANIFEST = 16 * 1024**2
_CHUNK = 1024 * 1024

_UNSAFE_CHARS = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
_SHA256 = re.compile(r"[0-9a-f]{64}")
_READ_ERRORS = (zipfile.BadZipFile, zlib.error, RuntimeError, NotImplementedError, OSError,
                EOFError, ValueError)


@dataclass(frozen=True)
class BundleEntry:
    """One document of the cycle with its bytes and who/when/where it came from."""

    kind: str
    name: str
    data: bytes
    created_at: datetime
    step: str | None = None
    division: str | None = None
    created_by: str | None = None
    # Replaced by a newer version of the same document: kept apart, for the record only.
    superseded: bool = False


# --- building -----------------------------------------------------------------------------------
def build_bundle(entries: list[BundleEntry], audit_rows: list[dict[str, Any]],
                 meta: dict[str, Any]) -> bytes:
    """The ZIP: documents by kind, ``audit-log.csv`` and ``manifest.json``.

    ``audit_rows`` hold ``at`` (datetime), ``user`` (name or None), ``action``, ``before`` and
    ``after`` (dicts). ``meta`` needs ``generated_at`` (datetime; it also dates the manifest and
    the log inside the ZIP) and normally ``agency`` and ``period``; every key is copied into the
    manifest, datetimes as ISO in the agency's zone.
    """
    generated_at = meta.get("generated_at")
    if not isinstance(generated_at, datetime):
        raise ValueError("meta['generated_at'] must be a datetime")
    taken = {MANIFEST.casefold(), AUDIT_LOG.casefold()}
    files: list[dict[str, Any]] = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for entry in sorted(entries, key=_entry_order):
            path = _unique(_entry_path(entry), taken)
            _write(bundle, path, entry.data, entry.created_at)
            files.append({
                "path": path,
                "sha256": hashlib.sha256(entry.data).hexdigest(),
                "size": len(entry.data),
                "kind": str(entry.kind),
                "step": str(entry.step) if entry.step else None,
                "step_number": _step_number(entry.step),
                "division": entry.division,
                "who": entry.created_by,
                "when": _iso(entry.created_at),
                "superseded": entry.superseded,
            })
        log = audit_csv(audit_rows)
        _write(bundle, AUDIT_LOG, log, generated_at)
        manifest: dict[str, Any] = {"format": FORMAT}
        manifest.update({str(k): _jsonable(v) for k, v in meta.items()
                         if k not in ("format", "files", "audit_log")})
        manifest["files"] = files
        manifest["audit_log"] = {"path": AUDIT_LOG, "sha256": hashlib.sha256(log).hexdigest(),
                                 "size": len(log), "rows": len(audit_rows)}
        text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
        _write(bundle, MANIFEST, text.encode("utf-8"), generated_at)
    return buffer.getvalue()


def audit_csv(rows: Sequence[Mapping[str, Any]]) -> bytes:
    """The audit log for Excel: UTF-8 with BOM, times in the agency's zone, no cell read as a
    formula."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(texts.archive_audit_header())
    for row in rows:
        at = row["at"]
        when = to_local(at).strftime("%Y-%m-%d %H:%M:%S") if isinstance(at, datetime) else at
        writer.writerow([
            csv_text(when),
            csv_text(row.get("user") or texts.ARCHIVE_SYSTEM_USER),
            csv_text(row.get("action", "")),
            csv_text(_json_cell(row.get("before"))),
            csv_text(_json_cell(row.get("after"))),
        ])
    return out.getvalue().encode("utf-8-sig")


def folder_of(kind: str) -> str:
    return texts.ARCHIVE_FOLDERS.get(kind, texts.ARCHIVE_OTHER_FOLDER)


def _entry_order(entry: BundleEntry) -> tuple[bool, int, str]:
    kinds = list(texts.ARCHIVE_FOLDERS)
    position = kinds.index(entry.kind) if entry.kind in kinds else len(kinds)
    # sorted() is stable: within a folder and division the caller's order (oldest first) stays.
    return entry.superseded, position, (entry.division or "").casefold()


def _entry_path(entry: BundleEntry) -> str:
    parts = [folder_of(entry.kind)]
    if entry.superseded:
        parts.insert(0, texts.ARCHIVE_SUPERSEDED_FOLDER)
    if entry.division:
        parts.append(_safe_part(entry.division, "-"))
    base = entry.name.replace("\\", "/").rsplit("/", 1)[-1]  # a file name, never a path
    parts.append(_safe_part(base, texts.ARCHIVE_UNNAMED_FILE))
    return "/".join(parts)


def _safe_part(text: str, fallback: str) -> str:
    """One path segment: no separators, control or reserved characters, no leading dots."""
    cleaned = _UNSAFE_CHARS.sub("_", text).strip().lstrip(".").strip()
    return cleaned[:150] or fallback


def _unique(path: str, taken: set[str]) -> str:
    """``path``, or ``name (2).ext`` and so on; case-blind, since Windows unzips that way."""
    candidate = path
    pure = PurePosixPath(path)
    number = 2
    while candidate.casefold() in taken:
        candidate = str(pure.with_name(f"{pure.stem} ({number}){pure.suffix}"))
        number += 1
    taken.add(candidate.casefold())
    return candidate


def _write(bundle: zipfile.ZipFile, path: str, data: bytes, moment: datetime) -> None:
    info = zipfile.ZipInfo(path, date_time=_zip_time(moment))
    info.create_system = 3  # the same bytes whichever system builds the archive
    info.external_attr = 0o644 << 16
    bundle.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)


def _zip_time(moment: datetime) -> tuple[int, int, int, int, int, int]:
    local = to_local(moment)  # ZIP times are wall-clock; the archive is read in the agency's zone
    if local.year < 1980:
        return (1980, 1, 1, 0, 0, 0)
    if local.year > 2107:
        return (2107, 12, 31, 23, 59, 58)
    return (local.year, local.month, local.day, local.hour, local.minute, local.second)


def _iso(moment: datetime) -> str:
    return to_local(moment).isoformat(timespec="seconds")


def _step_number(key: str | None) -> int | None:
    try:
        return STEP_BY_KEY[StepKey(key)].number if key else None
    except ValueError:
        return None


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return _iso(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _json_cell(value: Any) -> str:
    if not value:
        return ""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


# --- verifying ----------------------------------------------------------------------------------
def read_manifest(data: bytes) -> dict[str, Any] | None:
    """The manifest of a bundle, or None when there is none that can be used."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as bundle:
            return _manifest(bundle)
    except _READ_ERRORS:
        return None


def verify_bundle(data: bytes, *, max_entries: int = MAX_ENTRIES,
                  max_uncompressed: int = MAX_UNCOMPRESSED) -> list[str]:
    """Every discrepancy between the ZIP and its manifest; empty when the archive is intact.

    Reports a missing file, a changed file (sha256 or size), a file the manifest does not list,
    a duplicate or unsafe name, an unreadable entry or manifest. A ZIP with more than
    ``max_entries`` entries or more than ``max_uncompressed`` bytes once inflated is refused
    before anything is decompressed.
    """
    try:
        bundle = zipfile.ZipFile(io.BytesIO(data))
    except _READ_ERRORS:
        return [texts.ARCHIVE_NOT_ZIP]
    with bundle:
        infos = bundle.infolist()
        if len(infos) > max_entries:
            return [texts.archive_too_many_entries(len(infos), max_entries)]
        total = sum(info.file_size for info in infos)
        if total > max_uncompressed:
            return [texts.archive_too_large(total, max_uncompressed)]
        files = [info for info in infos if not info.is_dir()]
        counts = Counter(info.filename for info in files)
        problems = [texts.archive_duplicate(name) for name, n in counts.items() if n > 1]
        manifest = _manifest(bundle)
        if manifest is None:
            return [*problems, texts.ARCHIVE_MANIFEST_UNREADABLE]
        listed = [*manifest["files"], manifest["audit_log"]]
        listed_counts = Counter(item["path"] for item in listed)
        problems += [texts.archive_duplicate(path) for path, n in listed_counts.items()
                     if n > 1 and counts.get(path, 0) <= 1]
        by_name = {info.filename: info for info in files}
        for item in listed:
            path = item["path"]
            if not _safe_path(path):
                problems.append(texts.archive_unsafe_path(path))
            info = by_name.get(path)
            if info is None:
                problems.append(texts.archive_missing(path))
                continue
            digest = _digest(bundle, info)
            if digest is None:
                problems.append(texts.archive_entry_unreadable(path))
            elif digest[0] != item["sha256"]:
                problems.append(texts.archive_changed(path))
            elif digest[1] != item["size"]:
                problems.append(texts.archive_size_changed(path))
        problems += [texts.archive_extra(name) for name in by_name
                     if name != MANIFEST and name not in listed_counts]
    return problems


def _manifest(bundle: zipfile.ZipFile) -> dict[str, Any] | None:
    """The manifest if it is readable, small enough and shaped as this module writes it."""
    try:
        info = bundle.getinfo(MANIFEST)
    except KeyError:
        return None
    if info.file_size > MAX_MANIFEST:
        return None
    try:
        with bundle.open(info) as handle:
            raw = handle.read(MAX_MANIFEST + 1)
        manifest = json.loads(raw.decode("utf-8"))
    except (*_READ_ERRORS, UnicodeDecodeError):
        return None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        return None
    files = manifest.get("files")
    log = manifest.get("audit_log")
    if not isinstance(files, list) or not all(_listed(item) for item in [*files, log]):
        return None
    return manifest


def _listed(item: object) -> bool:
    if not isinstance(item, dict):
        return False
    path, sha, size = item.get("path"), item.get("sha256"), item.get("size")
    return (isinstance(path, str) and bool(path) and isinstance(sha, str)
            and _SHA256.fullmatch(sha) is not None
            and isinstance(size, int) and not isinstance(size, bool) and size >= 0)


def _safe_path(path: str) -> bool:
    """Relative, forward slashes, no ``..``: what unzips inside the folder it is unzipped in."""
    if path.startswith("/") or "\\" in path or ":" in path or path == MANIFEST:
        return False
    parts = path.split("/")
    return all(part not in ("", ".", "..") for part in parts)


def _digest(bundle: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[str, int] | None:
    """sha256 and length of one entry, read in chunks; None when it cannot be read."""
    digest = hashlib.sha256()
    size = 0
    try:
        with bundle.open(info) as handle:
            while chunk := handle.read(_CHUNK):
                size += len(chunk)
                if size > info.file_size:  # zipfile stops at the declared size; be sure
                    return None
                digest.update(chunk)
    except _READ_ERRORS:
        return None
    return digest.hexdigest(), size

