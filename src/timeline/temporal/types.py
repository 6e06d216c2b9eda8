"""What the temporal tagger returns: one TimeExpression per time expression in the text."""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any, Literal

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
# How wide the resolved interval is; "fuzzy" covers vague spans ("in recent days", "late last year").
Granularity = Literal[
    "time", "day", "week", "month", "season", "quarter", "half", "year", "decade", "century", "fuzzy"
]


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A temporal expression found in a text, normalised the TimeML way.

    `start`/`end` are character offsets in the text given to the tagger (text[start:end] == text).
    `value` is the TIMEX3 value ("2016-02-03", "2016-W04", "2015-09", "2015-Q4", "P5Y",
    "PRESENT_REF", "XXXX-WXX-5" ...), `mod` its TIMEX3 modifier (START, MID, END, APPROX, ...).
    For DATE and TIME expressions that could be placed on the calendar, `interval_start` and
    `interval_end` are the inclusive calendar days covered and `granularity` says how wide it is;
    a DURATION anchored on the calendar ("must withdraw within a week": P1W from its announcement)
    has them too, as the stretch it may end in.
    `rule` names the rule that matched; `explanation` says in words how the value was resolved
    ("Wednesday -> publication day 2016-02-03").
    """

    start: int
    end: int
    text: str
    type: TimexType
    value: str
    mod: str | None = None
    interval_start: dt.date | None = None
    interval_end: dt.date | None = None
    granularity: Granularity | None = None
    rule: str = ""
    explanation: str = ""

    @property
    def is_dated(self) -> bool:
        """True when the expression can be placed on a calendar (an event date): a date, a time
        or an anchored duration."""
        return self.type in ("DATE", "TIME", "DURATION") and self.interval_start is not None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
