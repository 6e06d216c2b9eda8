"""Loading the data files under `timeline/resources/`: rules, patterns, gazetteers, vocabularies.

Every file is read once (cached) through importlib.resources, so it works from a wheel too,
and handed out read-only: every caller shares the one parse, so a change by one would reach
all later ones. Validation belongs to the module that owns the file; this module only reads
and reports errors that name the file.
"""
from __future__ import annotations

import copy
import functools
import gc
from importlib import resources
from typing import Any

import yaml

from timeline.errors import ResourceError

_PACKAGE = "timeline.resources"


# libyaml's parser under PyYAML's safe constructor (PyYAML's wheels ship it): the same values
# as the pure-Python SafeLoader, parsed in C (the resource files: 0.69 -> 0.1 CPU s a cold start).
_SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(_SAFE_LOADER):  # type: ignore[misc, valid-type]
    """A safe loader that refuses duplicate mapping keys: PyYAML would silently keep the last,
    so a phrasing or an actor added twice would overwrite the first without a word."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: dict[object, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                first = seen.setdefault(key, key_node.start_mark.line + 1)
            except TypeError:  # an unhashable key: let the base class report it
                continue
            if first != key_node.start_mark.line + 1:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r} (first at line {first})", key_node.start_mark
                )
        return super().construct_mapping(node, deep=deep)


class ReadOnlyDict(dict):
    """A mapping of a cached data file: a dict to read (isinstance, json, ** all work), that
    refuses any change with a TypeError. `copy.deepcopy` gives a plain dict to change."""

    def _refuse(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("a data file's content is shared by every caller and read-only: "
                        "change a copy.deepcopy of it")

    __setitem__ = __delitem__ = __ior__ = clear = pop = popitem = setdefault = update = _refuse  # type: ignore[assignment]

    def __copy__(self) -> dict:
        return dict(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> dict:
        return {copy.deepcopy(k, memo): copy.deepcopy(v, memo) for k, v in self.items()}

    def __reduce__(self) -> tuple[Any, ...]:
        return (ReadOnlyDict, (dict(self),))


class ReadOnlyList(list):
    """A list of a cached data file: a list to read, that refuses any change with a TypeError.
    `copy.deepcopy` gives a plain list to change."""

    _refuse = ReadOnlyDict._refuse
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse  # type: ignore[assignment]
    append = extend = insert = pop = remove = clear = sort = reverse = _refuse  # type: ignore[assignment]

    def __copy__(self) -> list:
        return list(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> list:
        return [copy.deepcopy(v, memo) for v in self]

    def __reduce__(self) -> tuple[Any, ...]:
        return (ReadOnlyList, (list(self),))


def read_only(value: Any) -> Any:
    """`value` with every dict and list in it, however deep, made read-only (one pass: 0.06 s
    for all the resource files, against 0.17 s for each deep copy a copy per call would make)."""
    if isinstance(value, dict):
        return ReadOnlyDict({key: read_only(item) for key, item in value.items()})
    if isinstance(value, list):
        return ReadOnlyList(read_only(item) for item in value)
    return value  # (YAML's scalars, dates and keys are immutable already)


@functools.cache
def load_yaml(name: str) -> Any:
    """The parsed content of `resources/<name>` (e.g. "temporal/rules.yaml"), read-only: every
    caller gets the same object (dicts and lists that raise TypeError when changed)."""
    node = resources.files(_PACKAGE)
    for part in name.split("/"):
        node = node / part
    try:
        text = node.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ResourceError(f"resources/{name}: no such resource file") from None
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as exc:
        raise ResourceError(f"resources/{name}: not valid YAML: {exc}") from None
    return read_only(data)


def require(condition: bool, name: str, where: str, message: str) -> None:
    """Raise a ResourceError naming the file and entry unless `condition` holds."""
    if not condition:
        raise ResourceError(f"resources/{name}: {where}: {message}")


def freeze_loaded() -> None:
    """Leave everything alive now out of the garbage collector's passes (`gc.freeze`): called
    once the rules, gazetteers and GeoNames tables are loaded, which live as long as the process.
    A batch of new articles triggers a full collection every sixty or so, and each one traversed
    those hundred thousand objects again: 6-13% of extraction's CPU time on Timeline17's
    articles, 2-3% once frozen. Frozen objects are still freed when their reference count falls
    to zero; a reference cycle among them (garbage at the call, or made garbage later) is never
    collected: bounded by what the process holds at the call (in the dashboard's server, its own
    objects too), and paid once."""
    gc.freeze()
