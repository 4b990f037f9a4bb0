"""A whole draw session in a real browser: year groups, then the reviewing States of one year group."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import requires_chromium, screenshot, sign_in
from treatyreview.mechanism import lots
from treatyreview.reviews.models import Draw, ReviewerAssignment

pytestmark = [pytest.mark.e2e, requires_chromium]


def _run(page: Any, seed: str) -> None:
    page.click("button:has-text('Publish the commitment')")
    page.fill("#id_seed_count", str(len(seed.split())))
    page.fill("#id_seed", seed)
    page.fill("#id_seed_source", "dice rolled by the Chair")
    page.click("main form button:has-text('Draw')")
    page.wait_for_selector("h2:has-text('Result')")


def test_the_secretariat_runs_a_draw_session_end_to_end(site: str, page: Any) -> None:
    sign_in(page, site, "secretariat")
    page.click("header a:has-text('Drawing of lots')")
    page.fill("#id_name", "First cycle")
    page.click("button:has-text('Open the cycle')")
    page.click("button:has-text('Prepare the draw of year groups')")
    _run(page, "4 1 6 3 2 5")
    screenshot(page, "draw-year-groups", full_page=True)
    page.click("button:has-text('Confirm the draw')")
    page.wait_for_selector("text=The draw is confirmed.")

    page.click("nav[aria-label='Breadcrumb'] a:has-text('First cycle')")
    page.click("button:has-text('Prepare the draw of reviewing States for 2020')")
    page.wait_for_selector("#eligibility")
    screenshot(page, "draw-prepared-eligibility", full_page=True)
    assert "same State" in page.inner_text("#main")

    # The projection for the room refreshes itself as the draw is made.
    projection = page.context.new_page()
    projection.goto(page.url + "projection/")
    assert "Waiting for the seed" in projection.inner_text("body")

    _run(page, "2 2 5 6 1 3")
    draw = Draw.objects.get(kind=Draw.Kind.REVIEWERS)
    subject = draw.record["assignments"][0]["under_review"]
    projection.wait_for_selector(f"#result-{subject}", timeout=15_000)
    screenshot(projection, "draw-projection", full_page=True)
    projection.close()

    page.select_option("#id_kind", "redraw")
    page.fill("#id_under_review", subject)
    page.select_option("#id_slot", "other-group")
    page.fill("#id_seed_count", "3")
    page.fill("#id_seed", "6 5 4")
    page.click("button:has-text('Redraw this slot')")
    page.wait_for_selector("text=The slot was redrawn")
    assert "Redraws and declines" in page.inner_text("#main")
    screenshot(page, "draw-after-redraw", full_page=True)
    page.click("button:has-text('Confirm the draw')")
    page.wait_for_selector("text=The draw is confirmed.")
    draw.refresh_from_db()
    assert draw.status == Draw.Status.CONFIRMED
    assert ReviewerAssignment.objects.filter(draw=draw).count() == len(draw.record["assignments"])

    # Anyone can download the record from the public page and verify it.
    public = page.context.browser.new_context().new_page()
    public.goto(f"{site}/draws/")
    public.click(f"a[href='/draws/{draw.pk}/']")
    screenshot(public, "draw-public", full_page=False)
    with public.expect_download() as download:
        public.click("a:has-text('record')")
    record = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert lots.verify_record(record).ok
