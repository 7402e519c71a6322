"""The ``argmap`` command: a thin shell over the library.

Exit status: 0 no finding of severity error; 1 at least one; 2 the map cannot be loaded, or bad
usage (an unknown option, an output that exists without --force, no `dot` for a picture).
Heavy modules are imported inside the commands, so ``argmap --version`` stays instant.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from argmap import __version__

if TYPE_CHECKING:
    from argmap.argument_map import ArgumentMap
    from argmap.findings import Finding
    from argmap.timeline import Snapshot

F = TypeVar("F", bound=Callable[..., Any])

EXIT_CLEAN, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


class BadInput(click.ClickException):
    """Bad input or usage: exit status 2."""

    exit_code = EXIT_BAD_INPUT


def use_colour(stream: Any) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _fail_load(findings: list[Finding], fmt: str = "text") -> NoReturn:
    """Report why the map cannot be loaded and exit 2.

    Text goes to stderr (the map is bad input, not a report); JSON and GitHub annotations go to
    stdout, where the programs that read them look.
    """
    from argmap.report import FORMATTERS

    if fmt in ("json", "github"):
        click.echo(FORMATTERS[fmt](findings, False), nl=False)
    else:
        click.echo(FORMATTERS["text"](findings, use_colour(sys.stderr)), nl=False, err=True)
    count = len(findings)
    click.echo(
        f"argmap: the map cannot be loaded: {count} problem{'s' if count != 1 else ''}",
        err=True,
    )
    sys.exit(EXIT_BAD_INPUT)


_USE_CACHE = True
_SHOW_PROGRESS = True
PROGRESS_MIN_FILES = 50
PROGRESS_DELAY = 0.5
"""Seconds of work before a check, import or render shows progress, so quick runs show none."""


def _set_limits(ctx: click.Context, settings: Sequence[str]) -> None:
    """Put the limits of ARGMAP_LIMITS and ``--limit`` in force for this run (usage error: 2)."""
    from argmap import limits

    try:
        base = limits.from_environment()
    except ValueError as error:
        raise click.UsageError(f"{limits.ENVIRONMENT}: {error}") from None
    try:
        chosen = limits.parse_limits(settings, base)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="'--limit'") from None
    ctx.with_resource(limits.using(chosen))  # for this run only


def _use_cache() -> bool:
    return _USE_CACHE and os.environ.get("ARGMAP_NO_CACHE", "") in ("", "0")


def show_progress(stream: Any = None) -> bool:
    """Whether to draw progress on ``stream`` (default stderr): only on a terminal.

    Never in a pipe or file, under CI (the ``CI`` variable set), on a dumb terminal
    (``TERM=dumb``), or when turned off with ``argmap --no-progress`` or ``ARGMAP_NO_PROGRESS=1``.
    """
    if not _SHOW_PROGRESS or os.environ.get("ARGMAP_NO_PROGRESS", "") not in ("", "0"):
        return False
    if os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(sys.stderr if stream is None else stream, "isatty", None)
    return bool(isatty and isatty())


class _Progress:
    """A bar on stderr for long work, only on a terminal (`show_progress`).

    Called as the library's ``progress`` callbacks are: first with the number of steps, then
    with 1 after each. No bar under ``minimum`` steps, nor before ``delay`` seconds have passed.
    """

    def __init__(self, label: str, minimum: int = PROGRESS_MIN_FILES, delay: float = 0.0) -> None:
        self.label, self.minimum, self.delay = label, minimum, delay
        self.state = "new"  # then "off", or "waiting" (for the delay) and "on" (a bar drawn)
        self.bar: Any = None
        self.total = self.done = 0
        self.started = 0.0

    def __call__(self, step: int) -> None:
        if self.state == "new":
            if step == 0 or step < self.minimum or not show_progress():
                self.state = "off"
            else:
                self.total, self.started, self.state = step, time.monotonic(), "waiting"
                self._start_if_due()
            return
        if self.state == "off":
            return
        self.done += step
        if self.state == "waiting":
            self._start_if_due()
        else:
            self.bar.update(step)
        if self.done >= self.total:
            self.close()  # a finished bar ends its line before the next step's output

    def _start_if_due(self) -> None:
        if time.monotonic() - self.started < self.delay:
            return
        self.bar = click.progressbar(
            length=self.total, label=self.label, file=sys.stderr, show_pos=True
        )
        self.bar.__enter__()
        self.state = "on"
        if self.done:
            self.bar.update(self.done)

    def close(self) -> None:
        """Finish the bar (its line ends, so what follows starts on a line of its own)."""
        if self.state == "on":
            self.bar.__exit__(None, None, None)
        self.state = "off"


class _Phases:
    """One line on stderr naming the step under way and its elapsed time, for work that gives
    no count (Graphviz's layout): redrawn by a thread, only on a terminal (`show_progress`),
    first after ``delay`` seconds, and erased when done. Called with each step's name."""

    FRAMES = "|/-\\"

    def __init__(self, delay: float | None = None, interval: float = 0.1) -> None:
        self.enabled = show_progress()
        self.stream = sys.stderr
        self.delay = PROGRESS_DELAY if delay is None else delay
        self.interval = interval
        self.name: str | None = None
        self.began = self.started = 0.0
        self.shown = False
        self.lock = threading.Lock()
        self.done = threading.Event()
        self.thread: threading.Thread | None = None

    def __call__(self, name: str) -> None:
        if not self.enabled:
            return
        with self.lock:
            self.name, self.started = name, time.monotonic()
            if self.thread is None:
                self.began = self.started
                self.thread = threading.Thread(target=self._run, daemon=True)
                self.thread.start()

    def _run(self) -> None:
        frame = 0
        while not self.done.wait(self.interval):
            with self.lock:
                now = time.monotonic()
                if self.name is None or now - self.began < self.delay:
                    continue
                spinner = self.FRAMES[frame % len(self.FRAMES)]
                self._write(f"\r\x1b[Kargmap: {self.name} {spinner} {now - self.started:.0f} s")
                self.shown = True
                frame += 1

    def _write(self, text: str) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.stream.write(text)
            self.stream.flush()

    def _erase(self) -> None:
        if self.shown:
            self._write("\r\x1b[K")
            self.shown = False

    def say(self, line: str) -> None:
        """Print ``line`` on stderr above the indicator."""
        with self.lock:
            self._erase()
            click.echo(line, err=True)

    def close(self) -> None:
        self.done.set()
        if self.thread is not None:
            self.thread.join()
        with self.lock:
            self._erase()


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off, then the objects made meanwhile frozen out of its view.

    Loading allocates millions of small objects and no garbage cycles, so the collector only
    wastes time on them (measured: 10k records 1.53 s -> 0.94 s; benchmarks/README.md).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.freeze()
            gc.enable()


def _load(path: str, fmt: str = "text") -> ArgumentMap:
    from argmap.errors import MapLoadError
    from argmap.load import load

    progress = _Progress("Reading the map")
    try:
        with _collector_paused():
            return load(path, cache=_use_cache(), progress=progress)
    except MapLoadError as error:
        progress.close()
        _fail_load(error.findings, fmt)
    finally:
        progress.close()


def _split(values: Sequence[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _check_known(prefixes: list[str], option: str) -> None:
    if not prefixes:
        return  # nothing to check, and a cached re-check need not import the checks at all
    from argmap.checks import CHECKS
    from argmap.load import LOAD_ERRORS

    names = [*CHECKS, *LOAD_ERRORS, *(c.NAME for c in CHECKS.values())]
    for prefix in prefixes:
        if not any(name.startswith(prefix) for name in names):
            raise click.UsageError(
                f"{option} {prefix!r} matches no check; see `argmap checks` for the codes"
            )


def map_argument(function: F) -> F:
    return click.argument(
        "map_path", metavar="[MAP]", default=".", type=click.Path(file_okay=True, dir_okay=True)
    )(function)


def _allow_outside(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    from argmap.limits import allowing_outside_sources

    ctx.with_resource(allowing_outside_sources(bool(value)))  # for this run only


def allow_outside_option(function: F) -> F:
    """``--allow-outside-sources``, for the commands that read source texts (AM506)."""
    return click.option(
        "--allow-outside-sources",
        is_flag=True,
        expose_value=False,
        callback=_allow_outside,
        help="Read source texts outside the map directory (absolute paths, ../, symlinks "
        "leading out); only for maps you trust. Without it they are not read (AM506).",
    )(function)


def _as_of_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from argmap.timeline import DateError, parse_date

    try:
        parse_date(value)
    except DateError as error:
        raise click.BadParameter(str(error)) from None
    return value


def as_of_option(function: F) -> F:
    """``--as-of DATE``: evaluate the map as it stood on DATE (`argmap.timeline`, docs/time.md)."""
    return click.option(
        "--as-of",
        "as_of",
        metavar="DATE",
        callback=_as_of_date,
        help="Evaluate MAP as it stood on DATE (YYYY, YYYY-MM or YYYY-MM-DD): only evidence "
        "dated on or before DATE counts, and superseded evidence is left out (docs/time.md).",
    )(function)


def _snapshot(amap: ArgumentMap, as_of: str) -> Snapshot:
    """The map as of ``as_of``; a map whose own dates are broken is bad input (exit 2)."""
    from argmap.errors import ArgmapError
    from argmap.timeline import snapshot

    try:
        return snapshot(amap, as_of)
    except ArgmapError as error:
        raise BadInput(str(error)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="argmap")
@click.option(
    "--no-cache",
    is_flag=True,
    help="Parse every file afresh, without argmap's parse cache (also: ARGMAP_NO_CACHE=1).",
)
@click.option(
    "--no-progress",
    is_flag=True,
    help="Never draw progress on stderr (also: ARGMAP_NO_PROGRESS=1). It is drawn only on a "
    "terminal, never in a pipe, under CI or with TERM=dumb.",
)
@click.option(
    "--limit",
    metavar="NAME=VALUE",
    multiple=True,
    expose_value=False,
    callback=lambda ctx, param, values: _set_limits(ctx, values),
    help="Raise or lower a limit on what argmap reads (repeatable; also ARGMAP_LIMITS="
    "'NAME=VALUE,...'): file-size, records-per-file, values-per-file, string-length, "
    "total-records, total-size, depth, alias-expansion; sizes take KiB, MiB, GiB. Defaults: "
    "docs/security.md.",
)
def cli(no_cache: bool, no_progress: bool) -> None:
    """Lint, evaluate and draw argument maps kept as YAML claims and evidence records.

    A map is a directory with claims/ and evidence/ (and an optional argmap.yaml); MAP defaults
    to the current directory. Exit status: 0 clean, 1 findings of severity error, 2 bad input or
    usage.
    """
    global _USE_CACHE, _SHOW_PROGRESS
    _USE_CACHE = not no_cache
    _SHOW_PROGRESS = not no_progress


@cli.command()
@map_argument
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="text: path:line:col: CODE message [id]; json: an array of findings; github: annotations.",
)
@click.option(
    "--select", multiple=True, help="Only these checks: code prefixes or names, comma-separated."
)
@click.option(
    "--ignore", multiple=True, help="Skip these checks: code prefixes or names, comma-separated."
)
@as_of_option
@click.option("--quiet", "-q", is_flag=True, help="No summary line on stderr.")
@click.option("--no-cache", is_flag=True, help="Parse every file afresh (see `argmap --help`).")
@click.option(
    "--jobs",
    type=click.IntRange(1, 2),
    default=None,
    help="Processes for a large map: 2 (the default on two cores or more) read its files and "
    "write its caches beside the checks; 1 does it all in one.",
)
@allow_outside_option
def check(
    map_path: str,
    fmt: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    as_of: str | None,
    quiet: bool,
    no_cache: bool,
    jobs: int | None,
) -> None:
    """Check MAP's support chains and report every finding.

    Exit status 1 when any finding has severity error (for example a claim that rests on
    nothing), 0 otherwise; 2 when the map cannot be loaded.
    """
    from argmap.errors import ArgmapError, MapLoadError
    from argmap.recheck import check_map
    from argmap.report import FORMATTERS, summary

    selected, ignored = _split(select), _split(ignore)
    _check_known(selected, "--select")
    _check_known(ignored, "--ignore")
    if no_cache:
        global _USE_CACHE
        _USE_CACHE = False
    reading = _Progress("Reading the map")
    checking = _Progress("Checking the map", minimum=0, delay=PROGRESS_DELAY)
    try:
        with _collector_paused():
            run = check_map(
                map_path,
                select=selected,
                ignore=ignored,
                as_of=as_of,
                cache=_use_cache(),
                load_progress=reading,
                check_progress=checking,
                jobs=jobs if jobs is not None else min(2, os.cpu_count() or 1),
            )
    except MapLoadError as error:
        reading.close()
        _fail_load(error.findings, fmt)
    except ArgmapError as error:
        raise BadInput(str(error)) from None
    finally:
        reading.close()
        checking.close()
    findings = run.findings
    click.echo(FORMATTERS[fmt](findings, use_colour(sys.stdout)), nl=False)
    if fmt == "text" and not quiet:
        click.echo(f"argmap: {summary(findings)} in {run.records} records", err=True)
        if run.as_of is not None:
            click.echo(f"argmap: {run.as_of}", err=True)
    sys.exit(EXIT_FINDINGS if any(f.severity == "error" for f in findings) else EXIT_CLEAN)


@cli.command()
@map_argument
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    help="File to write: .svg, .png, .pdf or .dot.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["svg", "png", "pdf", "dot"]),
    help="Output format (default: from the suffix).",
)
@click.option(
    "--focus", metavar="ID", help="Draw only the neighbourhood of this claim or evidence record."
)
@click.option(
    "--depth",
    default=2,
    show_default=True,
    type=click.IntRange(0),
    help="Steps around --focus to include.",
)
@click.option(
    "--strategy",
    type=click.Choice(["auto", "full", "overview"]),
    default="auto",
    show_default=True,
    help="full: every record; overview: subtrees collapsed into counted summary nodes; "
    "auto: full up to 5,000 records (docs/performance.md).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=30.0,
    show_default=True,
    help="Seconds Graphviz may take for a layout (auto falls back to the overview).",
)
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
@as_of_option
@allow_outside_option
def render(
    map_path: str,
    output: str,
    fmt: str | None,
    focus: str | None,
    depth: int,
    strategy: str,
    timeout: float,
    force: bool,
    as_of: str | None,
) -> None:
    """Draw MAP as an argument map with Graphviz.

    Claims and evidence get different shapes, support/attack/undercut different edges, and
    each claim the colour of its verdict (docs/semantics.md); a legend explains them. Writing
    .dot needs no Graphviz; the other formats need its `dot` program.
    """
    from argmap.errors import ArgmapError
    from argmap.render import output_format
    from argmap.render import render as draw

    try:
        output_format(output, fmt)
    except ArgmapError as error:
        raise BadInput(str(error)) from None
    amap = _load(map_path)
    if as_of is not None:
        amap = _snapshot(amap, as_of).map
    phases = _Phases()
    try:
        written = draw(
            amap,
            output,
            fmt,
            focus=focus,
            depth=depth,
            force=force,
            strategy=strategy,
            timeout=timeout,
            notify=lambda line: phases.say(f"argmap: {line}"),
            phase=phases,
        )
    except ArgmapError as error:
        raise BadInput(str(error)) from None
    finally:
        phases.close()
    click.echo(f"argmap: wrote {written}", err=True)


@cli.command()
@map_argument
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    help="HTML file to write (one self-contained page).",
)
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
@as_of_option
@allow_outside_option
def report(map_path: str, output: str, force: bool, as_of: str | None) -> None:
    """Write MAP as one interactive, self-contained HTML page (docs/report.md).

    The map drawn with its verdicts, the source article with every quoted passage highlighted
    and linked to its record, the findings, the competing-hypotheses matrix and a summary. The
    page works offline; drawing the map needs Graphviz's `dot`.
    """
    from argmap.errors import ArgmapError
    from argmap.report_html import write_report

    amap = _load(map_path)
    if as_of is not None:
        amap = _snapshot(amap, as_of).map
    phases = _Phases()
    try:
        written = write_report(amap, output, force=force, phase=phases)
    except ArgmapError as error:
        raise BadInput(str(error)) from None
    finally:
        phases.close()
    click.echo(f"argmap: wrote {written}", err=True)


@cli.command()
@click.argument("record_id", metavar="ID")
@click.argument("map_path", metavar="[MAP]", default=".", type=click.Path())
@click.option("--no-attacks", is_flag=True, help="Show only the reasons for, not the attacks.")
@as_of_option
@allow_outside_option
def show(record_id: str, map_path: str, no_attacks: bool, as_of: str | None) -> None:
    """Print the support tree of claim ID: every reason down to the evidence, with grades and findings."""
    from argmap.errors import ArgmapError
    from argmap.show import support_tree

    amap = _load(map_path)
    if as_of is not None:
        moment = _snapshot(amap, as_of)
        left_out = moment.why_left_out(record_id)
        if left_out is not None:
            raise BadInput(left_out)
        amap = moment.map
    try:
        click.echo(support_tree(amap, record_id, attacks=not no_attacks))
    except ArgmapError as error:
        raise BadInput(str(error)) from None


@cli.command()
@click.argument("kind", type=click.Choice(["claims", "evidence", "config"]), default="claims")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write to this file instead of stdout."
)
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
def schema(kind: str, output: str | None, force: bool) -> None:
    """Print the JSON Schema of a kind of map file (claims, evidence or config), for editors."""
    from argmap.errors import ArgmapError
    from argmap.output import write_output
    from argmap.schema import json_schema_text

    text = json_schema_text(kind)
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        write_output(output, text, force=force)
    except ArgmapError as error:
        raise BadInput(str(error)) from None


