"""The exception hierarchy. Library code raises these; only the CLI and the app turn them
into messages for people (never tracebacks)."""
from __future__ import annotations


class TimelineError(Exception):
    """Base of every error the library raises on purpose; its message is for the user."""


class InputError(TimelineError):
    """Text or arguments the library cannot work with (empty, binary, too large, bad date)."""


class DocumentError(InputError):
    """A file that cannot be read as an article. The message names the file."""

    def __init__(self, path: object, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class EmptyDocument(DocumentError):
    """An article with no text: an empty file, or one of whitespace or markup only. Its own
    class, so that a summary can say the file is empty rather than unreadable."""


class MissingPublicationDate(DocumentError):
    """An article with no publication date in its metadata, and none given by the caller."""

    def __init__(self, path: object) -> None:
        super().__init__(
            path,
            "no publication date in the file's metadata; give one "
            "(--published YYYY-MM-DD on the command line, the date picker in the dashboard)",
        )


class ResourceError(TimelineError):
    """A rule, pattern or gazetteer file that does not validate. The message names file and entry."""


class StoreError(TimelineError):
    """The event store cannot be read or written."""
