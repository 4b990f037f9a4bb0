"""Loading the reference data: every row checked, clear `file:line: field` errors, nothing half-loaded."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from treatyreview.registry.loading import DATA_DIR, LoadError, read_reference_data
from treatyreview.registry.models import Article, Participation, ParticipationStatus, State
from treatyreview.registry.services import reference_data_load


def test_packaged_data_reads_without_a_problem() -> None:
    data = read_reference_data()
    assert len(data.states) == 198
    assert len(data.articles) == 107
    assert [row.code for row in data.instruments] == ["UNTOC", "TIP", "SOM", "FIREARMS"]


@pytest.mark.django_db
def test_registry_holds_the_real_parties() -> None:
    assert State.objects.count() == 198
    eu = State.objects.get(code="EUU")
    assert eu.kind == State.Kind.REIO and eu.regional_group is None
    assert State.objects.get(code="KEN").regional_group.name == "African States"
    assert State.objects.get(code="VAT").kind == State.Kind.OBSERVER
    assert Article.objects.filter(instrument__code="UNTOC").count() == 41


@pytest.mark.django_db
def test_an_empty_cell_is_kept_as_unknown_never_as_not_party() -> None:
    # Andorra's Firearms cell is empty in the source data: unknown, not "none".
    cell = Participation.objects.get(state__code="AND", instrument__code="FIREARMS")
    assert cell.status == ParticipationStatus.UNKNOWN
    assert not Participation.objects.filter(status=ParticipationStatus.NONE).exists()


@pytest.mark.django_db
def test_loading_again_changes_nothing_and_keeps_corrections() -> None:
    cell = Participation.objects.get(state__code="AND", instrument__code="FIREARMS")
    cell.status = ParticipationStatus.NONE
    cell.save()
    summary = reference_data_load()
    assert str(summary) == "nothing new to load"
    cell.refresh_from_db()
    assert cell.status == ParticipationStatus.NONE


def _copy_data(tmp_path: Path) -> Path:
    for name in ("instruments.csv", "articles.csv", "states.csv"):
        shutil.copy(DATA_DIR / name, tmp_path / name)
    return tmp_path


def _replace_line(path: Path, line_number: int, old: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert old in lines[line_number - 1], lines[line_number - 1]
    lines[line_number - 1] = lines[line_number - 1].replace(old, new, 1)
    path.write_text("".join(lines), encoding="utf-8")


BAD_INPUTS = [
    (
        "states.csv",
        2,
        "Asia-Pacific States",
        "Asia-Pacific Stats",
        "states.csv:2: un_regional_group: unknown regional group 'Asia-Pacific Stats'",
    ),
    ("articles.csv", 3, "UNTOC,2,", "UNTX,2,", "articles.csv:3: instrument_code: unknown instrument 'UNTX'"),
    ("states.csv", 3, "AGO,AO", "AFG,AO", "states.csv:3: iso3: duplicate State code 'AFG'"),
    (
        "states.csv",
        2,
        "2000-12-14",
        "2000-14-12",
        "states.csv:2: untoc_signature_date: '2000-14-12' is not a date (expected YYYY-MM-DD)",
    ),
    ("states.csv", 1, "un_regional_group,", "regional_grp,", "states.csv:1: missing column(s): un_regional_group"),
    (
        "articles.csv",
        3,
        "Use of terms,1,",
        "Use of terms,7,",
        "articles.csv:3: cluster: '7' is not a cluster (1 to 4, or empty if unknown)",
    ),
]


@pytest.mark.parametrize(
    ("name", "line", "old", "new", "expected"),
    BAD_INPUTS,
    ids=["unknown-group", "unknown-instrument", "duplicate-code", "bad-date", "missing-column", "bad-cluster"],
)
def test_bad_row_names_file_line_and_field(
    tmp_path: Path, name: str, line: int, old: str, new: str, expected: str
) -> None:
    directory = _copy_data(tmp_path)
    _replace_line(directory / name, line, old, new)
    with pytest.raises(LoadError) as raised:
        read_reference_data(directory)
    assert expected in raised.value.problems


@pytest.mark.django_db(transaction=True)
def test_a_bad_file_loads_nothing_at_all(tmp_path: Path) -> None:
    State.objects.all().delete()
    Participation.objects.all().delete()
    directory = _copy_data(tmp_path)
    # The error is on the last line, so a loader that wrote row by row would have written the rest.
    lines = (directory / "states.csv").read_text(encoding="utf-8").splitlines()
    _replace_line(directory / "states.csv", len(lines), ",party,", ",partly,")
    with pytest.raises(LoadError) as raised:
        reference_data_load(data=read_reference_data(directory))
    assert f"states.csv:{len(lines)}: " in raised.value.problems[0]
    assert State.objects.count() == 0
    # Leave the registry as the other tests expect it.
    reference_data_load()


def test_missing_file_is_named(tmp_path: Path) -> None:
    shutil.copy(DATA_DIR / "instruments.csv", tmp_path / "instruments.csv")
    shutil.copy(DATA_DIR / "states.csv", tmp_path / "states.csv")
    with pytest.raises(LoadError, match=r"articles\.csv: file not found"):
        read_reference_data(tmp_path)


@pytest.mark.django_db
def test_capacity_flags_come_with_their_source_and_stay_unknown_for_the_eu() -> None:
    afghanistan = State.objects.get(code="AFG")
    assert (afghanistan.least_developed, afghanistan.landlocked, afghanistan.small_island) == (True, True, False)
    assert afghanistan.capacity_source
    assert State.objects.get(code="FJI").small_island is True
    eu = State.objects.get(code="EUU")
    assert (eu.least_developed, eu.small_island, eu.landlocked) == (None, None, None)


def test_a_bad_capacity_flag_is_named(tmp_path: Path) -> None:
    directory = _copy_data(tmp_path)
    shutil.copy(DATA_DIR / "capacity.csv", directory / "capacity.csv")
    _replace_line(directory / "capacity.csv", 2, "AFG,yes,", "AFG,maybe,")
    with pytest.raises(LoadError) as raised:
        read_reference_data(directory)
    assert raised.value.problems == ["capacity.csv:2: least_developed: 'maybe' is not yes, no, or empty if unknown"]
