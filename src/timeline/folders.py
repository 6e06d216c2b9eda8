"""The files of a folder and of its subfolders, walked alike by every way in from a folder:
`timeline extract` and `timeline chart` (cli.py), `timeline ingest` (corpus/collections.py)
and the dashboard's seeding of an empty store (documents.load_corpus).

A researcher's archive sorts its articles into subfolders (by year, by outlet, by story), so a
folder is read to any depth. The walk is bounded by what is on disk, each folder entered at most
once: a link to a folder is followed unless that folder was already entered (a link back to a
parent would otherwise loop for ever), and that skip, like a subfolder that cannot be listed, is
reported with a message rather than stopping the others. Names starting with a dot (".git",
".DS_Store", an editor's swap file) are neither files nor folders of the archive and are left
out without a word. The size of each file is the reader's to bound (documents.MAX_BYTES).
Nothing here reads a file's content, so extraction does not depend on it.
"""
from __future__ import annotations

import os
import pathlib
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class SkippedFolder:
    """A subfolder the walk did not read, and why (a message for people, naming the folder)."""

    path: pathlib.Path
    reason: str

    @property
    def message(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True)
class FolderWalk:
    """The wanted files under a folder, sorted by path, and the subfolders left unread."""

    files: list[pathlib.Path]
    skipped: list[SkippedFolder]


LINK_ALREADY_READ = "the same folder as one already read, through a link: read once (a link back would loop)"
NOT_LISTED = "a folder that cannot be listed"


def walk_folder(folder: pathlib.Path, wanted: Callable[[pathlib.Path], bool],
                exclude: pathlib.Path | None = None) -> FolderWalk:
    """Every file under `folder`, at any depth, for which `wanted` is true: hidden names and
    anything under `exclude` (a store being written inside the folder read) left out. Each
    folder (by its device and inode, so a link to it counts) is listed at most once; what is
    not read is in `skipped`. The cost is one listing per folder and one test per entry."""
    skip = exclude.resolve() if exclude is not None else None
    files: list[pathlib.Path] = []
    skipped: list[SkippedFolder] = []
    entered: set[tuple[int, int]] = set()
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            status = current.stat()
        except OSError:
            skipped.append(SkippedFolder(current, NOT_LISTED))
            continue
        identity = (status.st_dev, status.st_ino)
        if identity in entered:
            skipped.append(SkippedFolder(current, LINK_ALREADY_READ))
            continue
        entered.add(identity)
        try:
            with os.scandir(current) as listing:
                entries = list(listing)
        except OSError:
            skipped.append(SkippedFolder(current, NOT_LISTED))
            continue
        for entry in entries:
            path = pathlib.Path(entry.path)
            if entry.name.startswith(".") or (skip is not None and path.resolve().is_relative_to(skip)):
                continue
            try:
                is_folder = entry.is_dir()   # follows a link: a linked folder is read once too
                is_file = not is_folder and entry.is_file()
            except OSError:
                continue   # a broken link: neither a file nor a folder
            if is_folder:
                pending.append(path)
            elif is_file and wanted(path):
                files.append(path)
    return FolderWalk(sorted(files), sorted(skipped, key=lambda s: s.path))
