"""Likely original, paragraph origins and what each article adds or cuts (core.findings source and deltas)."""

import pytest

from copydesk.core.comparison import compare_texts
from copydesk.core.findings import run_checks

P1 = ("PARIS — The city council approved the new harbour bridge on Tuesday after a long debate about costs, "
      "traffic and the protection of the old fishing quarter near the river mouth.")
P2 = ("Mayor Helena Brandt said construction would begin in spring and the bridge should open to cyclists and "
      "pedestrians within three years, well before the regional elections.")
P3 = ("Opposition councillors warned that the budget of ninety million euros was unrealistic and demanded an "
      "independent audit of the engineering firm chosen for the project.")
P4 = ("Residents of the fishing quarter staged a quiet protest outside the town hall, holding banners painted by "
      "local schoolchildren who fear losing their football ground.")
OWN = ("Our reporter visited the ferry terminal, where dock workers said they expected to lose their jobs once "
       "the bridge opens and the night crossings are cancelled for good.")


@pytest.fixture(scope="module")
def handmade():
    original = "\n\n".join([P1, P2, P3, P4])
    rewrite = "\n\n".join([P1.replace("PARIS — ", ""), P2, OWN])
    short = "\n\n".join([P1.replace("PARIS — ", ""), P3])
    return compare_texts([rewrite, original, short], ["rewrite.txt", "original.txt", "short.txt"])


def test_fullest_datelined_version_ranks_first(handmade):
    ranking = handmade.source_ranking
    assert ranking[0].article == 1
    assert all(0.0 <= s.score <= 1.0 for s in ranking)
    assert [s.score for s in ranking] == sorted((s.score for s in ranking), reverse=True)


def test_deltas_list_added_and_cut_paragraphs(handmade):
    rewrite = handmade.deltas[0]
    assert rewrite.added == ((0, 2),)
    assert set(rewrite.cut) == {(1, 2), (1, 3)}
    assert rewrite.summary.startswith("adds 1 paragraph") and "cuts 2 of the original's paragraphs" in rewrite.summary
    original = handmade.deltas[1]
    assert original.cut == () and original.summary.startswith("likely original")
    assert dict(rewrite.origins)[(0, 0)] == (1, 0)


@pytest.fixture(scope="module")
def seeds_checked(seeds_comparison):
    """The seeds with the checks run."""
    return run_checks(seeds_comparison)


def test_seeds_ap_copy_ranks_first(seeds_checked):
    ranking = seeds_checked.source_ranking
    assert ranking[0].article == 1
    assert len(ranking) == 5 and all(0.0 <= s.score <= 1.0 for s in ranking)


def test_seeds_deltas(seeds_checked):
    deltas = {d.article: d for d in seeds_checked.deltas}
    assert deltas[1].summary.startswith("likely original")
    assert "Fico quote" in deltas[3].summary and deltas[3].cut
    assert deltas[2].added == ()  # the machine translation of the AP copy adds nothing of its own
    for d in deltas.values():
        for ref, origin in d.origins:
            assert origin[0] == 1 and ref[0] == d.article


def test_an_article_with_no_story_is_never_the_likely_original():
    from copydesk.core.comparison import compare_texts
    from copydesk.core.findings.source import likely_original

    story = ("French President Emmanuel Macron said Monday that sending Western troops to Ukraine is not ruled out "
             "after a meeting of European leaders in Paris.")
    c = compare_texts(["Advertisement\n\nSubscribe to our newsletter", story, "Advertisement"])
    assert c.source_ranking[-1].article in (0, 2) and c.stats[c.source_ranking[-1].article].words == 0
    assert likely_original(c) is None or c.stats[likely_original(c).article].words > 0
    nothing = compare_texts(["Advertisement", "Subscribe to our newsletter"])
    assert likely_original(nothing) is None
