"""Mermaid export: a strict line grammar, safe labels and ids, shapes, classes, edge styles."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given

from argmap.argument_map import ArgumentMap
from argmap.cli import cli
from argmap.formats import ConversionReport, detect, mermaid
from argmap.load import load
from argmap.model import Claim, Evidence, MapConfig
from argmap.output import printable

from .test_json import SETTINGS, maps

REPO = Path(__file__).resolve().parents[2]

# A label: quoted, with none of the characters Mermaid reads as syntax or markup except as an
# entity code (#name; or #123;) or the line break <br>.
LABEL = r'"(?:[^"#;:%&<>`\n\r\x85\u2028\u2029\ufb02\u00b6]|#[a-z]+;|#\d+;|<br>)*"'
ID = r"(?:n|r)\d+"
SHAPES = [
    (r"\(", r"\)"),
    (r"\[\[", r"\]\]"),
    (r"\{\{", r"\}\}"),
    (r"\[/", r"/\]"),
    (r"\[\(", r"\)\]"),
    (r"\(\(", r"\)\)"),
]
LINE = re.compile(
    "|".join(
        [
            r"---",
            r'title: "(?:[^"\\\x00-\x1f\x7f-\uffff]|\\.)*"',
            r"flowchart BT",
            rf"  %% {ID}: (?:reason )?[A-Za-z0-9_.:-]+",
            *(rf"  (?P<node{i}>{ID}){a}{LABEL}{b}" for i, (a, b) in enumerate(SHAPES)),
            rf"  (?P<source>{ID}) (?:-->|--x|---|-\.->)(?:\|{LABEL}\|)? (?P<target>{ID})",
            r"  classDef [a-z_]+ fill:#[0-9a-f]{6},stroke:#[0-9a-f]{6},color:#[0-9a-f]{6}",
            rf"  class {ID}(?:,{ID})* [a-z_]+",
            r"  linkStyle \d+(?:,\d+)* stroke:#[0-9a-f]{6},stroke-width:2px",
        ]
    )
)


def validate(text: str) -> None:
    """Every line in the grammar above; front matter first; edges between declared nodes;
    every edge styled exactly once; no node declared twice."""
    lines = text.split("\n")[:-1]
    assert lines[:1] == ["---"] and lines[2:4] == ["---", "flowchart BT"]
    json.loads(lines[1].removeprefix("title: "))
    declared: list[str] = []
    edges = 0
    styled: list[int] = []
    for line in lines:
        match = LINE.fullmatch(line)
        assert match, f"not Mermaid as argmap writes it: {line!r}"
        nodes = [v for k, v in match.groupdict().items() if k.startswith("node") and v]
        declared.extend(nodes)
        if match.group("source"):
            assert match.group("source") in declared and match.group("target") in declared
            edges += 1
        if line.startswith("  linkStyle"):
            styled.extend(int(n) for n in line.split()[1].split(","))
    assert len(declared) == len(set(declared))
    assert sorted(styled) == list(range(edges))
    assert text.endswith("\n")


def decode(label: str) -> str:
    """What Mermaid shows for a label: entity codes decoded (in one pass), <br> a line break."""

    def entity(match: re.Match[str]) -> str:
        code = match.group(1)
        return chr(int(code)) if code.isdigit() else html.unescape(f"&{code};")

    return re.sub(r"#(\d+|[a-z]+);", entity, label).replace("<br>", "\n")


TEA = ArgumentMap(
    claims=[
        Claim(
            id="tea",
            kind="thesis",
            text="Tea is healthy.",
            supported_by=[{"premises": ["trial", "dose"], "scheme": "expert opinion"}],
            attacked_by=[{"premises": ["stain"], "undercut_by": ["wash"]}],
        ),
        Claim(id="dose", kind="assumption", text="The dose was usual."),
        Claim(id="stain", kind="hypothesis", text='Tea "stains" <teeth>; #1 & 50%'),
        Claim(id="wash", text="end", supported_by=["trial"]),
    ],
    evidence=[
        Evidence(id="trial", kind="statistic", summary="A trial.", reliability="B", credibility=2)
    ],
    config=MapConfig(title='Tea: "healthy"?'),
)


def test_a_small_map_in_full() -> None:
    assert mermaid.generate_mermaid(TEA) == (
        "---\n"
        'title: "Tea: \\"healthy\\"?"\n'
        "---\n"
        "flowchart BT\n"
        "  %% n1: tea\n"
        '  n1[["tea (thesis) · assumed<br>Tea is healthy."]]\n'
        "  %% n2: dose\n"
        '  n2[/"dose (assumption) · assumed<br>The dose was usual."/]\n'
        "  %% n3: stain\n"
        '  n3{{"stain (hypothesis) · unsupported<br>Tea #quot;stains#quot; #lt;teeth#gt;#59; '
        '#35;1 #amp; 50#37;"}}\n'
        "  %% n4: wash\n"
        '  n4("wash · supported<br>end")\n'
        "  %% n5: trial\n"
        '  n5[("trial · B2<br>A trial.")]\n'
        "  %% r1: reason tea:for:1\n"
        '  r1(("#amp;"))\n'
        "  n5 --- r1\n"
        "  n2 --- r1\n"
        '  r1 -->|"expert opinion"| n1\n'
        "  %% r2: reason tea:against:1\n"
        '  r2((" "))\n'
        "  n3 --- r2\n"
        "  r2 --x n1\n"
        "  n4 -.-> r2\n"
        "  n5 --> n4\n"
        "  classDef supported fill:#d8f0d8,stroke:#555555,color:#000000\n"
        "  classDef weakly_supported fill:#ecf5c4,stroke:#555555,color:#000000\n"
        "  classDef assumed fill:#fff2c2,stroke:#555555,color:#000000\n"
        "  classDef contested fill:#ffd9a8,stroke:#555555,color:#000000\n"
        "  classDef unsupported fill:#f9d4d4,stroke:#555555,color:#000000\n"
        "  classDef refuted fill:#d6d6d6,stroke:#555555,color:#000000\n"
        "  classDef evidence fill:#dde8f6,stroke:#555555,color:#000000\n"
        "  classDef reason fill:#ffffff,stroke:#888888,color:#000000\n"
        "  class n1,n2 assumed\n"
        "  class n3 unsupported\n"
        "  class n4 supported\n"
        "  class n5 evidence\n"
        "  class r1,r2 reason\n"
        "  linkStyle 0,1,2,6 stroke:#2e7d32,stroke-width:2px\n"
        "  linkStyle 3,4 stroke:#c62828,stroke-width:2px\n"
        "  linkStyle 5 stroke:#6a1b9a,stroke-width:2px\n"
    )
    validate(mermaid.generate_mermaid(TEA))


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ('say "hi"', "say #quot;hi#quot;"),
        ("a;b:c", "a#59;b#58;c"),
        ("#quot; is text", "#35;quot#59; is text"),
        ("<script>x</script>", "#lt;script#gt;x#lt;/script#gt;"),
        ("a & b", "a #amp; b"),
        ("`md`", "#96;md#96;"),
        ("%%{init: {}}%%", "#37;#37;{init#58; {}}#37;#37;"),
        ("style x:#f00;", "style x#58;#35;f00#59;"),
        ("line\r\nbreak\ttab", "line<br>break tab"),
        ("\x1b[31m", "␛[31m"),
        ("ﬂ° ¶ß", "#64258;° #182;ß"),
        ("a\x85b\u2028c\u2029d", "a\ufffdb#8232;c#8233;d"),
        ("end --> x", "end --#gt; x"),
    ],
)
def test_labels_escape_everything_mermaid_could_read(text: str, label: str) -> None:
    assert mermaid.label(text) == label
    assert decode(label) == printable(text, terminal=True)


@SETTINGS
@given(maps())
def test_any_map_gives_valid_mermaid_that_shows_every_text(amap: ArgumentMap) -> None:
    text = mermaid.generate_mermaid(amap)
    validate(text)
    labels = re.findall(r'^  n\d+[\[({/]+"(.*)"[\])}/]+$', text, flags=re.MULTILINE)
    records = [*amap.claims.values(), *amap.evidence.values()]
    assert len(labels) == len(records)
    for record, label in zip(records, labels, strict=True):
        body = record.text if isinstance(record, Claim) else record.summary
        assert decode(label).split("\n", 1)[1] == printable(body, terminal=True)


def test_the_report_lists_what_the_drawing_leaves_out() -> None:
    report = ConversionReport("m", "mermaid")
    amap = ArgumentMap(
        claims=[
            Claim(id="a", text="A.", quote="q", supported_by=[{"premises": ["b", "ghost"]}]),
            Claim(id="b", text="B."),
        ],
        config=MapConfig(title="T", question="Q?"),
    )
    mermaid.generate_mermaid(amap, report)
    assert [(loss.what, loss.subject) for loss in report.losses] == [
        ("reference ghost in reason a:for:1", "a"),
        ("claim quote", "a"),
        ("map settings (question)", None),
    ]


def test_a_diagram_too_big_for_mermaid_gets_a_note() -> None:
    amap = ArgumentMap(claims=[Claim(id="a", text="x" * 60_000)])
    report = ConversionReport("m", "mermaid")
    mermaid.generate_mermaid(amap, report)
    assert report.lossless
    assert report.notes and "50,000" in report.notes[0]


def test_the_article_map_draws(tmp_path: Path) -> None:
    amap = load(REPO)
    validate(mermaid.generate_mermaid(amap))
    out = tmp_path / "map.mmd"
    assert detect(out) == "mermaid"
    result = CliRunner().invoke(cli, ["export", str(REPO), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert "claim quote" in result.output
    validate(out.read_text(encoding="utf-8"))
