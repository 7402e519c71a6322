"""`argmap.incremental`: a re-check after one file changed finds exactly what a full check finds."""

from __future__ import annotations

import marshal
import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap import incremental, recheck
from argmap.errors import MapLoadError
from argmap.incremental import state as state_module
from argmap.recheck import check_map

CLAIM_FILES = ("claims/a.yaml", "claims/b.yaml", "claims/c.yaml")
EVIDENCE_FILES = ("evidence/x.yaml", "evidence/y.yaml")
KINDS = ("claim", "claim", "claim", "thesis", "hypothesis", "assumption")
RATINGS = ("CC", "C", "N", "I", "II", "NA")


def _claim(rng: random.Random, record_id: str, pool: list[str]) -> dict[str, object]:
    claim: dict[str, object] = {
        "id": record_id,
        "kind": rng.choice(KINDS),
        "text": f"Claim {record_id}.",
    }
    if rng.random() < 0.5:
        claim["quote"] = rng.choice(
            ["the quick brown fox", "jumped over", "not in the text at all"]
        )
        claim["source"] = "article"
    reasons: list[object] = []
    for _ in range(rng.randrange(3)):
        premises = rng.sample(pool, k=min(len(pool), rng.randrange(1, 3)))
        if len(premises) == 1 and rng.random() < 0.6:
            reasons.append(premises[0])
        else:
            reason: dict[str, object] = {"premises": premises}
            if rng.random() < 0.3:
                reason["undercut_by"] = [rng.choice(pool)]
            if rng.random() < 0.2:  # a named reason: its id shares the records' id space
                reason["id"] = f"r-{record_id}-{len(reasons)}"
            reasons.append(reason)
    if reasons:
        claim["supported_by"] = reasons
    if rng.random() < 0.3:
        claim["attacked_by"] = [rng.choice(pool)]
    if rng.random() < 0.15:
        claim["proof_standard"] = rng.choice(["scintilla", "preponderance", "dialectical_validity"])
    return claim


def _evidence(
    rng: random.Random, record_id: str, pool: list[str], hypotheses: list[str]
) -> dict[str, object]:
    item: dict[str, object] = {
        "id": record_id,
        "kind": "statistic",
        "summary": f"Evidence {record_id}.",
        "reliability": rng.choice("ABCF"),
        "credibility": rng.choice([1, 2, 3, 6]),
    }
    if rng.random() < 0.6:
        item["source"] = "article"
    elif rng.random() < 0.5:  # an inline source with a text of its own, dated or not
        item["source"] = {"title": "A note", "text": "sources/note.txt"}
        if rng.random() < 0.5:
            item["source"]["date"] = "2023-02"  # type: ignore[index]
    if rng.random() < 0.4:
        item["as_of"] = rng.choice(["2020-01-01", "2024-05", "2025"])
    if rng.random() < 0.15:
        item["superseded_by"] = rng.choice(pool)
    if hypotheses and rng.random() < 0.3:
        item["consistency"] = {h: rng.choice(RATINGS) for h in rng.sample(hypotheses, k=1)}
    if rng.random() < 0.4:
        item["quote"] = "the quick brown fox"
    return item


def _files(rng: random.Random, owners: dict[str, str], hypotheses: list[str]) -> dict[str, str]:
    """YAML text for every record file, from which file owns which id."""
    pool = [*owners, "ghost", "c0x"]  # two ids nobody declares: unknown references
    texts = {}
    for name in (*CLAIM_FILES, *EVIDENCE_FILES):
        records = []
        for record_id, owner in owners.items():
            if owner != name:
                continue
            if name.startswith("claims/"):
                records.append(_claim(rng, record_id, pool))
            else:
                records.append(_evidence(rng, record_id, pool, hypotheses))
        if records:  # an empty list is an error (AM005): leave the file out
            texts[name] = yaml.safe_dump(records, sort_keys=False)
    return texts


