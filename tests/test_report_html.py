"""`argmap report`: the self-contained HTML page, parsed (no browser; see test_report_browser.py)."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from argmap.argument_map import ArgumentMap
from argmap.cli import cli
from argmap.load import load
from argmap.report_html import (
    Article,
    Passage,
    build_report,
    highlighted,
    json_script,
    safe_url,
    sorted_for_report,
    summary_of,
)
from argmap.semantics.verdicts import evaluate

REPO = Path(__file__).resolve().parent.parent
ARTICLE = REPO / "sources" / "article.txt"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")
FAKE_SVG = '<svg xmlns="http://www.w3.org/2000/svg"><g id="node-x" class="node"></g></svg>'
XML_NAMESPACES = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}


class Page(HTMLParser):
    """The parts of a page the tests look at: elements, marks, scripts, the article text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.marks: list[tuple[str, str]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.article_text: list[str] = []
        self._stack: list[str] = []
        self._in_text = 0
        self._mark: str | None = None
        self._mark_text: list[str] = []
        self._script: dict[str, str | None] | None = None
        self._script_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        if tag == "div" and attributes.get("class") == "text":
            self._in_text = 1
        elif self._in_text and tag == "div":
            self._in_text += 1
        if tag == "mark":
            self._mark = attributes.get("data-records") or ""
            self._mark_text = []
        if tag == "script":
            self._script = attributes
            self._script_text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._in_text:
            self._in_text -= 1
        if tag == "p" and self._in_text:
            self.article_text.append("\n")
        if tag == "mark" and self._mark is not None:
            self.marks.append((self._mark, "".join(self._mark_text)))
            self._mark = None
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._script_text)))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._in_text:
            self.article_text.append(data)
        if self._mark is not None:
            self._mark_text.append(data)
        if self._script is not None:
            self._script_text.append(data)

    def data(self) -> dict[str, Any]:
        (text,) = [t for attrs, t in self.scripts if attrs.get("type") == "application/json"]
        loaded: dict[str, Any] = json.loads(text)
        return loaded


