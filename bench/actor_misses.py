"""Training actors missed and given wrongly, by category: a reading for choosing actor rules
(tests/article_scores.py's matching), not a test. Training articles only.

A missed gold actor is put in the first category that fits:
  cap          the row already gives six names or more
  sentence     the extractor found a mention of it inside the row's sentence, but the row lacks it
  unread       its name (or surname) is written in the sentence, but no mention was found there
  body         a legislature, ministry, office or delegation ("the State Duma", "the parliament")
  group        an armed group or a people ("rebels", "militias", gazetteer armed_group)
  former       the article calls it "former ..." next to its name
  war          the sentence is about fighting or a war breaking out
  earlier      named (a mention found) before the sentence in the article
  later        named only after the sentence
  alias        its name is nowhere in the text, but a gazetteer name of it is
  nowhere      no mention found in the article at all
A wrong actor (given, not in gold) is counted by where it came from: the sentence's own mention
(by the mention's `how`), or added from discourse (no mention in the sentence).

Run: PYTHONPATH=src .venv/bin/python bench/actor_misses.py [--list] [--wrong]
"""
from __future__ import annotations

import collections
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests"), str(ROOT / "bench")]

from article_scores import named  # noqa: E402
from clause_misses import training_events  # noqa: E402
from timeline.extract.actors import gazetteer  # noqa: E402

_BODY = re.compile(r"\b(?:parliament|duma|knesset|congress|senate|assembly|house|cabinet|ministry|office|delegations?|"
                   r"council|government|legislature|majlis|sejm|rada|bundestag|diet|court|commission|committee|"
                   r"department|administration|army|military|forces|police|secretariat|presidency)\b", re.I)
_GROUP = re.compile(r"\b(?:rebels?|militias?|insurgents?|fighters|guerrillas?|groups?|opposition|separatists|"
                    r"tribes?|clans?|factions?|movement|front|brigades?|jihadists?|loyalists)\b", re.I)
_WAR = re.compile(r"\b(?:fighting|war|clashes|offensive|hostilities|invasion|invaded|attack(?:ed|s)?|shelling)\b", re.I)


def _mentions_of(actor: str, mentions) -> list:
    return [m for m in mentions.actors if any(named(actor, [a]) or named(a, [actor]) for a in m.actors)]


def _written(actor: str) -> set[str]:
    g = gazetteer()
    forms = set(g.written_forms(actor, demonyms=False))
    forms.add(actor)
    if " " in actor:
        forms.add(actor.split()[-1])
    return {f for f in forms if len(f) > 2}


def _in_text(forms: set[str], text: str) -> bool:
    return any(re.search(r"(?<!\w)" + re.escape(f) + r"(?!\w)", text) for f in forms)


def missed_category(actor: str, got: list[str], text: str, lo: int, hi: int, mentions) -> str:
    g = gazetteer()
    sentence = text[lo:hi]
    hits = _mentions_of(actor, mentions)
    kind = g.actors[actor].kind if actor in g.actors else ""
    if len(got) >= 6:
        return "cap"
    if any(lo <= m.start < hi for m in hits):
        return "sentence"
    if _in_text(_written(actor), sentence):
        return "unread"
    if kind not in ("state", "person") and _BODY.search(actor):
        return "body"
    if kind == "armed_group" or (kind == "" and _GROUP.search(actor)):
        return "group"
    if re.search(re.escape(actor.split()[-1]) + r",? (?:a |the )?former\b", text) or \
            re.search(r"\bformer\b[\w ]{0,40}" + re.escape(actor.split()[-1]), text):
        return "former"
    if _WAR.search(sentence):
        return "war"
    if any(m.start < lo for m in hits):
        return "earlier"
    if hits:
        return "later"
    if not _in_text({actor, actor.split()[-1]}, text) and _in_text(_written(actor), text):
        return "alias"
    return "nowhere"


def main() -> None:
    listing, wrong_list = "--list" in sys.argv, "--wrong" in sys.argv
    missed: collections.Counter[str] = collections.Counter()
    wrong: collections.Counter[str] = collections.Counter()
    total_want = total_got = 0
    for name, text, mentions, event, row in training_events():
        want = event["actors"]
        got = list(row["actors"]) if row is not None else []
        total_want += len(want)
        total_got += len(got)
        if row is None:
            missed["no row"] += len(want)
            continue
        lo, hi = int(row["char_start"]), int(row["char_end"])
        for actor in (w for w in want if not named(w, got)):
            cat = missed_category(actor, got, text, lo, hi, mentions)
            missed[cat] += 1
            if listing:
                print(f"MISS {cat:8} | {actor:28} | {name} | got={got} | {text[lo:hi][:220]!r}")
        for actor in (g for g in got if not any(named(w, [g]) for w in want)):
            inside = [m for m in mentions.actors if lo <= m.start < hi and actor in m.actors]
            cat = f"sentence:{inside[0].how}" if inside else "discourse"
            kind = gazetteer().actors[actor].kind if actor in gazetteer().actors else "unknown"
            wrong[f"{cat} ({kind})"] += 1
            if wrong_list:
                print(f"WRONG {cat:20} | {actor:28} | {name} | want={want} | {row['context_rule'][:80]!r} | {text[lo:hi][:200]!r}")
    print(f"\ntraining gold actors {total_want}, given {total_got}")
    print("missed:", sum(missed.values()))
    for cat, n in missed.most_common():
        print(f"  {cat:10} {n}")
    print("wrong:", sum(wrong.values()))
    for cat, n in wrong.most_common():
        print(f"  {cat:32} {n}")


if __name__ == "__main__":
    main()