def _write(root: Path, texts: dict[str, str]) -> None:
    for name, text in texts.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _map(root: Path, seed: int) -> tuple[dict[str, str], dict[str, str], list[str]]:
    rng = random.Random(seed)
    owners = {f"c{i}": rng.choice(CLAIM_FILES) for i in range(rng.randrange(3, 14))}
    owners.update({f"e{i}": rng.choice(EVIDENCE_FILES) for i in range(rng.randrange(1, 8))})
    config: dict[str, object] = {
        "sources": {"article": {"title": "An article", "text": "sources/article.txt"}}
    }
    if rng.random() < 0.3:
        config["sources"]["article"]["date"] = "2024-06-01"  # type: ignore[index]
    hypotheses = [c for c in owners if c.startswith("c")][:2] if rng.random() < 0.3 else []
    if hypotheses and rng.random() < 0.5:
        config["hypotheses"] = hypotheses
    if rng.random() < 0.3:
        outcome = rng.choice(["in", "out", "undecided", "supported", "contested", "refuted"])
        config["expect"] = {outcome: [rng.choice([*owners, "nobody"])]}
    (root / "sources").mkdir(parents=True, exist_ok=True)
    (root / "sources" / "article.txt").write_text(
        "Once the quick brown fox jumped over the lazy dog.\n", encoding="utf-8"
    )
    (root / "sources" / "note.txt").write_text(
        "The quick brown fox, the quick brown fox: jumped over twice.\n", encoding="utf-8"
    )
    (root / "argmap.yaml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    texts = _files(rng, owners, hypotheses)
    _write(root, texts)
    return texts, owners, hypotheses


def _edit(
    seed: int, texts: dict[str, str], owners: dict[str, str], hypotheses: list[str]
) -> dict[str, str]:
    """One file rewritten: sometimes one record added, dropped or moved to another file (which
    gets it last, the rest as before), and then either every record regenerated or only one
    (the others written exactly as before, so the re-check must tell which records changed:
    moved ones have new positions)."""
    rng = random.Random(seed)
    name = rng.choice([*CLAIM_FILES, *EVIDENCE_FILES])
    changed = dict(texts)
    mine = [i for i, owner in owners.items() if owner == name]
    if mine and rng.random() < 0.3:
        del owners[rng.choice(mine)]
    elif mine and rng.random() < 0.15:
        mover = rng.choice(mine)
        siblings = CLAIM_FILES if name.startswith("claims/") else EVIDENCE_FILES
        target = rng.choice([other for other in siblings if other != name])
        owners[mover] = target
        written = {item["id"]: item for item in yaml.safe_load(texts.get(name, "[]")) or []}
        there = yaml.safe_load(texts.get(target, "[]")) or []
        changed[target] = yaml.safe_dump([*there, written[mover]], sort_keys=False)
    added = None
    if rng.random() < 0.4:
        prefix = "c" if name.startswith("claims/") else "e"
        added = f"{prefix}new{seed % 97}"
        owners[added] = name
    pool = [*owners, "ghost", "c0x", f"cnew{seed % 97}"]
    before = {item["id"]: item for item in yaml.safe_load(texts.get(name, "[]")) or []}
    regenerate_all = rng.random() < 0.5
    regenerated = rng.choice([i for i, owner in owners.items() if owner == name] or [None])
    records = []
    for record_id, owner in owners.items():
        if owner != name:
            continue
        if record_id in before and not regenerate_all and record_id not in (regenerated, added):
            records.append(before[record_id])
        elif name.startswith("claims/"):
            records.append(_claim(rng, record_id, pool))
        else:
            records.append(_evidence(rng, record_id, pool, hypotheses))
    if added is not None and rng.random() < 0.5:  # the new record first: the others move
        records.insert(0, records.pop(next(i for i, r in enumerate(records) if r["id"] == added)))
    if rng.random() < 0.1:  # records moved past each other
        records.reverse()
    changed[name] = yaml.safe_dump(records, sort_keys=False) if records else "[]\n"
    return changed


def _full(root: Path) -> list[str] | str:
    try:
        return [str(f) + f" {f.code}" for f in check_map(root, cache=False).findings]
    except MapLoadError:
        return "load error"


def _cached(root: Path) -> tuple[list[str] | str, bool]:
    try:
        run = check_map(root, cache=True)
    except MapLoadError:
        return "load error", False
    return [str(f) + f" {f.code}" for f in run.findings], run.incremental


taken: list[bool] = []


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    seed=st.integers(0, 10**6),
    edits=st.lists(st.integers(0, 10**6), min_size=1, max_size=3),
    change_share=st.sampled_from([0.0, 1000.0]),
    together=st.booleans(),
)
def test_a_recheck_after_edits_equals_a_full_check(
    tmp_path_factory: pytest.TempPathFactory,
    seed: int,
    edits: list[int],
    change_share: float,
    together: bool,
) -> None:
    # With a share of 0 every re-check writes its state in full; with 1000 (tiny maps) only
    # the change since the state was written in full, so the next re-check applies them all.
    # ``together``: all the edits, of several files, before one re-check.
    root = tmp_path_factory.mktemp("incremental")
    texts, owners, hypotheses = _map(root, seed)
    assert _cached(root)[0] == _full(root)
    share, state_module.CHANGE_SHARE = state_module.CHANGE_SHARE, change_share
    try:
        for number, edit in enumerate(edits, start=1):
            texts = _edit(edit, texts, owners, hypotheses)
            _write(root, texts)
            if together and number < len(edits):
                continue
            found, was_incremental = _cached(root)
            taken.append(was_incremental)
            assert found == _full(root)
    finally:
        state_module.CHANGE_SHARE = share