def parse(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def article_map() -> ArgumentMap:
    return load(REPO)


@pytest.fixture(scope="module")
def article_page(article_map: ArgumentMap) -> str:
    return build_report(article_map, svg=FAKE_SVG)


def test_article_report_has_no_external_resources(
    article_map: ArgumentMap, article_page: str
) -> None:
    page = parse(article_page)
    source_urls = {s.url for s in article_map.config.sources.values() if s.url}
    links = []
    for tag, attrs in page.elements:
        assert tag not in ("link", "iframe", "object", "embed", "img"), tag
        for name in ("src", "srcset", "data", "action", "poster"):
            assert name not in attrs, (tag, name, attrs[name])
        href = attrs.get("href") or attrs.get("xlink:href")
        if href is None or href.startswith("#"):
            continue
        assert tag == "a", (tag, href)
        assert href in source_urls, href
        assert "noopener" in (attrs.get("rel") or "").split()
        links.append(href)
    assert sorted(links) == sorted(source_urls)
    for attrs, _text in page.scripts:
        assert "src" not in attrs
    # Outside the sources' own links (and the JSON data holding them), no address at all.
    outside = re.sub(
        r'<script type="application/json".*?</script>', "", article_page, flags=re.DOTALL
    )
    found = set(re.findall(r"https?://[^\s\"'<>)]+", outside)) - XML_NAMESPACES
    assert found <= source_urls


def test_every_quote_of_the_article_is_highlighted(
    article_map: ArgumentMap, article_page: str
) -> None:
    page = parse(article_page)
    text = ARTICLE.read_text(encoding="utf-8")
    marked_ids = {i for ids, _ in page.marks for i in ids.split()}
    quoting = {
        r.id
        for r in [*article_map.claims.values(), *article_map.evidence.values()]
        if r.quote and (source := article_map.source_of(r)) is not None and source.text
    }
    assert len(quoting) == 62
    assert marked_ids == quoting
    for record_id in quoting:
        record = article_map.get(record_id)
        assert record.quote is not None
        covered = "".join(t for ids, t in page.marks if record_id in ids.split())
        assert covered == record.quote, record_id
        assert f'id="passage-{record_id}"' in article_page
    # The article is all there, in order, with nothing added: the unmarked text is the rest.
    shown = "".join(page.article_text)
    assert shown.split() == text.split()
    unmarked = len(text.split()) - len(" ".join(t for _, t in page.marks).split())
    assert unmarked > 0


def test_summary_of_the_article_map(article_map: ArgumentMap, article_page: str) -> None:
    evaluation = evaluate(article_map)
    from argmap.checks import check

    findings = check(article_map)
    summary = summary_of(article_map, evaluation, findings)
    assert (summary.claims, summary.unsupported, summary.evidence) == (48, 35, 26)
    assert summary.findings == len(findings)
    # The article's matrix does not tell its four hypotheses apart: all of them tie.
    assert summary.least_inconsistent == (
        "cloud-market-share",
        "faster-commercialization",
        "trust-gap-motive",
        "misdirection",
    )
    assert "<strong>48</strong> claims" in article_page
    assert "<strong>35</strong> unsupported" in article_page
    assert "Least inconsistent hypotheses (a tie of 4)" in article_page
    assert "Article: China Keeps Open Sourcing Its AI Models. Why?</h2>" in article_page


def test_findings_list_unsupported_claims_first(article_map: ArgumentMap) -> None:
    from argmap.checks import check

    ordered = [f.name for f in sorted_for_report(check(article_map))]
    count = ordered.count("unsupported-claim")
    assert count > 0
    assert ordered[:count] == ["unsupported-claim"] * count


def test_panel_data_for_a_claim(article_page: str) -> None:
    records = parse(article_page).data()["records"]
    claim = records["kimi-impressive"]
    assert claim["type"] == "claim"
    assert (claim["verdict"], claim["strength"], claim["kind"]) == ("supported", 0.987, "claim")
    assert claim["explain"].startswith("kimi-impressive [claim]: supported")
    assert [e["id"] for e in claim["evidence"]] == [
        "kimi-k2-parameters",
        "kimi-k2-benchmarks",
        "moonshot-kimi-k2",
    ]
    assert claim["evidence"][2]["url"] == "https://github.com/moonshotai/Kimi-K2"
    unsupported = records["no-risk-for-nothing"]
    assert "AM" in unsupported["findings"][0]["code"]
    assert records["kimi-k2-parameters"]["type"] == "evidence"


HOSTILE = "<script>window.pwned = 1</script><img src=x onerror=alert(1)> & </script><!--"


@pytest.fixture
def hostile_map(make_map: Any) -> Path:
    root: Path = make_map(
        {
            "argmap.yaml": """
                title: "<b>Title</b>"
                source: art
                sources:
                  art:
                    title: "<i>Art</i>"
                    text: article.txt
                    url: "javascript:alert(1)"
            """,
            "article.txt": "Intro. Cats <script>run()</script> are mammals. Outro.\n",
            "claims/c.yaml": f"""
                - id: evil
                  text: {json.dumps(HOSTILE)}
                  quote: "Cats <script>run()</script> are mammals."
                  supported_by: [e]
            """,
            "evidence/e.yaml": f"""
                - id: e
                  kind: document
                  summary: {json.dumps(HOSTILE)}
                  reliability: B
                  credibility: 2
            """,
        }
    )
    return root


def test_hostile_texts_are_escaped(hostile_map: Path) -> None:
    page_text = build_report(load(hostile_map), svg=FAKE_SVG)
    page = parse(page_text)
    # Only the report's own two scripts: the JSON data and the code.
    assert [a.get("type") for a, _ in page.scripts] == ["application/json", None]
    assert [tag for tag, _ in page.elements].count("img") == 0
    assert [tag for tag, _ in page.elements].count("b") == 0
    assert "<script>window.pwned" not in page_text
    assert "<script>run()" not in page_text
    assert "&lt;b&gt;Title&lt;/b&gt;" in page_text
    records = page.data()["records"]
    assert records["evil"]["text"] == HOSTILE
    assert records["e"]["text"] == HOSTILE
    assert records["evil"]["url"] is None  # a javascript: address is no link
    assert "javascript:" not in page_text.replace('"javascript:alert(1)"', "")
    assert page.marks == [("evil", "Cats <script>run()</script> are mammals.")]


@needs_dot
def test_hostile_texts_are_escaped_in_the_svg_too(hostile_map: Path) -> None:
    page_text = build_report(load(hostile_map))
    assert "<script>window.pwned" not in page_text
    assert page_text.count("<script") == 2
    # Graphviz writes "-" as "&#45;" in ids; a browser (and html.parser) reads them back.
    assert "node-evil" in {a.get("id") for _, a in parse(page_text).elements}


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"a": "</script>"}, '{"a": "\\u003c/script\\u003e"}'),
        ({"a": "<!-- & -->"}, '{"a": "\\u003c!-- \\u0026 --\\u003e"}'),
        ({"a": "\u2028"}, '{"a": "\\u2028"}'),
    ],
)
def test_json_script_cannot_close_its_element(data: dict[str, str], expected: str) -> None:
    assert json_script(data) == expected
    assert json.loads(json_script(data)) == data


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("HTTP://example.org", "HTTP://example.org"),
        ("javascript:alert(1)", None),
        ("data:text/html,hi", None),
        ("//example.org", None),
        (None, None),
    ],
)
def test_safe_url(url: str | None, expected: str | None) -> None:
    assert safe_url(url) == expected


def test_overlapping_passages_are_cut_into_pieces() -> None:
    article = Article(
        title="t",
        display="t.txt",
        text="aa <bb> cc\ndd",
        passages=[Passage("x", 0, 7), Passage("y", 3, 10)],
    )
    page = parse(highlighted(article))
    assert page.marks == [("x", "aa "), ("x y", "<bb>"), ("y", " cc")]
    assert highlighted(article).count('id="passage-x"') == 1
    assert highlighted(article).count('id="passage-y"') == 1
    assert "<p>dd</p>" in highlighted(article)


@needs_dot
def test_cli_writes_the_report(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    runner = CliRunner()
    result = runner.invoke(cli, ["report", str(REPO), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    ids = {a.get("id") for _, a in parse(page).elements}
    assert {f"node-{c}" for c in load(REPO).claims} <= ids
    assert "<?xml" not in page
    again = runner.invoke(cli, ["report", str(REPO), "-o", str(out)])
    assert again.exit_code == 2
    assert "already exists" in again.output
    forced = runner.invoke(cli, ["report", str(REPO), "-o", str(out), "--force", "--as-of", "2020"])
    assert forced.exit_code == 0, forced.output


def test_cli_without_dot_is_bad_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("argmap.render.shutil.which", lambda name: None)
    out = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["report", str(REPO), "-o", str(out)])
    assert result.exit_code == 2
    assert "dot" in result.output
    assert not out.exists()


def test_cli_bad_map_is_bad_input(make_map: Any, tmp_path: Path) -> None:
    root = make_map({"claims/c.yaml": "- id: [\n"})
    result = CliRunner().invoke(cli, ["report", str(root), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 2
