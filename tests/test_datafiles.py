"""Every resource file loads, and a broken one is reported with its name and line."""
import copy
import pathlib

import pytest

from timeline import datafiles
from timeline.errors import ResourceError
from timeline.extract.discourse.rules import build_rules

RESOURCES = pathlib.Path(datafiles.__file__).parent / "resources"


@pytest.mark.parametrize(
    "name", sorted(str(p.relative_to(RESOURCES)) for p in RESOURCES.rglob("*.yaml")), ids=str
)
def test_every_resource_file_loads_without_duplicate_keys(name):
    assert datafiles.load_yaml(name) is not None


def test_duplicate_key_in_a_resource_is_refused_with_file_and_line(monkeypatch):
    text = "actors:\n  Russia: {}\n  France: {}\n  Russia: {}\n"
    monkeypatch.setattr(datafiles.resources, "files", lambda _pkg: _FakeRoot(text))
    datafiles.load_yaml.cache_clear()
    try:
        with pytest.raises(ResourceError, match=r"(?s)resources/broken\.yaml.*duplicate key 'Russia' \(first at line 2\).*line 4"):
            datafiles.load_yaml("broken.yaml")
    finally:
        datafiles.load_yaml.cache_clear()


@pytest.mark.parametrize("change", [
    lambda d: d.__setitem__("country_types", []),
    lambda d: d.update(country_types=[]),
    lambda d: d.pop("country_types"),
    lambda d: d["country_types"].append("war"),
    lambda d: d["country_types"].sort(),
    lambda d: d["happenings"]["truce"]["event_types"].remove("ceasefire"),
    lambda d: d["roles"][0].setdefault("count", 9),
])
def test_a_caller_cannot_change_the_loaded_data_every_later_caller_shares(change):
    # load_yaml's parse is cached: a change by one caller would reach every later one
    before = copy.deepcopy(datafiles.load_yaml("discourse.yaml"))
    with pytest.raises(TypeError, match="read-only"):
        change(datafiles.load_yaml("discourse.yaml"))
    assert datafiles.load_yaml("discourse.yaml") == before


def test_a_deep_copy_of_the_loaded_data_is_plain_and_free_to_change():
    data = copy.deepcopy(datafiles.load_yaml("discourse.yaml"))
    data["happenings"]["truce"]["event_types"].append("war")
    assert type(data) is dict and type(data["country_types"]) is list
    assert "war" not in datafiles.load_yaml("discourse.yaml")["happenings"]["truce"]["event_types"]
    assert isinstance(datafiles.load_yaml("discourse.yaml"), dict)   # validation's isinstance still holds


def test_missing_resource_is_named():
    with pytest.raises(ResourceError, match="resources/no_such_file.yaml"):
        datafiles.load_yaml("no_such_file.yaml")


@pytest.mark.parametrize("misspell, entry", [
    (lambda d: d["happenings"]["truce"]["event_types"].append("truse"), "happenings.truce.event_types"),
    (lambda d: d.update(country_types=[*d["country_types"], "war"]), "country_types"),
    (lambda d: d.update(sides_agreed=["accord"]), "sides_agreed"),
])
def test_a_discourse_rule_naming_an_unknown_event_type_is_refused(misspell, entry):
    # a type no row has would switch the rule off silently: the load names the file, the entry and the type
    data = copy.deepcopy(datafiles.load_yaml("discourse.yaml"))
    misspell(data)
    with pytest.raises(ResourceError, match=r"resources/discourse\.yaml") as info:
        build_rules(data)
    assert entry in str(info.value) and "is not a type of event_types.yaml" in str(info.value)


def test_the_discourse_rules_as_shipped_name_only_event_types():
    build_rules(datafiles.load_yaml("discourse.yaml"))


class _FakeRoot:
    def __init__(self, text: str) -> None:
        self.text = text

    def __truediv__(self, _part: str) -> "_FakeRoot":
        return self

    def read_text(self, encoding: str = "utf-8") -> str:
        return self.text


