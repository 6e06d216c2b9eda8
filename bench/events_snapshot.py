"""Snapshot of extract_events' full output, to check that a speed change changes nothing.

Not a test and not a timing: it writes every row (all columns) that `extract_events` gives for
the TimeBank/AQUAINT documents (when --eval DIR holds them; default ../shared/eval), the seed
article and tests/articles, one JSON object a line, and checks each table is in the schema as
built. Take a snapshot before a change and one after, and compare them byte for byte:

    .venv/bin/python bench/events_snapshot.py /tmp/before.jsonl
    ... change the code ...
    .venv/bin/python bench/events_snapshot.py /tmp/after.jsonl && cmp /tmp/before.jsonl /tmp/after.jsonl
"""
from __future__ import annotations

import argparse
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[1]


def documents(eval_dir: pathlib.Path) -> list[tuple[str, str, str]]:
    """(doc_id, text, publication date) of every document the snapshot covers."""
    docs = []
    for name in ("timebank.jsonl", "aquaint.jsonl"):
        if (eval_dir / name).exists():
            with open(eval_dir / name, encoding="utf-8") as lines:
                docs.extend((d["doc_id"], d["text"], d["dct"]) for d in map(json.loads, lines))
    docs.append(("seed", (ROOT / "seeds" / "000_37ce115855780b04.txt").read_text(encoding="utf-8"), "2016-02-03"))
    for gold in sorted((ROOT / "tests" / "articles").glob("*.gold.json")):
        data = json.loads(gold.read_text(encoding="utf-8"))
        docs.append((gold.stem, (gold.parent / data["text_file"]).read_text(encoding="utf-8"), data["published"]))
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=pathlib.Path)
    parser.add_argument("--eval", type=pathlib.Path, default=ROOT.parent / "shared" / "eval")
    args = parser.parse_args()

    from timeline import schema
    from timeline.extract.events import extract_events

    rows = 0
    docs = documents(args.eval)
    with open(args.output, "w", encoding="utf-8") as out:
        for doc_id, text, published in docs:
            events = extract_events(text, published=published, doc_id=doc_id)
            if schema.validate(events) is not events:
                raise SystemExit(f"{doc_id}: the events table is not in the schema as built")
            for record in events.to_dict("records"):
                out.write(json.dumps(record, default=str, sort_keys=True) + "\n")
                rows += 1
    print(f"{len(docs)} documents, {rows} rows -> {args.output}")


if __name__ == "__main__":
    main()
