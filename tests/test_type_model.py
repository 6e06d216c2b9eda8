"""The learned second reading of an event type (extract/type_model.py, resources/type_model.yaml)."""
from __future__ import annotations

import copy

import pytest

from timeline.datafiles import load_yaml
from timeline.errors import ResourceError
from timeline.extract.event_types import classify
from timeline.extract.type_model import build_model, features, model


def _tiny(threshold: float = 0.6) -> dict:
    """A two-class model: "talk" near a date pulls it to talks, the cues' "meeting" holds it there."""
    return {"active": True, "scope": "all", "threshold": threshold, "classes": ["meeting", "talks"],
            "intercepts": [0.0, 0.0], "weights": {"cue=meeting": [1.0, 0.0], "w=talk": [0.0, 2.0]}}


def test_type_model_features_read_the_cue_the_verb_and_its_object():
    sentence = "The foreign ministers signed the accord in Paris on Monday."
    start = sentence.index("on Monday")
    kind = classify(sentence, start, start + len("on Monday"))
    found = features(sentence, start, start + len("on Monday"), kind.event_type, kind.cue)
    assert f"cue={kind.event_type}" in found
    assert "v=sign" in found and "o=accord" in found


def test_type_model_retypes_only_when_sure_of_another_type():
    sentence = "The two delegations held talks in Geneva on Monday."
    start = sentence.index("on Monday")
    sure = build_model(_tiny(threshold=0.6))
    assert sure.retype(sentence, start, start + 9, "meeting", "held") == "talks"
    unsure = build_model(_tiny(threshold=0.9))
    assert unsure.retype(sentence, start, start + 9, "meeting", "held") is None
    # a sentence without "talks": the cues' meeting stands
    plain = "The two delegations met in Geneva on Monday."
    assert sure.retype(plain, plain.index("on Monday"), len(plain) - 1, "meeting", "met") is None


def test_type_model_with_scope_other_leaves_a_cue_typed_date_alone():
    sentence = "The two delegations held talks in Geneva on Monday."
    start = sentence.index("on Monday")
    only_other = build_model({**_tiny(), "scope": "other"})
    assert only_other.retype(sentence, start, start + 9, "meeting", "held") is None


@pytest.mark.parametrize("breaks", [
    lambda d: d["classes"].append("negotiation"),
    lambda d: d["intercepts"].pop(),
    lambda d: d["weights"].update({"w=talk": [1.0]}),
    lambda d: d.update(threshold=1.5),
    lambda d: d.update(scope="some"),
], ids=["unknown type", "intercepts short", "weights short", "threshold", "scope"])
def test_a_broken_type_model_file_is_refused_with_its_name(breaks):
    data = copy.deepcopy(load_yaml("type_model.yaml"))
    breaks(data)
    with pytest.raises(ResourceError, match="type_model.yaml"):
        build_model(data)


def test_the_shipped_type_model_keeps_a_plain_cue_typed_event():
    sentence = "Armenia and Azerbaijan signed a ceasefire agreement in Moscow on Tuesday."
    start = sentence.index("on Tuesday")
    kind = classify(sentence, start, start + len("on Tuesday"))
    shipped = model()
    assert shipped is None or shipped.retype(sentence, start, start + 10, kind.event_type, kind.cue) is None