@cli.command()
@map_argument
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "markdown"]),
    default="table",
    show_default=True,
    help="table: for a terminal; csv: one row per evidence record and a score row; markdown.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write to this file instead of stdout."
)
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
def ach(map_path: str, fmt: str, output: str | None, force: bool) -> None:
    """Print MAP's analysis of competing hypotheses: evidence rated against each hypothesis.

    Rows are evidence records, columns the hypotheses (argmap.yaml `hypotheses:`, or every claim
    of kind hypothesis), with each record's weight and diagnosticity and each hypothesis's
    weighted inconsistency score: the least negative is the most likely. Exit status 2 when the
    map cannot be loaded or has no hypotheses.
    """
    from argmap.ach import FORMATS, matrix
    from argmap.errors import ArgmapError
    from argmap.output import write_output

    amap = _load(map_path)
    try:
        text = FORMATS[fmt](matrix(amap))
        if output is None:
            click.echo(text, nl=False)
        else:
            write_output(output, text, force=force)
    except ArgmapError as error:
        raise BadInput(str(error)) from None


@cli.command()
@map_argument
@click.option(
    "--write",
    is_flag=True,
    help="Write each placed quote's anchor into its YAML file (only those that changed).",
)
@click.option(
    "--only", multiple=True, metavar="ID", help="Only these records: ids, comma-separated."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: path:line:col: ID how-found; json: the sources and quotes as objects.",
)
@allow_outside_option
def anchor(map_path: str, write: bool, only: tuple[str, ...], fmt: str) -> None:
    """Anchor MAP's quotes in their source texts: where each quote is, and how it was found.

    Every quote whose source names a `text:` is looked for exactly, then ignoring whitespace
    and typography, then approximately (see docs/anchoring.md). With --write, each quote found
    gets an `anchor:` (offsets, context, the text's sha256) in its YAML file; nothing else in
    the file changes. Exit status 1 when a quote is not found, a source text cannot be read or
    an anchor cannot be written; 2 when the map cannot be loaded.
    """
    from argmap.anchor_write import run_anchor
    from argmap.errors import ArgmapError

    amap = _load(map_path, fmt)
    try:
        output, note, failed = run_anchor(amap, _split(only), write, fmt)
    except ArgmapError as error:
        raise BadInput(str(error)) from None
    click.echo(output, nl=False)
    click.echo(f"argmap: {note}", err=True)
    sys.exit(EXIT_FINDINGS if failed else EXIT_CLEAN)