def test_the_incremental_path_was_taken_in_the_property_test() -> None:
    # Runs after the property test (file order): most edits must have been re-checked in part,
    # or the property above proved nothing about argmap.incremental.
    if not taken:
        pytest.skip("the property test did not run first")
    assert sum(taken) >= len(taken) / 5, f"{sum(taken)} of {len(taken)} edits were incremental"


def test_an_edit_of_one_file_rechecks_only_its_components(tmp_path: Path) -> None:
    root = tmp_path / "map"
    files = {
        "claims/one.yaml": "- id: a\n  text: A.\n  supported_by: [ea]\n",
        "claims/two.yaml": "- id: b\n  text: B.\n",
        "claims/three.yaml": "- id: c\n  text: C.\n",
        "evidence/e.yaml": (
            "- {id: ea, kind: statistic, summary: S., reliability: B, credibility: 2}\n"
        ),
    }
    _write(root, files)
    first = check_map(root, cache=True)
    assert {f.subject for f in first.findings if f.code == "AM201"} == {"b", "c"}
    _write(root, {"claims/two.yaml": "- id: b\n  text: B.\n  supported_by: [ea]\n"})
    run = check_map(root, cache=True)
    assert run.incremental
    assert run.checked == 3 and run.records == 4  # a, b and ea, since b now shares ea with a
    assert [f.subject for f in run.findings if f.code == "AM201"] == ["c"]
    assert run.findings == check_map(root, cache=False).findings


@pytest.fixture
def checked_map(tmp_path: Path) -> Path:
    """Two claims in two files, checked once with the cache on (so a state is stored)."""
    root = tmp_path / "map"
    _write(
        root,
        {"claims/one.yaml": "- id: a\n  text: A.\n", "claims/two.yaml": "- id: b\n  text: B.\n"},
    )
    check_map(root, cache=True)
    return root


def test_changing_the_config_falls_back_to_a_full_check(checked_map: Path) -> None:
    root = checked_map
    (root / "argmap.yaml").write_text("title: T\n", encoding="utf-8")
    run = check_map(root, cache=True)
    assert not run.incremental and not run.from_cache


def test_adding_a_file_falls_back_to_a_full_check(checked_map: Path) -> None:
    root = checked_map
    _write(root, {"claims/three.yaml": "- id: c\n  text: C.\n"})
    run = check_map(root, cache=True)
    assert not run.incremental and not run.from_cache
    assert run.findings == check_map(root).findings


def test_an_id_declared_twice_is_left_to_the_loader(checked_map: Path) -> None:
    root = checked_map
    _write(root, {"claims/two.yaml": "- id: a\n  text: Also a.\n"})
    with pytest.raises(MapLoadError):
        check_map(root, cache=True)


def test_a_broken_edit_is_reported_by_the_loader(checked_map: Path) -> None:
    root = checked_map
    _write(root, {"claims/two.yaml": "- id: b\n  text: [unclosed\n"})
    with pytest.raises(MapLoadError):
        check_map(root, cache=True)


def test_a_corrupt_state_is_no_state(checked_map: Path) -> None:
    root = checked_map
    for path in incremental.state_path("x").parent.iterdir():
        path.write_text("[1, 2", encoding="utf-8")
    _write(root, {"claims/two.yaml": "- id: b\n  text: B again.\n"})
    run = check_map(root, cache=True)
    assert not run.incremental
    assert run.findings == check_map(root).findings


