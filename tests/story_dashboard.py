"""`streamlit run tests/story_dashboard.py`: the dashboard (app.py) with a chronology, for the
browser tests of the story view while the store does not yet provide `Corpus.chronology`.
Once it does, this runs app.py unchanged."""
from __future__ import annotations

import dataclasses
import runpy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from story_chronology import hand_made_chronology  # noqa: E402

from timeline.ui.data import Corpus  # noqa: E402

if not hasattr(Corpus, "chronology") and "chronology" not in {f.name for f in dataclasses.fields(Corpus)}:
    Corpus.chronology = property(lambda self: hand_made_chronology(self.events))  # type: ignore[attr-defined]

runpy.run_path(str(HERE.parent / "app.py"), run_name="__main__")
