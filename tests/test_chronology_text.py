"""How the chronology reads sentences: the merge's content words and the headline's tokens.
Both take a shortcut on ASCII text (most sentences); these tests hold that the shortcut reads
the same words as the full Unicode patterns, on any ASCII text and on non-ASCII text."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.corpus import headlines, merge

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
    assert headlines._ASCII_TOKEN.findall(text) == headlines._TOKEN.findall(text)


def test_non_ascii_sentences_keep_their_accented_words_and_curly_apostrophes():
    sentence = "Le président a signé l’accord à Genève le 3 février, said Mr. Müller’s aide in São Paulo."
    words = merge.content_words(sentence, merge.rules())
    assert words == {"président", "signé", "l'accord", "genève", "février", "müller", "aide", "são", "paulo"}
    assert words == _full_content_words(sentence)
    line = headlines.headline("Müller’s envoys signed the accord in São Paulo on 3 February.", ["Müller"],
                              ["São Paulo"], "occurred", "agreement", "on 3 February")
    assert line == "Müller signs the accord in São Paulo"
