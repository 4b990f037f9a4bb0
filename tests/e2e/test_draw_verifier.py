"""A delegate, signed out, downloads the single-file verifier from the page of published draws, checks its SHA-256
against the one the page shows and runs the page's command on a record with a plain python3."""

from __future__ import annotations

import hashlib
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import requires_chromium, screenshot
from tests.mechanism.test_verify_draw import VECTORS, system_python
from treatyreview.mechanism import lots

pytestmark = [pytest.mark.e2e, requires_chromium]


@pytest.mark.parametrize("language", ["en", "ar", "fr"])
def test_a_delegate_downloads_the_verifier_checks_its_hash_and_runs_it(site: str, page: Any, language: str,
                                                                       tmp_path: Path) -> None:
    page.context.add_cookies([{"name": "django_language", "value": language, "url": site}])
    page.goto(f"{site}/draws/")
    step = page.locator("#verifier")
    step.scroll_into_view_if_needed()
    screenshot(page, f"draw-verifier-{language}", full_page=True)
    text = step.inner_text()
    shown = re.search(r"[0-9a-f]{64}", text)
    assert shown and shown.group(0) == lots.verifier_sha256()
    assert "python3 verify_draw.py draw-N-record.json" in text and "reproduced" in text
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    # The command and the hash read left to right inside an Arabic page.
    assert step.locator("code[dir=ltr]").count() == 3

    with page.expect_download() as download:
        step.locator("a[download]").click()
    target = tmp_path / download.value.suggested_filename
    download.value.save_as(target)
    assert target.name == "verify_draw.py"
    assert hashlib.sha256(target.read_bytes()).hexdigest() == shown.group(0)
    record = tmp_path / "draw-N-record.json"
    record.write_bytes(VECTORS[-1].read_bytes())
    # The page's one command, in the folder holding both files, with the Python a delegate has.
    result = subprocess.run([system_python(), "-I", "verify_draw.py", "draw-N-record.json"], cwd=tmp_path, env={},
                            capture_output=True, text=True, timeout=300, check=False)
    assert (result.returncode, result.stdout) == (0, "reproduced\n")
