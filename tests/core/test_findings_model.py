"""Finding values: stable keys, JSON shape, ordering and run_checks wiring (core.findings)."""

from copydesk.core.comparison import CompareOptions, compare_texts
from copydesk.core.export_json import comparison_to_dict
from copydesk.core.findings import Finding, Occurrence, run_checks
from copydesk.core.tasks import CancelToken, Cancelled

A = ("The meeting brought together over 20 European heads of state and government in Paris on Monday evening "
     "to discuss military support for Ukraine.")
B = ("“There is no consensus today to send troops on the ground, but nothing can be ruled out,” French President "
     "Emmanuel Macron told reporters after the meeting at the Elysee.")


def test_key_is_content_based_and_to_dict_has_the_contract_shape():
    f = Finding("quote", "medium", "Macron quote differs", (Occurrence(0, 1, 2, 9),), "diff", "quote\nwords")
    moved = Finding("quote", "medium", "Macron quote differs", (Occurrence(3, 7, 0, 5),), "other", "quote\nwords")
    assert f.key == moved.key and f.key.startswith("quote:")
    assert Finding("quote", "medium", "x", ()).key != Finding("number", "medium", "x", ()).key
    assert f.to_dict() == {"kind": "quote", "severity": "medium", "message": "Macron quote differs",
                           "occurrences": [{"article": 0, "paragraph": 1, "start": 2, "end": 9}], "detail": "diff"}


def test_findings_sorted_by_severity_and_exported():
    texts = ["\n\n".join([A, B]),
             "\n\n".join([A.replace("over 20", "20"), B.replace("nothing can", "everything can")])]
    c = compare_texts(texts)
    assert [f.severity for f in c.findings] == ["high", "medium"]
    data = comparison_to_dict(c)
    assert [f["severity"] for f in data["findings"]] == ["high", "medium"]
    assert data["source_ranking"][0]["article"] in (0, 1)


def test_keys_survive_reordering_of_the_articles():
    texts = ["\n\n".join([A, B]), "\n\n".join([A.replace("over 20", "20"), B.replace("troops", "soldiers")])]
    forward = {f.key for f in compare_texts(texts).findings}
    backward = {f.key for f in compare_texts(texts[::-1], ["b.txt", "a.txt"]).findings}
    assert forward and forward == backward


def test_run_checks_honours_cancel():
    c = compare_texts(["\n\n".join([A, B]), "\n\n".join([B, A])], options=CompareOptions(run_checks=False))
    assert c.findings == () and c.source_ranking == ()
    token = CancelToken()
    token.cancel()
    try:
        run_checks(c, token)
    except Cancelled:
        pass
    else:
        raise AssertionError("run_checks ignored a cancelled token")


def test_occurrences_point_inside_their_paragraphs(seeds_comparison):
    c = run_checks(seeds_comparison)
    assert c.findings
    for f in c.findings:
        assert f.kind in ("quote", "number", "name", "date", "attribution") and f.message
        for o in f.occurrences:
            text = c.paragraph((o.article, o.paragraph)).text
            assert 0 <= o.start < o.end <= len(text)
