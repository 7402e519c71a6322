"""Write a synthetic argument map for benchmarks: N records that look like a real, large map.

    python benchmarks/generate.py --records 10000 --out bench-data/map-10000 [--seed 1] [--force]

The map uses argmap's own format (`argmap.model`) and is written the way people write maps: one
YAML file per topic holding a list of records, bare ids where a reason has one premise, flow
lists for short id lists, a blank line between records. The same ``--records`` and ``--seed``
always give byte-identical files.

Shape (per claim unless noted; the numbers are the generator's probabilities):

* about half claims, half evidence, in about N/100 files (claims/ and evidence/);
* a few theses (one per ~1,000 claims) supported by the roots of topic trees; topic trees of
  20-80 claims grown as random recursive trees (depth ~4, a few wide nodes), so support chains
  are DAGs: a premise is always written after its conclusion;
* cross-links (4 %: a claim supports a second claim of its topic), objections (7 %: a claim
  attacks its parent instead of supporting it), undercutters (2 %), evidence attacks (4 %),
  linked premise groups (~10 % of support reasons), a few named reasons and schemes;
* unsupported claims (6 % of leaf claims have no reason at all), assumptions (3 % of leaves),
  topics that support nothing (10 %), competing hypotheses (10 % of topic roots), a few
  support cycles (about one per 3,000 claims), a few orphan evidence records (1 %);
* evidence graded on the Admiralty scales with a realistic skew (mostly B/C and 2/3), with a
  named source from argmap.yaml (60 %), an inline source (35 %) or none (5 %); quotes, locators
  and tags on most records.

Exit status: 0 written; 2 bad usage (such as an output directory that exists without --force).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

GENERATOR_VERSION = 2
"""Bump when the output changes, so cached maps (benchmarks/run.py) are regenerated."""

MANIFEST = "GENERATED.json"
"""Written at the map root: what was generated, for `run.py` to know a cached map is current."""

RECORDS_PER_FILE = 100

# Probabilities: see the module docstring.
P_CROSS_LINK = 0.04
P_OBJECTION = 0.07
P_UNDERCUTTER = 0.02
P_EVIDENCE_ATTACK = 0.04
P_LINKED = 0.20
P_NAMED_REASON = 0.01
P_SCHEME = 0.03
P_UNSUPPORTED_LEAF = 0.06
P_ASSUMPTION_LEAF = 0.03
P_INTERNAL_EVIDENCE = 0.35
P_CYCLE = 1 / 3000
P_ORPHAN = 0.01

RELIABILITY = (("A", 10), ("B", 35), ("C", 30), ("D", 10), ("E", 5), ("F", 10))
CREDIBILITY = ((1, 8), (2, 35), (3, 30), (4, 12), (5, 5), (6, 10))
EVIDENCE_KINDS = (
    ("statistic", 30),
    ("document", 20),
    ("expert_opinion", 12),
    ("testimony", 6),
    ("example", 10),
    ("analogy", 4),
    ("observation", 10),
    ("event", 8),
)

SUBJECTS = (
    "solar power",
    "grid storage",
    "open-weight models",
    "remote work",
    "the minimum wage",
    "urban cycling",
    "carbon pricing",
    "school meals",
    "nuclear plants",
    "rail freight",
    "public libraries",
    "heat pumps",
    "rent control",
    "vaccine uptake",
    "crop rotation",
    "broadband access",
    "wind farms",
    "electric buses",
    "patent pools",
    "local journalism",
    "desalination",
    "tidal energy",
    "café culture",
    "four-day weeks",
)
VERBS = (
    "lowers",
    "raises",
    "does not change",
    "roughly halves",
    "slowly improves",
    "undermines",
    "drives",
    "barely affects",
    "predicts",
    "explains most of",
)
OBJECTS = (
    "household energy bills",
    "regional employment",
    "the cost of capital",
    "emissions per head",
    "hospital admissions",
    "small-business margins",
    "commuting times",
    "local tax revenue",
    "reading scores",
    "grid stability",
    "the price of land",
    "trust in institutions",
    "import dependence",
    "research output",
)
QUALIFIERS = (
    "in most OECD countries",
    "over a ten-year horizon",
    "once subsidies end",
    "in dense cities",
    "for low-income households",
    "after the 2020 reforms",
    "when demand peaks",
    "in rural areas",
    "within five years",
    "at current prices",
    "",
    "",
)
POPULATIONS = (
    "households",
    "firms",
    "municipalities",
    "hospitals",
    "schools",
    "commuters",
    "farms",
    "developers",
)
OUTLETS = (
    "Financial Times",
    "Nature Energy",
    "OECD Publishing",
    "The Economist",
    "IEA",
    "Our World in Data",
    "Brookings",
    "Le Monde",
    "Reuters",
    "The Lancet",
)
SURNAMES = (
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Tanaka",
    "García",
    "Novak",
    "Haddad",
    "Brennan",
    "Iyer",
    "Kowalski",
    "Schmidt",
    "Zhou",
)
TAGS = (
    "economics",
    "energy",
    "policy",
    "health",
    "methodology",
    "costs",
    "equity",
    "forecast",
    "history",
    "contested",
)
SCHEMES = ("argument from expert opinion", "argument from analogy", "argument from sign")


def slug(text: str) -> str:
    """``Café culture`` → ``cafe-culture``: ASCII words, at most three."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = "".join(ch if ch.isalnum() else " " for ch in ascii_text.lower()).split()
    return "-".join(words[:3]) or "x"


