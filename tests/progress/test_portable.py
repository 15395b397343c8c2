"""The progress file a learner carries to another computer: written whole, brought in by merging,
and refused (changing nothing) when damaged, changed, newer or for other lessons."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lessonkit.progress import open_store, portable
from lessonkit.progress.overview import ProgressOverview


def kept(store) -> tuple:
    """Everything the store holds (ids left out: they are the store's own numbering)."""
    answers = [
        (a.module, a.item, a.kind, a.answer, a.correct, a.graded, a.at) for a in store.answers()
    ]
    return answers, sorted(store.modules().items())


def seeded(path: Path, course, tag: str, at: str):
    store = open_store(path)
    module = course.modules[1]
    quiz = next(i for i in module.items if i.kind == "quiz")
    store.mark_opened(module.id)
    first = f"2026-01-0{tag}T10:00:00.000+00:00"
    store.record(module.id, quiz.id, "quiz", 0, False, True, at=first)
    store.record(module.id, "a-reflection", "reflection", f"words {tag}", None, False, at=at)
    return store, module, quiz


def resign(body: dict) -> bytes:
    body.pop("checksum", None)
    body["checksum"] = portable._checksum(body)
    return json.dumps(body).encode()


def test_a_file_brought_into_a_fresh_store_holds_everything(tmp_path, course):
    mine, module, _ = seeded(tmp_path / "a.sqlite3", course, "1", "2026-01-01T11:00:00.000+00:00")
    data = portable.dump(mine)
    body = json.loads(data)
    assert body["format"] == portable.FORMAT and body["version"] == portable.VERSION
    assert body["checksum"].startswith("sha256:") and str(tmp_path) not in data.decode()
    other = open_store(tmp_path / "b.sqlite3")
    came = portable.bring_in(other, data, [m.id for m in course.modules])
    assert came == portable.Came(2, (module.id,))
    assert kept(other) == kept(mine)
    assert portable.bring_in(other, data).answers == 0  # twice: nothing new
    assert kept(other) == kept(mine)


def test_merging_loses_nothing_and_the_newest_answer_wins(tmp_path, course):
    at = "2026-01-01T11:00:00.000+00:00"
    here, module, quiz = seeded(tmp_path / "a.sqlite3", course, "1", at)
    there, _, _ = seeded(tmp_path / "b.sqlite3", course, "2", "2026-01-02T11:00:00.000+00:00")
    there.record(module.id, quiz.id, "quiz", 3, True, True, at="2026-01-03T09:00:00.000+00:00")
    older = open_store(tmp_path / "c.sqlite3")
    older.record(module.id, quiz.id, "quiz", 1, False, True, at="2025-12-01T09:00:00.000+00:00")
    before = kept(here)[0]

    portable.bring_in(here, portable.dump(there))
    portable.bring_in(here, portable.dump(older))  # older than all: it must not win
    assert set(before) <= set(kept(here)[0])  # nothing kept was lost or changed
    assert len(kept(here)[0]) == len(before) + 4
    assert here.latest(module.id, quiz.id).answer == 3  # the newest, from the other computer
    assert here.module_state(module.id)[quiz.id].correct is True
    assert here.latest(module.id, "a-reflection").answer == "words 2"
    times = [a.at for a in here.answers()]
    assert times == sorted(times)
    first = min(here.modules()[module.id].first_opened, there.modules()[module.id].first_opened)
    assert here.modules()[module.id].first_opened == first


def refusals(tmp_path, course) -> dict[str, bytes]:
    source, _, _ = seeded(tmp_path / "src.sqlite3", course, "3", "2026-01-03T11:00:00.000+00:00")
    good = portable.dump(source)
    body = json.loads(good)
    changed = json.loads(good)
    changed["answers"][0]["correct"] = True
    newer = {**json.loads(good), "version": portable.VERSION + 1, "answers": "new layout"}
    for_others = {**json.loads(good), "lessons": "other-lessons"}
    unknown = json.loads(good)
    for row in unknown["answers"] + unknown["modules"]:
        row["module"] = "99-another-course"
    return {
        "damaged: cut short": good[: len(good) // 2],
        "damaged: not json": b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
        "damaged: bad row": resign({**body, "answers": [{"module": "m"}]}),
        "changed: edited by hand": json.dumps(changed).encode(),
        "newer: from a newer version": resign(newer),
        "other: lessons": resign(for_others),
        "other: modules of another course": resign(unknown),
        "other: the markdown export's json": json.dumps({"format": "lessonkit-progress"}).encode(),
        "other: any json": b'{"hello": "world"}',
    }


CASES = [
    "damaged: cut short",
    "damaged: not json",
    "damaged: bad row",
    "changed: edited by hand",
    "newer: from a newer version",
    "other: lessons",
    "other: modules of another course",
    "other: the markdown export's json",
    "other: any json",
]


@pytest.mark.parametrize("case", CASES)
def test_a_file_that_cannot_be_brought_in_gets_one_message_and_changes_nothing(
    case, tmp_path, course, private_store
):
    data = refusals(tmp_path, course)[case]
    store, _, _ = seeded(private_store, course, "1", "2026-01-01T11:00:00.000+00:00")
    store._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the file alone holds it all
    before, file_before = kept(store), hashlib.sha256(private_store.read_bytes()).hexdigest()
    with pytest.raises(portable.Refused) as refused:
        portable.bring_in(store, data, [m.id for m in course.modules])
    assert refused.value.reason == case.split(":")[0]

    (tmp_path / "file.json").write_bytes(data)  # the same, through the overview
    view = ProgressOverview(course, store)
    view.carry_path.value = str(tmp_path / "file.json")
    view._on_bring_in()
    reason = case.split(":")[0]
    expected = getattr(course.ui, f"progress_refused_{reason}").format(path=tmp_path / "file.json")
    assert view.message == expected
    assert kept(store) == before
    store.close()
    assert hashlib.sha256(private_store.read_bytes()).hexdigest() == file_before


def test_download_and_bring_in_through_the_overview(tmp_path, course, monkeypatch):
    monkeypatch.chdir(tmp_path)
    source, module, _ = seeded(tmp_path / "a.sqlite3", course, "1", "2026-01-01T11:00:00.000+00:00")
    view = ProgressOverview(course, source)
    view.carry_path.value = "carried"
    view._on_download()
    written = tmp_path / "carried.json"
    assert view.message == course.ui.progress_downloaded.format(path="carried.json")
    assert written.stat().st_mode & 0o777 == 0o600  # readable by its owner only
    view._on_download()
    assert view.message == course.ui.progress_carry_exists.format(path="carried.json")

    target = open_store(tmp_path / "b.sqlite3")
    other = ProgressOverview(course, target)
    other.carry_path.value = "carried.json"
    other._on_bring_in()
    title = f"{module.number:02d} {module.title}"
    assert other.message == course.ui.progress_brought_in.format(
        count=2, path="carried.json", modules=title
    )
    row = next(r for r in other.rows if r.module.id == module.id)
    assert row.opened  # the overview's table shows what came in
    other._on_bring_in()
    assert other.message == course.ui.progress_brought_nothing.format(path="carried.json")
    other.carry_path.value = "no-such-file.json"
    other._on_bring_in()
    assert other.message == course.ui.progress_bring_in_missing.format(path="no-such-file.json")


FIXTURE = HealthCheck.function_scoped_fixture


@pytest.fixture(scope="module")
def fuzz_store(tmp_path_factory, course):
    folder = tmp_path_factory.mktemp("fuzz")
    store, _, _ = seeded(folder / "p.sqlite3", course, "1", "2026-01-01T11:00:00.000+00:00")
    yield store, kept(store), portable.dump(store)
    store.close()


@settings(max_examples=300, deadline=None, suppress_health_check=[FIXTURE])
@given(data=st.binary(max_size=4096))
def test_random_bytes_never_raise_and_never_change_the_store(fuzz_store, data):
    store, before, _ = fuzz_store
    try:
        portable.bring_in(store, data)
    except portable.Refused as refused:
        assert refused.reason in portable.REASONS
    assert kept(store) == before


@settings(max_examples=300, deadline=None, suppress_health_check=[FIXTURE])
@given(where=st.integers(min_value=0), byte=st.integers(min_value=0, max_value=255))
def test_a_valid_file_with_one_byte_changed_is_refused_or_brings_nothing_new(
    fuzz_store, where, byte
):
    store, before, good = fuzz_store
    data = bytearray(good)
    data[where % len(data)] = byte
    try:
        portable.bring_in(store, bytes(data))
    except portable.Refused as refused:
        assert refused.reason in portable.REASONS
    assert kept(store) == before  # same content (whitespace changed) brings nothing new
