"""Source keys become readable citations on pages; every key used by the reference data has one."""

from __future__ import annotations

import csv

import pytest
from django.test import Client

from treatyreview.registry import citations
from treatyreview.registry.loading import DATA_DIR
from treatyreview.registry.templatetags.registry_labels import sources


def test_every_source_key_of_the_states_capacity_and_articles_files_has_a_citation() -> None:
    used: set[str] = set()
    with (DATA_DIR / "states.csv").open(encoding="utf-8") as file:
        for row in csv.DictReader(file):
            for column in ("untoc_sources", "tip_sources", "som_sources", "firearms_sources"):
                used |= set(citations.keys_of(row[column]))
    with (DATA_DIR / "capacity.csv").open(encoding="utf-8") as file:
        for row in csv.DictReader(file):
            used |= set(citations.keys_of(row["source"]))
    with (DATA_DIR / "articles.csv").open(encoding="utf-8") as file:
        for row in csv.DictReader(file):
            used |= set(citations.keys_of(row["cluster_source"]))
    assert used - set(citations.citations()) == set()


def test_a_sources_cell_reads_as_citations_marked_english_with_the_key_as_title() -> None:
    html = sources("M49-TKEN2556;UNKNOWN-KEY")
    assert '<cite lang="en" dir="ltr" title="M49-TKEN2556"><a href="https://unstats.un.org/' in html
    assert "Standard country or area codes (M49)" in html
    assert '<code dir="ltr">UNKNOWN-KEY</code>' in html
    assert sources("") == "—"


@pytest.mark.django_db
def test_the_state_page_shows_no_raw_source_key_nor_raw_basis(client: Client) -> None:
    page = client.get("/states/KEN/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert ">M49-TKEN2556<" not in page and "title=\"M49-TKEN2556\"" in page
    assert ": listed" not in page and "Основа: listed" not in page


@pytest.mark.django_db
def test_the_instruments_page_cites_the_sources_of_clusters_not_their_keys(client: Client) -> None:
    page = client.get("/instruments/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert ">LSI<" not in page and 'title="LSI"' in page and "La Strada International" in page
