"""How many of the story's label leader lines pass over another event's mark: not a test.

For the generated Syria corpus (tests/corpus_maker.py, 555 articles, one chronology), the seed
article and each test article outside the held-out batch (bench/key_event_kinds.py's list), it
draws the story at its default size and rebuilds, from the figure as the browser gets it, each
label's leader (Plotly draws it from the label's centre to its mark's centre, stopping at the
mark's edge) and every mark's circle, and counts the leaders that pass within a mark's radius of
another mark's centre.

Run: .venv/bin/python bench/story_leaders.py [--no-articles]
"""
from __future__ import annotations

import argparse
import pathlib
import sys

import numpy as np
import pandas as pd

REPO = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "bench"))

from timeline.corpus.chronology import chronology  # noqa: E402
from timeline.documents import document_from_text  # noqa: E402
from timeline.extract.events import extract_document  # noqa: E402
from timeline.present.charts.story import story_figure  # noqa: E402


def leaders_over_marks(fig) -> tuple[int, int]:  # noqa: ANN001 - a plotly figure
    """(labels, labels whose leader passes over another event's mark)."""
    margin = fig.layout.margin
    width, height = fig.layout.width - margin.l - margin.r, fig.layout.height - margin.t - margin.b
    x0, x1 = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
    y_low, y_high = fig.layout.yaxis.range

    def pixels(x: object, y: float) -> tuple[float, float]:
        return (margin.l + (pd.Timestamp(x) - x0) / (x1 - x0) * width,
                margin.t + (y_high - y) / (y_high - y_low) * height)

    circles = []
    for trace in fig.data:
        if trace.mode != "markers" or trace.customdata is None:
            continue
        size = trace.marker.size
        for i, (x, y) in enumerate(zip(trace.x, trace.y)):
            if x is not None:
                circles.append((*pixels(x, y), (size[i] if hasattr(size, "__len__") else size) / 2))
    marks = np.array(circles).reshape(-1, 3)
    labels = over = 0
    for a in fig.layout.annotations:
        if not (a.name or "").startswith("key:"):
            continue
        labels += 1
        mx, my = pixels(a.x, a.y)
        own = np.argmin(np.hypot(marks[:, 0] - mx, marks[:, 1] - my))
        bx, by = mx + a.ax, my + a.ay
        norm = np.hypot(a.ax, a.ay) or 1.0
        ex, ey = mx + a.ax / norm * marks[own, 2], my + a.ay / norm * marks[own, 2]   # the mark's edge
        dx, dy = ex - bx, ey - by
        t = np.clip(((marks[:, 0] - bx) * dx + (marks[:, 1] - by) * dy) / (dx * dx + dy * dy), 0, 1)
        gap = np.hypot(marks[:, 0] - (bx + t * dx), marks[:, 1] - (by + t * dy))
        beside_own = np.hypot(marks[:, 0] - ex, marks[:, 1] - ey) <= marks[:, 2] + 0.5
        over += int(((gap < marks[:, 2]) & ~beside_own).any())
    return labels, over


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-articles", action="store_true", help="only the generated corpus")
    a = ap.parse_args()
    from corpus_maker import make_corpus

    corpus = make_corpus()
    docs = [document_from_text(x.text, x.published, title=x.title, source=x.source, doc_id=x.doc_id)
            for x in corpus.articles]
    chron = chronology(pd.concat([extract_document(d) for d in docs], ignore_index=True))
    for lane in ("event_type", "actor"):
        labels, over = leaders_over_marks(story_figure(chron, lane=lane))
        print(f"generated corpus ({len(docs)} articles), {lane} lanes: {over} of {labels} leaders over another mark")
    if a.no_articles:
        return
    import key_event_kinds

    total = crossing = 0
    for path in key_event_kinds.article_paths():
        doc = key_event_kinds.load_document(path)
        docs_table = key_event_kinds.documents_table([doc])
        labels, over = leaders_over_marks(story_figure(chronology(extract_document(doc), docs_table), docs_table))
        total, crossing = total + labels, crossing + over
    print(f"seed and test articles: {crossing} of {total} leaders over another mark")


if __name__ == "__main__":
    main()
