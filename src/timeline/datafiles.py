"""Loading the data files under `timeline/resources/`: rules, patterns, gazetteers, vocabularies.

Every file is read once (cached) through importlib.resources, so it works from a wheel too.
Validation belongs to the module that owns the file; this module only reads and reports
errors that name the file.
"""
from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml

from timeline.errors import ResourceError

_PACKAGE = "timeline.resources"


@functools.cache
def load_yaml(name: str) -> Any:
    """The parsed content of `resources/<name>` (e.g. "temporal/rules.yaml")."""
    node = resources.files(_PACKAGE)
    for part in name.split("/"):
        node = node / part
    try:
        text = node.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ResourceError(f"resources/{name}: no such resource file") from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ResourceError(f"resources/{name}: not valid YAML: {exc}") from None


def require(condition: bool, name: str, where: str, message: str) -> None:
    """Raise a ResourceError naming the file and entry unless `condition` holds."""
    if not condition:
        raise ResourceError(f"resources/{name}: {where}: {message}")
