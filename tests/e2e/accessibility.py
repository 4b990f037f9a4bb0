"""axe-core on every page the browser tests open: WCAG 2.0 and 2.1, levels A and AA; a serious or critical
violation fails the test that opened the page, naming the page, the rule and the elements.

The check runs whenever a test has a page in front of it: after `goto`, `reload`, `go_back`, `go_forward`,
`wait_for_url` and `wait_for_load_state` return, before every `screenshot`, and on each page still open when its
browser context closes. It is installed once for the session (`tests/e2e/conftest.py`), on Playwright's own Page
and BrowserContext classes, so a new browser test is covered without doing anything. A page is checked once per
session for each (path, roles of the signed-in user, language, state): the state is a fingerprint of what is on
screen (the visible headings, whether a dialog or a collapsible section is open, an alert or an error summary is
shown, a field is marked invalid), so an error summary or a new step of a form is checked as well as the page it
sits on, while the same page opened again by another test costs one evaluate. The colour-contrast rule, most of
axe's time, runs once per path, language and kind of message shown (colours do not depend on who is signed in).

axe-core is vendored in `tests/e2e/vendor/` (see `src/treatyreview/web/static/vendor/README.md`) and evaluated
in the page through the DevTools protocol, which the Content-Security-Policy does not govern; the site never
serves it. `TREATYREVIEW_AXE=off` turns the check off (to measure what it costs); `TREATYREVIEW_AXE=collect` lists
every violation at the end of the run instead of failing the tests (to survey a branch).
"""

from __future__ import annotations

import functools
import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

AXE_SOURCE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
AXE_VERSION = "4.14.1"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = ("serious", "critical")
# Pages not checked, each with its reason; docs/accessibility.md lists them among the known gaps.
EXCLUDED = {
    "/api/docs": "Swagger UI's own page for developers (vendored, unchanged): its colours and its nested buttons "
                 "fail axe, and the same API is described in words in docs/",
    "/csp-probe": "a page made up by tests/e2e/test_csp.py to prove the policy refuses an inline script",
}

# What the page is showing, to tell apart two states of one address (cheap: one evaluate, no axe).
_FINGERPRINT = """() => {
  const shown = element => element.getClientRects().length > 0;
  const headings = [...document.querySelectorAll('h1, h2, h3')].filter(shown)
    .map(element => element.textContent.replace(/[0-9]+/g, '#').trim());
  const marks = ['details[open]', 'dialog[open]', '.modal.show', '[aria-invalid=true]', '[role=alert]',
                 '.alert', '[data-tr-error-summary]'].map(selector => document.querySelector(selector) ? 1 : 0);
  const roles = [...document.querySelectorAll('.tr-account .tr-role')].map(e => e.textContent.split('·')[0].trim());
  return {
    html: (document.contentType || '').startsWith('text/html') && !!document.body,
    lang: document.documentElement.lang || '',
    who: document.querySelector('.tr-account strong') ? [...new Set(roles)].sort().join(', ') || 'signed in' : '',
    state: headings.join('|') + '|' + marks.join(''),
  };
}"""

_RUN = """async ([tags, impacts, contrast]) => {
  const results = await window.axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
                                                  rules: {'color-contrast': {enabled: contrast}}});
  return results.violations.filter(v => impacts.includes(v.impact)).map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.slice(0, 8).map(n => ({
      target: n.target.map(String).join(' '), html: n.html.slice(0, 240),
      summary: (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 300)})),
    more: Math.max(0, v.nodes.length - 8),
  }));
}"""


