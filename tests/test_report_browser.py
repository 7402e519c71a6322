"""`argmap report` in a real browser: headless Chromium driven by Playwright.

Needs Debian's ``chromium`` (scripts/install-chromium.sh) and the ``playwright`` Python package
(the test extra). Never ``playwright install``: the browser is the system's, offline.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from argmap.load import load
from argmap.report_html import write_report

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if CHROMIUM is None:
    pytest.skip(
        "Chromium is not installed (sh scripts/install-chromium.sh, or apt-get install chromium)",
        allow_module_level=True,
    )
if shutil.which("dot") is None:
    pytest.skip("Graphviz dot is not installed", allow_module_level=True)
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')"
)

HOSTILE = '<script>window.pwned = 1</script><img src="x.png" onerror="window.pwned = 2">'


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


class Opened:
    """A report open in a page, with what the page logged and fetched."""

    def __init__(self, browser: Any, path: Path, width: int = 1280) -> None:
        self.url = path.resolve().as_uri()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page = browser.new_page(viewport={"width": width, "height": 900})
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.errors.append("dialog " + d.message), d.dismiss()))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(self.url)
        self.page.wait_for_selector("html[data-ready=true]", state="attached", timeout=10_000)


@pytest.fixture(scope="module")
def article_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "article.html"
    write_report(load(REPO), path)
    return path


@pytest.fixture
def opened(browser: Any, article_report: Path) -> Iterator[Opened]:
    page = Opened(browser, article_report)
    yield page
    page.page.close()


def test_loads_with_no_errors_and_no_network(opened: Opened) -> None:
    opened.page.wait_for_timeout(200)
    assert opened.errors == []
    assert opened.requests == [opened.url]
    assert opened.page.title().endswith("argmap report")
    assert opened.page.is_hidden("#details")
    assert opened.page.locator("mark").count() >= 62


def test_clicking_a_node_opens_its_panel_and_marks_its_passage(opened: Opened) -> None:
    page = opened.page
    page.click("#node-kimi-impressive")
    assert page.is_visible("#details")
    assert page.inner_text("#details-heading") == "claim kimi-impressive"
    body = page.inner_text("#details-body")
    assert "supported" in body
    assert "0.987" in body
    assert "kimi-k2-parameters" in body
    assert "Why (argmap explain)" in body
    selected = page.eval_on_selector_all("mark.selected", "ms => ms.map(m => m.dataset.records)")
    assert selected and all("kimi-impressive" in s.split() for s in selected)
    assert opened.errors == []


def test_clicking_a_highlight_selects_its_node(opened: Opened) -> None:
    page = opened.page
    page.click('mark[data-records="open-sourcing-risky"]')
    assert page.eval_on_selector_all(".node.selected", "ns => ns.map(n => n.id)") == [
        "node-open-sourcing-risky"
    ]
    assert page.inner_text("#details-heading") == "claim open-sourcing-risky"
    assert opened.errors == []


def test_keyboard_enter_activates_nodes_and_highlights(opened: Opened) -> None:
    page = opened.page
    # The first Tab goes to the skip link, which leads to the main landmark.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
    assert page.get_attribute("#node-models-valuable", "tabindex") == "0"
    assert page.get_attribute("#node-models-valuable", "role") == "button"
    page.focus("#node-models-valuable")
    page.keyboard.press("Enter")
    assert page.inner_text("#details-heading") == "claim models-valuable"
    page.focus('mark[data-records="open-sourcing-risky"]')
    page.keyboard.press("Enter")
    assert page.inner_text("#details-heading") == "claim open-sourcing-risky"
    landmarks = page.eval_on_selector_all(
        "header, nav, main, aside, footer", "xs => xs.map(x => x.tagName.toLowerCase())"
    )
    assert landmarks == ["header", "nav", "main", "aside", "footer"]


def test_phone_width_has_no_page_wide_horizontal_scroll(browser: Any, article_report: Path) -> None:
    phone = Opened(browser, article_report, width=390)
    try:
        width = phone.page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390
        assert phone.errors == []
    finally:
        phone.page.close()


def test_an_injected_script_does_not_run(browser: Any, make_map: Any, tmp_path: Path) -> None:
    root = make_map(
        {
            "argmap.yaml": "source: art\nsources:\n  art:\n    title: Art\n    text: a.txt\n",
            "a.txt": "Cats <script>window.pwned = 3</script> purr.\n",
            "claims/c.yaml": f"""
                - id: evil
                  text: {json.dumps(HOSTILE)}
                  quote: "Cats <script>window.pwned = 3</script> purr."
            """,
        }
    )
    path = tmp_path / "hostile.html"
    write_report(load(root), path)
    opened = Opened(browser, path)
    try:
        page = opened.page
        page.click("#node-evil")
        page.click('mark[data-records="evil"]')
        page.wait_for_timeout(200)
        assert page.evaluate("typeof window.pwned") == "undefined"
        assert page.inner_text("#details-body").startswith(HOSTILE)
        assert page.inner_text("mark") == "Cats <script>window.pwned = 3</script> purr."
        assert opened.errors == []
        assert opened.requests == [opened.url]
    finally:
        opened.page.close()


def test_fit_button_shrinks_the_map_into_its_box(opened: Opened) -> None:
    page = opened.page
    box = "document.getElementById('map-box')"
    assert page.evaluate(f"{box}.scrollWidth > {box}.clientWidth")
    page.click("#fit")
    assert page.get_attribute("#fit", "aria-pressed") == "true"
    assert page.evaluate(f"{box}.scrollWidth <= {box}.clientWidth")