@pytest.mark.parametrize("resource, misspell, entry", [
    ("chronology/headlines.yaml", lambda d: d["type_subjects"].update(truse=d["type_subjects"]["ceasefire"]),
     "type_subjects"),
    ("chronology/headlines.yaml", lambda d: d["passive_subjects"].update(meetings=d["passive_subjects"]["meeting"]),
     "passive_subjects"),
    ("chronology/headlines.yaml", lambda d: d["reported_speech"].update(types=["statements"]),
     "reported_speech.types"),
    ("chronology/headlines.yaml", lambda d: d["examples"][0].update(event_type="negotiation"),
     "examples[0].event_type"),
    ("reference/matching.yaml", lambda d: d["related_types"].append(["talks", "negotiations"]),
     "related_types[8]"),
])
def test_a_headline_or_matching_rule_naming_an_unknown_event_type_is_refused(resource, misspell, entry):
    # a type no event has would switch the headline subject or the related-types bonus off silently
    from timeline.corpus.headlines.rules import build_rules as build_headline_rules
    from timeline.corpus.reference import build_matching_rules

    build = build_headline_rules if resource.startswith("chronology") else build_matching_rules
    data = copy.deepcopy(datafiles.load_yaml(resource))
    build(data)  # as shipped: every type is known
    misspell(data)
    with pytest.raises(ResourceError, match=resource.replace(".", r"\.")) as info:
        build(data)
    assert entry in str(info.value) and "is not a type of event_types.yaml" in str(info.value)


def test_the_definite_article_the_discourse_reads_is_data():
    # "the deputies gathered in the Taif": the article before a stay's place comes from
    # discourse.yaml (definite_articles), not from the code
    data = copy.deepcopy(datafiles.load_yaml("discourse.yaml"))
    assert build_rules(data).stay_venue.search("the deputies gathered in the ") is not None
    assert build_rules(data).stay_venue.search("the deputies gathered in le ") is None
    data.update(articles=[*data["articles"], "le"], definite_articles=["the", "le"])
    rules = build_rules(data)
    assert rules.stay_venue.search("the deputies gathered in le ") is not None
    assert rules.definite_articles == {"the", "le"}


def test_a_definite_article_that_is_not_one_of_the_articles_is_refused():
    data = copy.deepcopy(datafiles.load_yaml("discourse.yaml"))
    data.update(definite_articles=["the", "der"])
    with pytest.raises(ResourceError, match=r"resources/discourse\.yaml: definite_articles: .*one of `articles`"):
        build_rules(data)


@pytest.mark.parametrize("rule, text", [
    ("list_before", ", le "),                                   # "X, le Y and Z": a longer list
    ("list_join", ", and le "),                                 # what joins a list's names
    ("pair_gap", "'s army and le paramilitary "),               # "X's army and the paramilitary Y"
    ("around_words", "clashes near le "),                       # a place around a reference
    ("bearing", "40 km north of le "),                          # a reference point, not a place
    ("conducting", "the summit was chaired le "),              # who chaired, not who talked
    ("venue_before", "talks in the resort of le "),             # "in the resort of the X": a venue
])
def test_every_rule_of_the_discourse_reads_its_definite_article_from_the_data(rule, text):
    data = copy.deepcopy(datafiles.load_yaml("discourse.yaml"))
    english = build_rules(data)
    data.update(articles=[*data["articles"], "le"], definite_articles=["the", "le"])
    french_too = build_rules(data)
    find = (lambda r: getattr(r, rule).fullmatch(text)) if rule.startswith(("list", "pair")) else \
        (lambda r: getattr(r, rule).search(text))
    assert find(english) is None and find(french_too) is not None


def test_the_actors_reader_takes_its_articles_from_the_discourse_data():
    # "the Federal Republic of Yugoslavia" is no person's name: the article before it is one of
    # discourse.yaml's articles; "Organisation of the Islamic Cooperation" holds a definite one.
    from timeline.extract.actors import gazetteer
    from timeline.extract.discourse.rules import articles, definite_articles

    assert gazetteer().articles == articles() == set(datafiles.load_yaml("discourse.yaml")["articles"])
    assert definite_articles() <= gazetteer().org_connectors


def test_the_article_before_a_venue_is_one_of_the_data_s_articles():
    # "talks in an old fort": any article may stand between the preposition and the venue's words
    data = copy.deepcopy(datafiles.load_yaml("discourse.yaml"))
    english = build_rules(data)
    data.update(articles=[*data["articles"], "une"])
    french_too = build_rules(data)
    assert english.venue_before.search("talks in une ") is None
    assert french_too.venue_before.search("talks in une ") is not None


def test_the_words_between_a_frame_word_and_its_happening_are_data_and_checked():
    # "Under the accord, ...": the happening is a frame; "under our accord" only once "our" is listed
    data = copy.deepcopy(datafiles.load_yaml("discourse.yaml"))
    assert build_rules(data).frame_words.search("Under our ") is None
    data["frame_determiners"] = [*data["frame_determiners"], "our"]
    assert build_rules(data).frame_words.search("Under our ") is not None
    data["frame_determiners"] = ["The"]
    with pytest.raises(ResourceError, match=r"resources/discourse\.yaml: frame_determiners: .*lower-case words"):
        build_rules(data)
