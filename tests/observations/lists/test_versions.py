"""Comparing two versions of a list: every changed text is reported on its article, word by word, and the pieces
give back both texts."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from treatyreview.observations.lists.versions import compare_lists, compare_summaries

words = st.lists(st.sampled_from(["law", "court", "data", "training", "police", "the", "of", "a"]), max_size=8)
texts = words.map(" ".join)
observations = st.dictionaries(st.sampled_from(["1", "2", "3"]),
                               st.fixed_dictionaries({"implementation": texts, "successes": texts,
                                                      "challenges": texts}), max_size=3)


def _joined(pieces, keep: str) -> str:
    return "".join(piece.text for piece in pieces if piece.kind in ("same", keep))


@given(observations, observations)
def test_each_changed_article_is_reported_and_its_pieces_give_back_both_texts(before, after) -> None:
    changes = {change.article_id: change for change in compare_lists({"observations": before},
                                                                      {"observations": after})}
    for key in {*before, *after}:
        old, new = before.get(key, {}), after.get(key, {})
        differs = any(old.get(name, "") != new.get(name, "") for name in ("implementation", "successes",
                                                                         "challenges"))
        assert (int(key) in changes) == differs
        for field in changes.get(int(key), type("None", (), {"fields": []})).fields:
            assert _joined(field.pieces, "removed") == old.get(field.name, "")
            assert _joined(field.pieces, "added") == new.get(field.name, "")


@given(st.lists(words.filter(bool).map(" ".join), min_size=1, max_size=4, unique=True),
       st.integers(min_value=0, max_value=3))
def test_a_removed_suggestion_shows_as_removed_on_its_article(suggestions, dropped) -> None:
    items = [{"id": index + 1, "article": 7, "text": text} for index, text in enumerate(suggestions)]
    dropped %= len(items)
    after = [item for index, item in enumerate(items) if index != dropped]
    changes = compare_lists({"suggestions": items}, {"suggestions": after})
    assert [change.article_id for change in changes] == [7]
    (field,) = changes[0].fields
    assert field.name == "suggestion"
    assert _joined(field.pieces, "removed") == items[dropped]["text"]
    assert _joined(field.pieces, "added") == ""


def test_summaries_compare_section_by_section() -> None:
    changes = compare_summaries({"introduction": "A review.", "successes": "Same."},
                                {"introduction": "A thorough review.", "successes": "Same."})
    assert [change.name for change in changes] == ["introduction"]
    assert [(p.kind, p.text) for p in changes[0].pieces] == [("same", "A "), ("added", "thorough "),
                                                             ("same", "review.")]