def test_a_map_part_and_findings_of_two_states_are_no_state(checked_map: Path) -> None:
    root = checked_map
    base = recheck.base_key(root)
    assert base is not None and incremental.read_state(base) is not None
    findings = incremental.findings_path(base)
    data = list(marshal.loads(findings.read_bytes()))
    data[1] = "another token"  # as if a check stopped between writing its two parts
    findings.write_bytes(marshal.dumps(tuple(data)))
    assert incremental.read_state(base) is None
    _write(root, {"claims/two.yaml": "- id: b\n  text: B again.\n"})
    run = check_map(root, cache=True)
    assert not run.incremental
    assert run.findings == check_map(root).findings
    assert incremental.read_state(base) is not None  # written again, both parts


def test_a_rating_that_names_no_hypothesis_still_touches_the_hypotheses(tmp_path: Path) -> None:
    root = tmp_path / "map"
    _write(
        root,
        {
            "argmap.yaml": "hypotheses: [h, k]\n",
            "claims/h.yaml": "- {id: h, kind: hypothesis, text: H., supported_by: [e1]}\n"
            "- {id: k, kind: hypothesis, text: K.}\n",
            "claims/x.yaml": "- {id: x, text: X., supported_by: [e2]}\n",
            "evidence/e1.yaml": "- {id: e1, kind: statistic, summary: S., reliability: B,"
            " credibility: 2, consistency: {h: C, k: I}}\n",
            "evidence/e2.yaml": "- {id: e2, kind: statistic, summary: T., reliability: B,"
            " credibility: 2}\n",
        },
    )
    check_map(root, cache=True)
    _write(
        root,
        {
            "evidence/e2.yaml": "- {id: e2, kind: statistic, summary: T., reliability: B,"
            " credibility: 2, consistency: {clod: C}}\n"
        },
    )
    run = check_map(root, cache=True)
    assert run.incremental
    full = check_map(root, cache=False)
    assert "AM701" in {f.code for f in full.findings}
    assert run.findings == full.findings


@pytest.mark.parametrize(
    ("new_id", "checked", "hint"),
    [
        # Alike enough to be suggested: the component naming the unknown id is checked again.
        ("cnew14", 2, "did you mean 'cnew14'?"),
        # Adding a claim is the commonest edit; re-checking every component that names an
        # unknown id each time would make it as slow as touching half the map.
        ("trust-gap", 1, None),
    ],
)
def test_a_new_id_elsewhere_touches_the_unknown_references_it_could_be_suggested_for(
    tmp_path: Path, new_id: str, checked: int, hint: str | None
) -> None:
    root = tmp_path / "map"
    _write(
        root,
        {
            "claims/a.yaml": "- {id: a, text: A., supported_by: [cnew12]}\n",
            "claims/b.yaml": "- {id: b, text: B.}\n",
        },
    )
    check_map(root, cache=True)
    _write(root, {"claims/b.yaml": f"- {{id: b, text: B.}}\n- {{id: {new_id}, text: C.}}\n"})
    run = check_map(root, cache=True)
    assert run.incremental and run.checked == checked
    unknown = [f.message for f in run.findings if f.subject == "a" and "cnew12" in f.message]
    assert unknown and all(("did you mean" in m) == (hint is not None) for m in unknown)
    assert hint is None or any(hint in m for m in unknown)
    assert run.findings == check_map(root, cache=False).findings