@cli.command()
@map_argument
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: a table, one claim a line; json: an array of objects, one per claim.",
)
@as_of_option
@click.option("--quiet", "-q", is_flag=True, help="No summary line on stderr.")
def verdicts(map_path: str, fmt: str, as_of: str | None, quiet: bool) -> None:
    """Print every claim's verdict: which claims stand, how strongly, and whether that is enough.

    Each claim gets a verdict (supported, weakly supported, assumed, contested, unsupported,
    refuted) with its FEVER label, its DF-QuAD strength, its grounded label (in, out,
    undecided) and its proof standard (see docs/semantics.md). `argmap explain ID` shows why.
    Exit status 0, or 2 when the map cannot be loaded.
    """
    from argmap.explain import verdict_table, verdicts_json
    from argmap.semantics import evaluate

    amap = _load(map_path, fmt)
    moment = _snapshot(amap, as_of) if as_of is not None else None
    evaluation = evaluate(moment.map if moment is not None else amap)
    if fmt == "json":
        click.echo(verdicts_json(evaluation), nl=False)
        return
    click.echo(verdict_table(evaluation))
    if not quiet:
        click.echo(f"argmap: {evaluation.summary()}", err=True)
        if moment is not None:
            click.echo(f"argmap: {moment.describe()}", err=True)