def weighted(rng: random.Random, table: Sequence[tuple[Any, int]]) -> Any:
    return rng.choices([value for value, _ in table], [weight for _, weight in table])[0]


@dataclass
class ClaimPlan:
    """One claim before it is written: its place in the topic tree and what bears on it."""

    index: int
    topic: int
    kind: str = "claim"
    parent: int | None = None
    supports: list[str] = field(default_factory=list)  # premise ids, one reason each
    attacks: list[str] = field(default_factory=list)
    undercutters: list[str] = field(default_factory=list)
    evidence_slots: int = 0
    attack_slots: int = 0
    id: str = ""


@dataclass
class Topic:
    index: int
    first: int
    size: int
    subject: str


class Generator:
    def __init__(self, records: int, seed: int) -> None:
        self.records = records
        self.rng = random.Random(seed)
        self.n_claims = records // 2
        self.n_evidence = records - self.n_claims
        self.claims: list[ClaimPlan] = []
        self.topics: list[Topic] = []
        self.evidence_ids: list[str] = []
        self.evidence_topic: list[int] = []
        self.sources: dict[str, dict[str, Any]] = {}

    # -- text ---------------------------------------------------------------------------------

    def sentence(self, subject: str) -> str:
        rng = self.rng
        qualifier = rng.choice(QUALIFIERS)
        text = f"{subject[0].upper()}{subject[1:]} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
        return f"{text} {qualifier}." if qualifier else f"{text}."

    def quote(self, subject: str) -> str:
        rng = self.rng
        lead = rng.choice(
            (
                "We find that",
                "The evidence suggests",
                "In our view,",
                "It is now clear that",
                "Contrary to earlier estimates,",
            )
        )
        body = self.sentence(subject)
        return f"{lead} {body[0].lower()}{body[1:]}"

    def summary(self, subject: str) -> str:
        rng = self.rng
        kind = rng.randrange(3)
        if kind == 0:
            return (
                f"A survey of {rng.randrange(200, 40000):,} {rng.choice(POPULATIONS)} found "
                f"{rng.randrange(5, 95)}% reporting that {subject} {rng.choice(VERBS)} "
                f"{rng.choice(OBJECTS)}."
            )
        if kind == 1:
            return (
                f"Between {rng.randrange(1990, 2015)} and {rng.randrange(2016, 2025)}, "
                f"{rng.choice(OBJECTS)} moved by {rng.randrange(2, 60)}% where {subject} spread."
            )
        return f"{rng.choice(OUTLETS)} reports that {self.sentence(subject).lower()}"

    def tags(self, chance: float) -> list[str]:
        if self.rng.random() >= chance:
            return []
        return sorted(self.rng.sample(TAGS, self.rng.choice((1, 1, 2, 3))))

    def inline_source(self, subject: str) -> dict[str, Any]:
        rng = self.rng
        source: dict[str, Any] = {"title": f"{subject.capitalize()}: {rng.choice(OBJECTS)}"}
        if rng.random() < 0.8:
            source["author"] = rng.choice(SURNAMES)
        source["date"] = f"{rng.randrange(2005, 2025)}-{rng.randrange(1, 13):02d}"
        if rng.random() < 0.7:
            source["url"] = f"https://example.org/{slug(subject)}/{rng.randrange(10**6)}"
        return source

    # -- structure ----------------------------------------------------------------------------

    def plan(self) -> None:
        rng = self.rng
        n_theses = max(1, self.n_claims // 1000)
        for index in range(min(n_theses, self.n_claims)):
            self.claims.append(ClaimPlan(index, topic=-1, kind="thesis"))
        next_claim = len(self.claims)
        while next_claim < self.n_claims:
            size = min(rng.randrange(20, 81), self.n_claims - next_claim)
            topic = Topic(len(self.topics), next_claim, size, rng.choice(SUBJECTS))
            self.topics.append(topic)
            self.plan_topic(topic, n_theses)
            next_claim += size
        self.assign_ids()
        self.plan_evidence()
        self.link_claims()

    def plan_topic(self, topic: Topic, n_theses: int) -> None:
        rng = self.rng
        first = topic.first
        members = [ClaimPlan(first + k, topic.index) for k in range(topic.size)]
        self.claims.extend(members)
        root = members[0]
        roll = rng.random()
        if roll < 0.7:
            root.parent = rng.randrange(n_theses)
        elif roll < 0.8:
            root.kind = "hypothesis"
        elif roll < 0.9 and topic.index > 0:
            root.kind = "hypothesis"
            root.parent = -1  # attacks a hypothesis of an earlier topic: see link_claims
        for k in range(1, topic.size):
            # A random recursive tree: shallow (depth ~ln k), with a few wide nodes.
            members[k].parent = first + rng.randrange(k)

    def assign_ids(self) -> None:
        seen: set[str] = set()
        for claim in self.claims:
            subject = self.topics[claim.topic].subject if claim.topic >= 0 else "public policy"
            claim.id = self.unique(f"{slug(subject)}-{claim.kind[0]}{claim.index}", seen)

    @staticmethod
    def unique(name: str, seen: set[str]) -> str:
        candidate, counter = name, 1
        while candidate in seen:
            counter += 1
            candidate = f"{name}-{counter}"
        seen.add(candidate)
        return candidate

    def plan_evidence(self) -> None:
        """Decide how many evidence slots each claim has, then fill exactly n_evidence records."""
        rng = self.rng
        children: dict[int, int] = {}
        for claim in self.claims:
            if claim.parent is not None and claim.parent >= 0:
                children[claim.parent] = children.get(claim.parent, 0) + 1
        for claim in self.claims:
            if claim.kind == "thesis":
                continue
            if children.get(claim.index, 0) == 0:
                roll = rng.random()
                if roll < P_UNSUPPORTED_LEAF:
                    continue
                if roll < P_UNSUPPORTED_LEAF + P_ASSUMPTION_LEAF:
                    claim.kind = "assumption"
                    continue
                claim.evidence_slots = weighted(rng, ((1, 55), (2, 30), (3, 15)))
            elif rng.random() < P_INTERNAL_EVIDENCE:
                claim.evidence_slots = 1
            if rng.random() < P_EVIDENCE_ATTACK:
                claim.attack_slots = 1
        n_orphans = int(self.n_evidence * P_ORPHAN)
        wanted = self.n_evidence - n_orphans
        open_claims = [c for c in self.claims if c.kind not in ("thesis", "assumption")]
        if not open_claims:
            open_claims = self.claims
        slots = sum(c.evidence_slots + c.attack_slots for c in self.claims)
        while slots < wanted:  # more evidence than demand: cite more of it
            rng.choice(open_claims).evidence_slots += 1
            slots += 1
        # Less evidence than demand: the surplus slots cite evidence already written (reuse).
        reuse_from = wanted

        seen = {c.id for c in self.claims}
        used = 0
        for claim in self.claims:
            subject = self.topics[claim.topic].subject if claim.topic >= 0 else "public policy"
            for role, count in (("support", claim.evidence_slots), ("attack", claim.attack_slots)):
                for _ in range(count):
                    if used < reuse_from or not self.evidence_ids:
                        evidence_id = self.unique(
                            f"{slug(rng.choice(OUTLETS))}-{slug(subject)}-{len(self.evidence_ids)}",
                            seen,
                        )
                        self.evidence_ids.append(evidence_id)
                        self.evidence_topic.append(claim.topic)
                    else:
                        evidence_id = self.evidence_ids[rng.randrange(len(self.evidence_ids))]
                    used += 1
                    (claim.supports if role == "support" else claim.attacks).append(evidence_id)
        while len(self.evidence_ids) < self.n_evidence:
            topic = rng.randrange(len(self.topics)) if self.topics else -1
            subject = self.topics[topic].subject if topic >= 0 else "public policy"
            evidence_id = self.unique(f"unused-{slug(subject)}-{len(self.evidence_ids)}", seen)
            self.evidence_ids.append(evidence_id)
            self.evidence_topic.append(topic)
        order = sorted(range(len(self.evidence_ids)), key=lambda i: self.evidence_topic[i])
        self.evidence_ids = [self.evidence_ids[i] for i in order]
        self.evidence_topic = [self.evidence_topic[i] for i in order]

    def link_claims(self) -> None:
        """Write each claim into its parent's reasons: support, objection or undercutter."""
        rng = self.rng
        hypotheses = [c for c in self.claims if c.kind == "hypothesis"]
        for claim in self.claims:
            parent_index = claim.parent
            if parent_index is None:
                continue
            if parent_index == -1:
                rivals = [h for h in hypotheses if h.topic < claim.topic]
                if rivals:
                    rng.choice(rivals).attacks.append(claim.id)
                continue
            parent = self.claims[parent_index]
            roll = rng.random()
            if claim.topic >= 0 and parent.kind != "thesis" and roll < P_OBJECTION:
                parent.attacks.append(claim.id)
            elif roll < P_OBJECTION + P_UNDERCUTTER and parent.kind != "thesis":
                parent.undercutters.append(claim.id)
            else:
                parent.supports.insert(rng.randrange(len(parent.supports) + 1), claim.id)
            if rng.random() < P_CROSS_LINK and claim.topic >= 0:
                topic = self.topics[claim.topic]
                # Any earlier claim of the topic: the premise is written after its conclusion.
                other = self.claims[topic.first + rng.randrange(claim.index - topic.first + 1)]
                if other is not parent and other is not claim and other.kind != "assumption":
                    other.supports.append(claim.id)
            if rng.random() < P_CYCLE and parent.kind != "thesis":
                claim.supports.append(parent.id)  # parent supports claim supports parent

    # -- records ------------------------------------------------------------------------------

    def reasons(self, premises: list[str], undercutters: list[str], owner: str) -> list[Any]:
        rng = self.rng
        groups: list[list[str]] = []
        pending = list(premises)
        while pending:
            size = 1
            if len(pending) >= 2 and rng.random() < P_LINKED:
                size = 3 if len(pending) >= 3 and rng.random() < 0.2 else 2
            groups.append(pending[:size])
            del pending[:size]
        out: list[Any] = []
        undercut_at: dict[int, list[str]] = {}
        for undercutter in undercutters if groups else ():
            undercut_at.setdefault(rng.randrange(len(groups)), []).append(undercutter)
        for number, group in enumerate(groups):
            reason: dict[str, Any] = {}
            if rng.random() < P_NAMED_REASON:
                reason["id"] = f"{owner}.r{number + 1}"
            reason["premises"] = group
            if number in undercut_at:
                reason["undercut_by"] = undercut_at[number]
            if rng.random() < P_SCHEME:
                reason["scheme"] = rng.choice(SCHEMES)
            out.append(group[0] if list(reason) == ["premises"] and len(group) == 1 else reason)
        return out

    def claim_record(self, claim: ClaimPlan) -> dict[str, Any]:
        rng = self.rng
        subject = self.topics[claim.topic].subject if claim.topic >= 0 else "public policy"
        record: dict[str, Any] = {"id": claim.id}
        if claim.kind != "claim":
            record["kind"] = claim.kind
        record["text"] = self.sentence(subject)
        if claim.kind != "assumption" and rng.random() < 0.7:
            record["quote"] = self.quote(subject)
            if rng.random() < 0.4:
                record["locator"] = f"p. {rng.randrange(1, 400)}"
        tags = self.tags(0.5)
        if tags:
            record["tags"] = tags
        undercutters = claim.undercutters
        if not claim.supports and undercutters:
            claim.attacks.extend(undercutters)  # nothing to undercut: object to the claim instead
            undercutters = []
        supported = self.reasons(claim.supports, undercutters, claim.id)
        if supported:
            record["supported_by"] = supported
        attacked = self.reasons(claim.attacks, [], claim.id + ".against")
        if attacked:
            record["attacked_by"] = attacked
        if rng.random() < 0.05:
            record["note"] = "Check this against the appendix tables."
        return record

    def evidence_record(self, evidence_id: str, topic: int) -> dict[str, Any]:
        rng = self.rng
        subject = self.topics[topic].subject if topic >= 0 else "public policy"
        record: dict[str, Any] = {
            "id": evidence_id,
            "kind": weighted(rng, EVIDENCE_KINDS),
            "summary": self.summary(subject),
            "reliability": weighted(rng, RELIABILITY),
            "credibility": weighted(rng, CREDIBILITY),
        }
        roll = rng.random()
        if roll < 0.6:
            record["source"] = rng.choice(sorted(self.sources))
        elif roll < 0.95:
            record["source"] = self.inline_source(subject)
        if rng.random() < 0.7:
            record["quote"] = self.quote(subject)
        if rng.random() < 0.5:
            record["locator"] = rng.choice(("table", "figure", "p.", "section")) + (
                f" {rng.randrange(1, 60)}"
            )
        tags = self.tags(0.4)
        if tags:
            record["tags"] = tags
        return record

    def config(self) -> dict[str, Any]:
        rng = self.rng
        for number in range(max(3, self.records // 200)):
            outlet = rng.choice(OUTLETS)
            name = f"{slug(outlet)}-{number + 1}"
            self.sources[name] = {
                "title": f"{rng.choice(SUBJECTS).capitalize()} and {rng.choice(OBJECTS)}",
                "author": f"{rng.choice(SURNAMES)} and {rng.choice(SURNAMES)}",
                "publisher": outlet,
                "date": f"{rng.randrange(2005, 2025)}-{rng.randrange(1, 13):02d}-"
                f"{rng.randrange(1, 29):02d}",
                "url": f"https://example.org/reports/{name}",
            }
        return {
            "title": f"Synthetic benchmark map ({self.records:,} records)",
            "question": "Which public policies lower household costs without raising emissions?",
            "source": min(self.sources),
            "sources": self.sources,
        }


def dump(records: list[dict[str, Any]], header: str) -> str:
    """YAML as a person would write it: block mappings, flow id lists, a blank line between records."""
    if len(records) == 1:
        body = yaml.dump(records[0], **DUMP_OPTIONS)
    else:
        body = yaml.dump(records, **DUMP_OPTIONS)
        # Records start at column 0 with "- "; continuation lines of long text are indented.
        body = body.replace("\n- ", "\n\n- ")
    return f"# {header}\n\n{body}"


_BaseDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter is ~10x faster


class _Dumper(_BaseDumper):  # type: ignore[misc, valid-type]
    """Block mappings always; flow style for short lists of plain values (``[a, b]``)."""


def _represent_list(dumper: Any, data: list[Any]) -> Any:
    flow = all(isinstance(item, (str, int)) for item in data) and sum(map(len, map(str, data))) < 60
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


def _represent_dict(dumper: Any, data: dict[str, Any]) -> Any:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=False)


_Dumper.add_representer(list, _represent_list)
_Dumper.add_representer(dict, _represent_dict)

DUMP_OPTIONS: dict[str, Any] = {
    "Dumper": _Dumper,
    "sort_keys": False,
    "allow_unicode": True,
    "width": 96,
    "indent": 2,
}


def chunks(count: int, files: int) -> list[range]:
    """Split ``range(count)`` into ``files`` contiguous, nearly equal ranges."""
    return [range(count * k // files, count * (k + 1) // files) for k in range(files)]


def generate(records: int, out: Path, seed: int = 1) -> dict[str, Any]:
    """Write the map into ``out`` (which must not hold a map already); return its manifest."""
    gen = Generator(records, seed)
    config = gen.config()
    gen.plan()
    (out / "claims").mkdir(parents=True)
    (out / "evidence").mkdir()
    total_bytes = 0

    def write(path: Path, text: str) -> None:
        nonlocal total_bytes
        data = text.encode("utf-8")
        path.write_bytes(data)
        total_bytes += len(data)

    write(
        out / "argmap.yaml",
        "# Generated by benchmarks/generate.py: a synthetic map for timing argmap.\n\n"
        + yaml.dump(config, **DUMP_OPTIONS),
    )
    theses = [c for c in gen.claims if c.topic < 0]
    others = [c for c in gen.claims if c.topic >= 0]
    files = 0
    if theses:
        write(
            out / "claims" / "000-theses.yaml",
            dump([gen.claim_record(c) for c in theses], "The theses this map argues about."),
        )
        files += 1
    n_claim_files = max(1, round(len(others) / RECORDS_PER_FILE))
    for number, part in enumerate(chunks(len(others), n_claim_files), start=1):
        if not part:
            continue
        group = [others[i] for i in part]
        subject = gen.topics[group[0].topic].subject
        write(
            out / "claims" / f"{number:03d}-{slug(subject)}.yaml",
            dump([gen.claim_record(c) for c in group], f"Claims about {subject}, and more."),
        )
        files += 1
    n_evidence_files = max(1, round(len(gen.evidence_ids) / RECORDS_PER_FILE))
    for number, part in enumerate(chunks(len(gen.evidence_ids), n_evidence_files), start=1):
        if not part:
            continue
        topic = gen.evidence_topic[part[0]]
        subject = gen.topics[topic].subject if topic >= 0 else "public policy"
        items = [gen.evidence_record(gen.evidence_ids[i], gen.evidence_topic[i]) for i in part]
        write(
            out / "evidence" / f"{number:03d}-{slug(subject)}.yaml",
            dump(items, f"Evidence on {subject}, and more."),
        )
        files += 1
    manifest = {
        "generator_version": GENERATOR_VERSION,
        "records": records,
        "seed": seed,
        "claims": len(gen.claims),
        "evidence": len(gen.evidence_ids),
        "files": files,
        "bytes": total_bytes,
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def clear(out: Path) -> None:
    """Remove what `generate` writes (and only that), so --force never deletes anything else."""
    for name in ("claims", "evidence"):
        if (out / name).is_dir():
            shutil.rmtree(out / name)
    for name in ("argmap.yaml", MANIFEST):
        (out / name).unlink(missing_ok=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Write a synthetic argument map of N records for benchmarks."
    )
    parser.add_argument("--records", type=int, required=True, help="Number of records (N >= 2).")
    parser.add_argument("--out", type=Path, required=True, help="Map directory to write.")
    parser.add_argument("--seed", type=int, default=1, help="Random seed (default: 1).")
    parser.add_argument("--force", action="store_true", help="Replace a map already at --out.")
    args = parser.parse_args(argv)
    if args.records < 2:
        parser.error("--records must be at least 2 (one claim and one evidence record)")
    out: Path = args.out
    if out.exists():
        if not out.is_dir():
            print(f"generate: {out} is a file; expected a directory", file=sys.stderr)
            return 2
        if any(out.iterdir()):
            if not args.force:
                print(
                    f"generate: {out} exists and is not empty; pass --force to replace the map",
                    file=sys.stderr,
                )
                return 2
            clear(out)
    manifest = generate(args.records, out, args.seed)
    print(
        f"generate: wrote {manifest['claims']:,} claims and {manifest['evidence']:,} evidence "
        f"records in {manifest['files']} files ({manifest['bytes'] / 1e6:.2f} MB) to {out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