def test_only_the_records_an_edit_changed_are_rechecked(tmp_path: Path) -> None:
    root = tmp_path / "map"
    claims = "- {id: a, text: A.}\n- {id: b, text: B.}\n- {id: c, text: C.}\n"
    _write(root, {"claims/abc.yaml": claims, "claims/d.yaml": "- {id: d, text: D.}\n"})
    check_map(root, cache=True)
    _write(root, {"claims/abc.yaml": claims + "- {id: new, text: New.}\n"})
    appended = check_map(root, cache=True)
    assert appended.incremental and appended.checked == 1  # a, b and c are as they were
    assert appended.findings == check_map(root, cache=False).findings

    # A record inserted before others moves them: their findings move with them, unchecked.
    _write(root, {"claims/abc.yaml": "- {id: first, text: F.}\n" + claims})
    moved = check_map(root, cache=True)
    assert moved.incremental and moved.checked == 1  # first (new went: no component)
    assert moved.findings == check_map(root, cache=False).findings
    assert {f.span.line for f in moved.findings if f.subject == "c"} == {4}

    # Records that move past each other may change which of them a check reports: checked again.
    _write(
        root,
        {
            "claims/abc.yaml": "- {id: first, text: F.}\n"
            + claims.replace("- {id: a, text: A.}\n", "")
            + "- {id: a, text: A.}\n"
        },
    )
    reordered = check_map(root, cache=True)
    assert reordered.incremental and reordered.checked == 3  # a, b and c; first stayed
    assert reordered.findings == check_map(root, cache=False).findings


def test_without_the_old_version_in_the_parse_cache_every_record_of_the_file_counts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "map"
    claims = "- {id: a, text: A.}\n- {id: b, text: B.}\n"
    _write(root, {"claims/ab.yaml": claims, "claims/d.yaml": "- {id: d, text: D.}\n"})
    check_map(root, cache=True)
    monkeypatch.setattr(incremental, "_cached_records", lambda *args: None)
    _write(root, {"claims/ab.yaml": claims + "- {id: new, text: New.}\n"})
    run = check_map(root, cache=True)
    assert run.incremental and run.checked == 3
    assert run.findings == check_map(root, cache=False).findings


def test_the_hint_of_a_bad_successor_comes_from_the_whole_map(tmp_path: Path) -> None:
    root = tmp_path / "map"
    evidence = "{id: %s, kind: statistic, summary: S., reliability: B, credibility: 2%s}"
    _write(
        root,
        {
            "claims/a.yaml": "- {id: a, text: A., supported_by: [e2]}\n",
            "claims/b.yaml": "- {id: b, text: B.}\n",
            "evidence/x.yaml": "- " + evidence % ("e2", ", superseded_by: enew31") + "\n",
            "evidence/y.yaml": "- " + evidence % ("enew30", "") + "\n",
        },
    )
    check_map(root, cache=True)
    # Another id comes, so e2's component (it names an unknown id) is checked again, without
    # enew30's: the hint must still see the whole map's evidence.
    _write(root, {"claims/b.yaml": "- {id: b, text: B.}\n- {id: c, text: C.}\n"})
    run = check_map(root, cache=True)
    assert run.incremental
    assert any("did you mean 'enew30'?" in f.message for f in run.findings)
    assert run.findings == check_map(root, cache=False).findings


def _stored(root: Path) -> tuple[Path, Path]:
    """Where the state of ``root`` (checked with default options) and its change are kept."""
    base = recheck.base_key(root)
    assert base is not None
    return incremental.state_path(base), incremental.change_path(base)