@cli.command(name="explain")
@click.argument("record_id", metavar="ID")
@click.argument("map_path", metavar="[MAP]", default=".", type=click.Path())
@as_of_option
def explain_command(record_id: str, map_path: str, as_of: str | None) -> None:
    """Explain claim ID's verdict step by step: its reasons, their grades, the numbers, the rules.

    ID may also be an evidence record (its base score from its grades) or a reason's node id
    such as `trend:for:1` (its weight and label).
    """
    from argmap.errors import ArgmapError
    from argmap.explain import explain

    amap = _load(map_path)
    if as_of is not None:
        moment = _snapshot(amap, as_of)
        left_out = moment.why_left_out(record_id)
        if left_out is not None:
            raise BadInput(left_out)
        amap = moment.map
    try:
        click.echo(explain(amap, record_id))
    except ArgmapError as error:
        raise BadInput(str(error)) from None


def _review_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    import datetime

    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; expected YYYY-MM-DD") from None


@cli.command()
@map_argument
@click.option(
    "--to",
    "to",
    metavar="FORMAT",
    help="claimreview (schema.org ClaimReview JSON-LD, one review per claim), or a map format "
    "(see `argmap formats`); default: from OUTPUT's suffix.",
)
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False),
    help="Also write the conversion report (what the format cannot carry) to this file.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write to this file instead of stdout."
)
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
@click.option(
    "--reviewer",
    default="argmap",
    show_default=True,
    help="claimreview: the fact-checker named as each review's author.",
)
@click.option(
    "--date",
    "review_date",
    metavar="YYYY-MM-DD",
    callback=_review_date,
    help="claimreview: the reviews' datePublished (default: today).",
)
@click.option(
    "--url", help="claimreview: the page of the full review; each review gets URL#claim-id."
)
@as_of_option
def export(
    map_path: str,
    to: str | None,
    report_path: str | None,
    output: str | None,
    force: bool,
    reviewer: str,
    review_date: str | None,
    url: str | None,
    as_of: str | None,
) -> None:
    """Export MAP to another format (docs/formats.md).

    --to claimreview writes schema.org ClaimReview JSON-LD: every claim but the map maker's
    assumptions gets a review, its verdict as the rating's alternateName on argmap's 1-5 scale
    (docs/semantics.md). The map formats list what they cannot carry in a conversion report on
    stderr. Exit status: 0 nothing lost, 1 something could not be carried, 2 the map cannot be
    loaded, the format is unknown, or OUTPUT exists (without --force).
    """
    from argmap.errors import ArgmapError
    from argmap.output import write_output

    if output is not None and os.path.exists(output) and not force:
        raise BadInput(f"{output} already exists; pass --force to overwrite it")
    if to is None:
        if output is None:
            raise click.UsageError("pass --to FORMAT (or -o FILE with a suffix that names one)")
        to = _format_of(output, "--to")
    amap = _load(map_path)
    if as_of is not None:
        amap = _snapshot(amap, as_of).map
    if to != "claimreview":
        _convert_out(amap, to, output, force, report_path)
        return
    if to == "claimreview":
        from argmap.claimreview import claim_reviews_json

        text = claim_reviews_json(amap, reviewer=reviewer, date=review_date, url=url)
    else:  # pragma: no cover - click.Choice lets nothing else through
        raise BadInput(f"cannot export to {to!r}")
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        written = write_output(output, text, force=force)
    except ArgmapError as error:
        raise BadInput(str(error)) from None
    click.echo(f"argmap: wrote {written}", err=True)