@dataclass
class Audit:
    """The session's record: which page states were checked, what failed, and the time the checks took."""

    source: str
    checked: dict[tuple[str, str, str, str], str] = field(default_factory=dict)  # key → failure ("" if clean)
    # Colour contrast is most of axe's time and does not depend on who is signed in: once per path, language and
    # kind of message shown (an alert, an error summary, a field marked invalid).
    contrasted: set[tuple[str, str, str]] = field(default_factory=set)
    seconds: float = 0.0
    runs: int = 0
    skipped: int = 0
    collect: bool = False  # TREATYREVIEW_AXE=collect: note the violations for the summary instead of failing
    found: list[str] = field(default_factory=list)

    def check(self, page: Any) -> None:
        if page.is_closed() or not page.url.startswith("http"):
            return
        started = time.perf_counter()
        try:
            seen = page.evaluate(_FINGERPRINT)
        except Exception:  # a page navigating away or a download: nothing to check in front of the test
            self.seconds += time.perf_counter() - started
            return
        if not seen["html"]:
            self.seconds += time.perf_counter() - started
            return
        path = urlsplit(page.url).path
        state = hashlib.sha256(seen["state"].encode()).hexdigest()[:10]
        key = (path, seen["who"] or "anonymous", seen["lang"], state)
        contrast_key = (path, seen["lang"], seen["state"].rsplit("|", 1)[-1])
        if path in EXCLUDED:
            return
        if key in self.checked:  # a failure is reported once, by the first test that meets it
            self.skipped += 1
            self.seconds += time.perf_counter() - started
            return
        else:
            try:
                if not page.evaluate("() => !!window.axe"):
                    page.evaluate(self.source)
                contrast = contrast_key not in self.contrasted
                violations = page.evaluate(_RUN, [WCAG_TAGS, list(BLOCKING_IMPACTS), contrast])
                self.contrasted.add(contrast_key)
            except Exception as error:  # the page went away under the check (a redirect by script)
                if "context was destroyed" not in str(error) and "closed" not in str(error):
                    raise
                self.seconds += time.perf_counter() - started
                return
            self.runs += 1
            failure = _describe(page.url, key, violations) if violations else ""
            self.checked[key] = failure
        self.seconds += time.perf_counter() - started
        if failure and self.collect:
            self.found.append(failure)
        elif failure:
            pytest.fail(failure, pytrace=False)


def _describe(url: str, key: tuple[str, str, str, str], violations: list[dict[str, Any]]) -> str:
    path, who, language, state = key
    lines = [f"axe-core {AXE_VERSION} (WCAG 2.0/2.1 A and AA): {len(violations)} serious or critical violation(s) "
             f"on {url} (path {path}, signed in as {who}, language {language}, state {state})"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} — {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    at {node['target']}: {node['html']}")
            lines.append(f"      {node['summary']}")
        if violation["more"]:
            lines.append(f"    … and {violation['more']} more element(s)")
    return "\n".join(lines)


# Page methods after which the test has a page in front of it, and the one before which it looks at the page.
_AFTER = ("goto", "reload", "go_back", "go_forward", "wait_for_url", "wait_for_load_state")
_BEFORE = ("screenshot",)


def _after(audit: Audit, method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def wrapper(page: Any, *args: Any, **kwargs: Any) -> Any:
        result = method(page, *args, **kwargs)
        audit.check(page)
        return result

    return wrapper


def _before(audit: Audit, method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def wrapper(page: Any, *args: Any, **kwargs: Any) -> Any:
        audit.check(page)
        return method(page, *args, **kwargs)

    return wrapper


def _before_close(audit: Audit, method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def wrapper(context: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            for page in context.pages:
                audit.check(page)
        finally:
            method(context, *args, **kwargs)

    return wrapper


def mode() -> str:
    """`on` (the default: a violation fails the test), `collect` (listed at the end of the run) or `off`."""
    value = os.environ.get("TREATYREVIEW_AXE", "on").lower()
    return value if value in ("on", "collect", "off") else "on"


@functools.cache
def _source() -> str:
    return AXE_SOURCE.read_text(encoding="utf-8")


def install(monkeypatch: pytest.MonkeyPatch) -> Audit:
    """Wrap Playwright's Page and BrowserContext (undone when the monkeypatch is); returns the session's audit."""
    from playwright.sync_api import BrowserContext, Page

    audit = Audit(source=_source(), collect=mode() == "collect")
    for name in _AFTER:
        monkeypatch.setattr(Page, name, _after(audit, getattr(Page, name)))
    for name in _BEFORE:
        monkeypatch.setattr(Page, name, _before(audit, getattr(Page, name)))
    monkeypatch.setattr(BrowserContext, "close", _before_close(audit, BrowserContext.close))
    return audit
