"""How the chronology reads and writes text: the merge's content words and the headline's tokens
take a shortcut on ASCII text (most sentences), and the status history's JSON is written step by
step. These tests hold that the shortcuts give what the full patterns and json.dumps give."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.corpus import chronology, headlines, merge
from timeline.corpus.headlines import tokens as headline_tokens

# ASCII text made mostly of what sentences hold: letters, digits, apostrophes, hyphens, dots,
# punctuation, underscores and spaces, next to each other in any order
ascii_text = st.text(alphabet=st.sampled_from(
    "abcxyzABCXYZ0189'-._ ,;:()\"!?/&\n\t" + "".join(chr(i) for i in range(32, 127))), max_size=80)


def _full_content_words(sentence: str) -> frozenset[str]:
    r = merge.rules()
    return frozenset(merge.lemma(w) for w in merge._WORD.findall(sentence.lower())
                     if len(w) >= r.min_word_length and w not in r.stopwords)


@settings(max_examples=400, deadline=None)
@given(ascii_text)
def test_ascii_text_gives_the_same_content_words_and_headline_tokens_as_the_full_patterns(text):
    assert merge._ASCII_WORD.findall(text) == merge._WORD.findall(text)
    assert merge.content_words(text, merge.rules()) == _full_content_words(text)
    assert headline_tokens._ASCII_TOKEN.findall(text) == headline_tokens._TOKEN.findall(text)


def test_non_ascii_sentences_keep_their_accented_words_and_curly_apostrophes():
    sentence = "Le président a signé l’accord à Genève le 3 février, said Mr. Müller’s aide in São Paulo."
    words = merge.content_words(sentence, merge.rules())
    assert words == {"président", "signé", "l'accord", "genève", "février", "müller", "aide", "são", "paulo"}
    assert words == _full_content_words(sentence)
    line = headlines.headline("Müller’s envoys signed the accord in São Paulo on 3 February.", ["Müller"],
                              ["São Paulo"], "occurred", "agreement", "on 3 February")
    assert line == "Müller signs the accord in São Paulo"


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=40))
def test_ids_and_statuses_in_the_history_are_written_as_json_dumps_writes_them(text):
    # quotes, backslashes, control characters, accents, lone surrogates: escaped or kept as
    # json.dumps(..., ensure_ascii=False) does
    assert chronology._json_str(text) == json.dumps(text, ensure_ascii=False)
    entry = chronology._history_entry("planned", 16834, 16835, text, None, text + '"x')
    assert json.loads(entry) == {"status": "planned", "date_start": "2016-02-03", "date_end": "2016-02-04",
                                 "doc_id": text, "published": None, "event_id": text + '"x'}


def test_a_mention_offers_its_words_to_the_merge_in_the_same_order_in_every_python_process():
    # the merge breaks ties between equally good events in the order a mention's tokens meet
    # them; an order that followed string hashing (PYTHONHASHSEED, new in each process) made
    # the same corpus merge differently from one run to the next
    code = (
        "import datetime as dt, timeline\n"
        "from timeline.corpus import merge\n"
        "m = timeline.extract_events('Foreign ministers of Russia, Iran, Turkey and the United States met "
        "in Geneva and Vienna on 3 February 2016 to discuss a ceasefire, prisoner exchanges and aid "
        "convoys.', published=dt.date(2016, 2, 4), doc_id='d')\n"
        "print([f.tokens for f in merge.mention_features(m)])\n")
    seen = set()
    for seed in ("1", "2", "3"):
        run = subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONHASHSEED": seed},
                             capture_output=True, text=True, check=True, timeout=120)
        seen.add(run.stdout)
    assert len(seen) == 1 and "@" in seen.pop()