def _format_of(path: str, option: str) -> str:
    from argmap import formats
    from argmap.errors import ArgmapError

    try:
        return formats.detect(path)
    except ArgmapError as error:
        raise BadInput(f"{error} (use {option})") from None


def _emit_report(report: object, report_path: str | None, force: bool) -> None:
    from argmap.errors import ArgmapError
    from argmap.formats import ConversionReport
    from argmap.output import write_output

    assert isinstance(report, ConversionReport)
    click.echo(report.text(), nl=False, err=True)
    if report_path is not None:
        try:
            write_output(report_path, report.text(), force=force)
        except ArgmapError as error:
            raise BadInput(str(error)) from None


def _convert_out(
    amap: ArgumentMap, to: str, output: str | None, force: bool, report_path: str | None
) -> None:
    from argmap import formats
    from argmap.errors import ArgmapError

    try:
        module = formats.get(to)
    except ArgmapError as error:
        raise BadInput(str(error)) from None
    if not hasattr(module, "write"):
        raise BadInput(
            f"argmap can read {to} but not write it; writers: {', '.join(formats.writers())}"
        )
    if output is None:
        raise click.UsageError(f"--to {to} needs -o FILE")
    try:
        report = module.write(amap, output, force=force)
    except ArgmapError as error:
        raise BadInput(str(error)) from None
    _emit_report(report, report_path, force)
    sys.exit(EXIT_CLEAN if report.lossless else EXIT_FINDINGS)