def test_a_recheck_stores_only_its_change_and_the_next_applies_it(
    checked_map: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = checked_map
    monkeypatch.setattr(state_module, "CHANGE_SHARE", 1000.0)
    state, change = _stored(root)
    written_in_full = state.read_bytes()
    for text in ("- id: b\n  text: B, edited.\n", "- id: b\n  text: B, edited again.\n"):
        _write(root, {"claims/two.yaml": text})
        run = check_map(root, cache=True)
        assert run.incremental
        assert run.findings == check_map(root, cache=False).findings
    assert state.read_bytes() == written_in_full
    assert change.is_file()
    _write(root, {"claims/one.yaml": "- id: a\n  text: A, edited.\n"})
    run = check_map(root, cache=True)
    assert run.incremental and run.checked == 1  # b's edits came from the change
    assert run.findings == check_map(root, cache=False).findings


def test_a_large_change_writes_the_state_in_full(
    checked_map: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = checked_map
    monkeypatch.setattr(state_module, "CHANGE_SHARE", 0.0)
    state, change = _stored(root)
    before = state.read_bytes()
    _write(root, {"claims/two.yaml": "- id: b\n  text: B, edited.\n"})
    assert check_map(root, cache=True).incremental
    assert state.read_bytes() != before
    assert not change.exists()


@pytest.mark.parametrize("damage", ["corrupt", "of another state"])
def test_a_change_that_does_not_fit_is_left_out(
    checked_map: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    root = checked_map
    monkeypatch.setattr(state_module, "CHANGE_SHARE", 1000.0)
    _write(root, {"claims/two.yaml": "- id: b\n  text: B, edited.\n"})
    check_map(root, cache=True)
    _, change = _stored(root)
    if damage == "corrupt":
        change.write_bytes(b"\x00garbage")
    else:
        data = list(marshal.loads(change.read_bytes()))
        data[1] = "another token"
        change.write_bytes(marshal.dumps(tuple(data)))
    _write(root, {"claims/one.yaml": "- id: a\n  text: A, edited.\n"})
    run = check_map(root, cache=True)
    # Without its change the state is the one written after the first check: both files
    # changed since, and the re-check still finds what a full check finds.
    assert run.incremental and run.checked == 2
    assert run.findings == check_map(root, cache=False).findings


_placed = st.tuples(
    st.integers(0, 3),
    st.tuples(
        st.sampled_from(["AM101", "AM201"]),
        st.just("n"),
        st.just("error"),
        st.sampled_from(["a.yaml", "b.yaml"]),
        st.integers(1, 3),
        st.integers(1, 3),
        st.text(max_size=3),
        st.none() | st.sampled_from(["x", "y"]),
        st.just([]),
    ).map(list),
)


@given(st.lists(_placed, max_size=40), st.lists(_placed, max_size=80))
def test_merging_findings_in_is_a_stable_sort(
    ordered: list[tuple[int, list[Any]]], more: list[tuple[int, list[Any]]]
) -> None:
    ordered = sorted(ordered, key=state_module._packed_order)
    expected = sorted(ordered + more, key=state_module._packed_order)
    assert state_module._merged(ordered, more) == expected


def test_the_findings_of_a_moved_records_component_survive_a_stored_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # x moves; its component's finding about e1 sits in another file, unmoved, and must be
    # stored with the change like the moved ones, or the next re-check loses it.
    root = tmp_path / "map"
    claims = "- {id: x, text: X., supported_by: [e1]}\n- {id: y, text: Y.}\n"
    _write(
        root,
        {
            "claims/a.yaml": claims,
            "claims/z.yaml": "- {id: z, text: Z.}\n",
            "evidence/e.yaml": "- {id: e1, kind: statistic, summary: S., reliability: B,"
            " credibility: 6}\n",
        },
    )
    check_map(root, cache=True)
    monkeypatch.setattr(state_module, "CHANGE_SHARE", 1000.0)
    _write(root, {"claims/a.yaml": "- {id: w, text: W.}\n" + claims})
    moved = check_map(root, cache=True)
    assert moved.incremental and moved.checked == 1
    _write(root, {"claims/z.yaml": "- {id: z, text: Z again.}\n"})
    run = check_map(root, cache=True)
    assert run.incremental
    assert "AM302" in {f.code for f in run.findings}
    assert run.findings == check_map(root, cache=False).findings


@pytest.mark.parametrize("seed", range(40))
def test_a_files_facts_are_what_each_record_says(tmp_path: Path, seed: int) -> None:
    """`file_facts` (one pass, for speed) against its definition, record by record."""
    from argmap.load import load
    from argmap.model import Claim, ClaimKind, Evidence
    from argmap.timeline import has_date

    _map(tmp_path, seed)
    try:
        amap = load(tmp_path)
    except MapLoadError:
        return
    records: list[Claim | Evidence] = [*amap.claims.values(), *amap.evidence.values()]
    facts = state_module.file_facts(amap, "digest", 7, records)
    claims = [r for r in records if isinstance(r, Claim)]
    evidence = [r for r in records if isinstance(r, Evidence)]
    assert facts.records == [r.id for r in records]
    assert facts.reasons == [
        reason.id
        for claim in claims
        for reason in (*claim.supported_by, *claim.attacked_by)
        if reason.id is not None
    ]
    assert facts.references == [
        [r.id, other] for r in records for other in state_module.references(r)
    ]
    assert facts.hypotheses == [c.id for c in claims if c.kind is ClaimKind.HYPOTHESIS]
    assert facts.dated == sum(has_date(amap, e) for e in evidence)
    assert facts.rated == [e.id for e in evidence if e.consistency]
    assert (facts.digest, facts.size) == ("digest", 7)