@cli.command(name="import")
@click.argument("source", metavar="SRC", type=click.Path())
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(file_okay=False),
    help="Map directory to write.",
)
@click.option(
    "--from", "from_", metavar="FORMAT", help="Format of SRC (default: from its suffix or content)."
)
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False),
    help="Also write the conversion report to this file.",
)
@click.option("--force", is_flag=True, help="Replace the map in OUTPUT if it is not empty.")
def import_(
    source: str, output: str, from_: str | None, report_path: str | None, force: bool
) -> None:
    """Import SRC (a file or folder in another tool's format) as an argmap map directory.

    What the argmap format cannot carry is listed in a conversion report on stderr. Exit
    status: 0 nothing lost, 1 something could not be carried, 2 SRC is malformed (every problem
    positioned), the format is unknown, or OUTPUT is not empty (without --force).
    """
    from argmap import formats
    from argmap.errors import ArgmapError, MapLoadError
    from argmap.formats import argmap_yaml

    if not os.path.exists(source):
        raise BadInput(f"{source}: no such file or directory")
    name = from_ or _format_of(source, "--from")
    try:
        module = formats.get(name)
    except ArgmapError as error:
        raise BadInput(str(error)) from None
    if not hasattr(module, "read"):
        raise BadInput(
            f"argmap can write {name} but not read it; readers: {', '.join(formats.readers())}"
        )
    import inspect

    progress = _Progress("Importing", minimum=0, delay=PROGRESS_DELAY)
    # Readers of folders (microtext, argmap) take a progress callback; single files need none.
    counts = "progress" in inspect.signature(module.read).parameters
    try:
        conversion = module.read(source, progress=progress) if counts else module.read(source)
    except MapLoadError as error:
        progress.close()
        _fail_load(error.findings)
    except ArgmapError as error:
        raise BadInput(str(error)) from None
    finally:
        progress.close()
    try:
        argmap_yaml.write(conversion.map, output, force=force, files=conversion.files)
    except ArgmapError as error:
        raise BadInput(str(error)) from None
    _emit_report(conversion.report, report_path, force)
    click.echo(
        f"argmap: wrote {output} ({len(conversion.map.claims)} claims, "
        f"{len(conversion.map.evidence)} evidence records)",
        err=True,
    )
    sys.exit(EXIT_CLEAN if conversion.report.lossless else EXIT_FINDINGS)


@cli.command()
@map_argument
@click.option(
    "--seed", type=int, default=0, show_default=True, help="The same seed, the same quiz."
)
@click.option(
    "--questions",
    "count",
    type=click.IntRange(min=1),
    default=10,
    show_default=True,
    help="How many questions (fewer if the map has less material).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "html"]),
    default="markdown",
    show_default=True,
    help="markdown: quiz.md and answers.md; html: quiz.html and answers.html (self-contained).",
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(file_okay=False),
    help="Directory to write the worksheet and its answer key into (created if missing).",
)
@click.option("--force", is_flag=True, help="Overwrite the worksheet and key if they exist.")
@allow_outside_option
def quiz(map_path: str, seed: int, count: int, fmt: str, output: str, force: bool) -> None:
    """Write reading exercises generated from MAP, and their answer key, into OUTPUT.

    Questions: which passage supports a claim; is a claim supported by evidence; what relation
    holds between two statements; which claims the article leaves unsupported (docs/quiz.md).
    Exit status 2 when the map cannot be loaded, offers no material, or a file exists without
    --force.
    """
    from pathlib import Path

    from argmap.errors import ArgmapError
    from argmap.output import write_output
    from argmap.quiz import files, generate

    amap = _load(map_path)
    try:
        written = files(generate(amap, seed=seed, count=count), fmt)
        targets = {Path(output) / name: text for name, text in written.items()}
        existing = [str(path) for path in targets if path.exists()]
        if existing and not force:
            verb = "exists" if len(existing) == 1 else "exist"
            raise BadInput(f"{' and '.join(existing)} already {verb}; pass --force to overwrite")
        for path, text in targets.items():
            write_output(path, text, force=force)
    except ArgmapError as error:
        raise BadInput(str(error)) from None
    click.echo(f"argmap: wrote {', '.join(str(p) for p in targets)}", err=True)


@cli.command(name="grade")
@click.argument("student_path", metavar="STUDENT", type=click.Path(exists=True, file_okay=False))
@click.option(
    "--reference",
    "reference_path",
    required=True,
    type=click.Path(exists=True, file_okay=False),
    help="The teacher's map of the same article.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: scores, feedback and alignment; json: the same as data (batch: one per student).",
)
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False), help="Batch: the class CSV.")
@click.option(
    "--markdown",
    "markdown_path",
    type=click.Path(dir_okay=False),
    help="Batch: write the class summary here instead of stdout.",
)
@click.option("--force", is_flag=True, help="Overwrite the CSV or Markdown file if it exists.")
@allow_outside_option
def grade_command(
    student_path: str,
    reference_path: str,
    fmt: str,
    csv_path: str | None,
    markdown_path: str | None,
    force: bool,
) -> None:
    """Grade STUDENT's map against the reference map of the same article (docs/grading.md).

    STUDENT is one map directory, or a folder of them (batch mode: a class summary in Markdown
    on stdout or --markdown FILE, and --csv FILE). Exit status 0 when graded, 2 on bad input.
    """
    import json
    from pathlib import Path

    from argmap.errors import ArgmapError
    from argmap.grade import class_csv, class_markdown, grade, is_map_dir, student_dirs
    from argmap.output import write_output

    reference = _load(reference_path, fmt)
    folder = Path(student_path)
    if is_map_dir(folder):
        result = grade(_load(student_path, fmt), reference)
        if fmt == "json":
            click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        else:
            click.echo(result.text(), nl=False)
        return
    dirs = student_dirs(folder)
    if not dirs:
        raise BadInput(f"{student_path} holds no map directory (claims/, evidence/ or argmap.yaml)")
    results = {d.name: grade(_load(str(d), fmt), reference) for d in dirs}
    markdown = class_markdown(results, reference)
    try:
        if csv_path is not None:
            write_output(csv_path, class_csv(results), force=force)
        if markdown_path is not None:
            write_output(markdown_path, markdown, force=force)
    except ArgmapError as error:
        raise BadInput(str(error)) from None
    if fmt == "json":
        data = {name: r.to_dict() for name, r in results.items()}
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    elif markdown_path is None:
        click.echo(markdown, nl=False)


@cli.command(name="formats")
def list_formats() -> None:
    """List the formats argmap imports and exports."""
    from argmap import formats

    for name in formats.names():
        module = formats.get(name)
        ways = "/".join(
            w for w, f in (("import", "read"), ("export", "write")) if hasattr(module, f)
        )
        suffixes = " ".join(getattr(module, "SUFFIXES", ()))
        click.echo(f"{name:<12} {ways:<14} {suffixes}")
    click.echo(f"{'claimreview':<12} {'export':<14} .jsonld")


@cli.command(name="checks")
def list_checks() -> None:
    """List every check: code, name, default severity and why it matters."""
    from argmap.checks import CHECKS
    from argmap.load import LOAD_ERRORS

    for code, (name, rationale) in LOAD_ERRORS.items():
        click.echo(f"{code}  {name:<26} {'error':<8} {rationale}")
    for code, module in CHECKS.items():
        click.echo(f"{code}  {module.NAME:<26} {module.SEVERITY:<8} {module.RATIONALE}")


def console_main() -> None:
    """The ``argmap`` executable: `main`, then exit without tearing down the heap.

    Freeing a large map object by object took a sixth of a 100,000-record check
    (benchmarks/README.md); the process is ending anyway, so after flushing the output it
    leaves with ``os._exit``. Library callers and tests use `main`, which exits normally.
    """
    try:
        main()
    except SystemExit as done:
        # Leave from inside this block: the exception's traceback holds the command's frame,
        # and with it the map, which leaving the block would free (0.14 s for 100,000 records).
        _leave(done.code)
    _leave(0)


def _leave(code: object) -> NoReturn:
    """Flush the output and end the process with ``code``'s status, as `sys.exit` would."""
    status = 0
    if isinstance(code, int):
        status = code
    elif code is not None:
        click.echo(str(code), err=True)
        status = 1
    for stream in (sys.stdout, sys.stderr):
        # A closed pipe (`argmap check | head`) has nothing left to receive.
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(status)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the CLI; exits with its status (0, 1 or 2)."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="argmap")
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        click.echo("argmap: interrupted", err=True)
        sys.exit(130)
