"""Time ``pacts`` on generated repositories and on the real one, against reference tools in the same run.

Usage: ``python bench/run.py [--sizes 1000 10000] [--repeat 5] [--work DIR] [--json OUT] [--no-cjs]``

For each size a repository is generated with ``bench/generate.py`` (or reused from ``--work``).
Then, as subprocesses, in the same run, on the same files:

* ``pacts validate DIR``: cold (an empty cache: ``XDG_CACHE_HOME`` points at a fresh folder) and
  warm (nothing changed since the cold run), each with its peak RSS (the largest process of the
  tree: ``pacts`` or one of its workers);
* ``pacts --repo DIR list --party GB --format ids``: cold, warm, and warm after editing one file;
* ``check-jsonschema --schemafile schema/agreement.schema.json FILES...`` (the JSON Schema layer
  only), in batches when the argument list would be too long, the batch times summed;
* ``python -c "import typer"``, the floor of any Typer CLI, run in turns with the warm list.

On the real repository (``agreements/``, store warmed first) every read command runs in turns
with ``python -c "import typer"``, and the ratio of each pair is taken.

Each measurement is repeated ``--repeat`` times (fewer once ``--budget`` seconds are spent); the
table gives medians (the issue's goals are medians of paired runs), the JSON file every run. The
machine is often shared: the CPU time (user + system, the command and its children) is the
steadier number, and the load average before and after is recorded. A command that fails stops
the benchmark: a benchmark of a failed command is no benchmark.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "schema" / "agreement.schema.json"
BATCH = 2000  # files per check-jsonschema call: well under ARG_MAX with long temporary paths
EDITED = "# edited by bench/run.py\n"
# Runs a command and prints its wall seconds, CPU seconds (itself and its children) and the peak
# RSS in KiB of the largest process of its tree (Linux reports the largest reaped descendant).
_TIMER = (
    "import json, resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "p = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)\n"
    "wall = time.perf_counter() - t\n"
    "r = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "out = p.stdout.decode('utf-8', 'replace')\n"
    "print(json.dumps([p.returncode, wall, r.ru_utime + r.ru_stime, r.ru_maxrss, out, p.stderr.decode()[-2000:]]))\n"
)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402


@dataclass
class Result:
    """The runs of one command on one repository."""

    tool: str
    files: int | None
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss_kib: list[int] = field(default_factory=list)
    ratio: list[float] = field(default_factory=list)  # to the paired reference run, when paired
    note: str = ""

    @property
    def median(self) -> float:
        """The median wall-clock time, in seconds."""
        return statistics.median(self.wall)

    def row(self) -> dict[str, object]:
        """The result as one JSON-ready record."""
        data = asdict(self)
        data |= {
            "runs": len(self.wall),
            "median_seconds": round(self.median, 3),
            "median_cpu_seconds": round(statistics.median(self.cpu), 3),
            "peak_rss_mib": round(max(self.rss_kib) / 1024, 1) if self.rss_kib else None,
            "median_ratio": round(statistics.median(self.ratio), 2) if self.ratio else None,
        }
        data["files_per_second"] = round(self.files / self.median, 1) if self.files else None
        return data


def _tool(name: str) -> str:
    """The console script ``name`` installed beside this Python, else the one on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        sys.exit(f"bench: {name} is not installed; run: pip install -e '.[test]'")
    return found


def timed(argv: Sequence[str], env: dict[str, str], cwd: Path) -> tuple[float, float, int, str]:
    """Run a command; return wall seconds, CPU seconds, peak RSS (KiB) and its standard output."""
    proc = subprocess.run(
        [sys.executable, "-c", _TIMER, *argv], env=env, cwd=cwd, capture_output=True, text=True, check=False
    )
    try:
        code, wall, cpu, rss, out, err = json.loads(proc.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        sys.exit(f"bench: the timer failed: {proc.stderr[-2000:]}")
    if code != 0:
        sys.exit(f"bench: {' '.join(argv[:4])} ... exited {code}:\n{(out + err)[-2000:]}")
    return wall, cpu, rss, out


def _load() -> float:
    try:
        return os.getloadavg()[0]
    except OSError:  # pragma: no cover - no load average on this platform
        return -1.0


class Bench:
    """One benchmark run: its settings, environment and results."""

    def __init__(self, args: argparse.Namespace, work: Path) -> None:
        self.args = args
        self.work = work
        self.env = {
            k: v for k, v in os.environ.items() if k not in ("PACTS_REPO", "PACTS_NO_CACHE", "PACTS_DEBUG")
        }
        self.env |= {"NO_COLOR": "1", "TERM": "dumb", "XDG_CACHE_HOME": str(work / "cache-unused")}
        self.env.pop("COLUMNS", None)
        self.pacts = _tool("pacts")
        self.results: list[Result] = []
        self.loads = [_load()]

    def cache(self) -> Path:
        """A fresh, empty cache folder."""
        return Path(tempfile.mkdtemp(prefix="cache-", dir=self.work))

    def run(self, argv: Sequence[str], cache: Path) -> tuple[float, float, int, str]:
        """Run one command with ``cache`` as its cache folder."""
        return timed(argv, {**self.env, "XDG_CACHE_HOME": str(cache)}, self.work)

    def measure(
        self,
        result: Result,
        once: Callable[[], tuple[float, float, int, str]],
        reference: Callable[[], tuple[float, float, int, str]] | None = None,
    ) -> Result:
        """Repeat ``once`` (in turns with ``reference``, whose time divides it) within the budget."""
        spent = 0.0
        for _ in range(self.args.repeat):
            base = reference()[0] if reference is not None else None
            wall, cpu, rss, _ = once()
            result.wall.append(wall)
            result.cpu.append(cpu)
            result.rss_kib.append(rss)
            if base:
                result.ratio.append(wall / base)
            spent += wall
            if spent >= self.args.budget:
                break
        print(f"  {result.tool}: {result.median:.3f} s (median of {len(result.wall)})", file=sys.stderr)
        self.results.append(result)
        return result

    def typer_floor(self) -> tuple[float, float, int, str]:
        """``python -c "import typer"``: what any Typer command line costs before it does anything."""
        return self.run([sys.executable, "-c", "import typer"], self.work)

    # ------------------------------------------------------------------ generated repositories

    def size(self, size: int, folder: Path, schema: Path) -> None:
        """Every measurement on one generated repository."""
        repo, n = str(folder), len(list(folder.glob("*.yaml")))
        print(f"[{n} files]", file=sys.stderr)
        validate = [self.pacts, "validate", repo]
        caches: list[Path] = []

        def cold(argv: list[str]) -> Callable[[], tuple[float, float, int, str]]:
            def once() -> tuple[float, float, int, str]:
                caches.append(self.cache())
                return self.run(argv, caches[-1])

            return once

        self.measure(Result("pacts validate (cold cache)", n), cold(validate))
        self.measure(
            Result("pacts validate (warm: nothing changed)", n), lambda: self.run(validate, caches[-1])
        )
        listing = [self.pacts, "--repo", repo, "list", "--party", "GB", "--format", "ids"]
        self.measure(Result("pacts list --party GB (cold cache)", n), cold(listing))
        warm = self.measure(
            Result("pacts list --party GB (warm)", n),
            lambda: self.run(listing, caches[-1]),
            reference=self.typer_floor,
        )
        warm.note = (
            f"{len(self.run(listing, caches[-1])[3].split())} ids; ratio to `python -c 'import typer'`"
        )
        edited = sorted(folder.glob("*.yaml"))[len(list(folder.glob("*.yaml"))) // 2]
        original = edited.read_bytes()

        def after_edit() -> tuple[float, float, int, str]:
            text = edited.read_bytes()
            edited.write_bytes(
                text[: -len(EDITED)] if text.endswith(EDITED.encode()) else text + EDITED.encode()
            )
            return self.run(listing, caches[-1])

        try:
            after = self.measure(Result("pacts list --party GB (one file edited)", n), after_edit)
        finally:
            edited.write_bytes(original)
        after.ratio = [a / statistics.median(warm.wall) for a in after.wall]
        after.note = "ratio to the warm list's median"
        for cache in caches:
            shutil.rmtree(cache, ignore_errors=True)
        if self.args.no_cjs:
            return
        files = sorted(str(p) for p in folder.glob("*.yaml"))
        cjs = _tool("check-jsonschema")

        def check_jsonschema() -> tuple[float, float, int, str]:
            wall = cpu = 0.0
            rss = 0
            for i in range(0, n, BATCH):
                w, c, r, _ = self.run([cjs, "--schemafile", str(schema), *files[i : i + BATCH]], self.work)
                wall, cpu, rss = wall + w, cpu + c, max(rss, r)
            return wall, cpu, rss, ""

        batches = -(-n // BATCH)
        note = f"{batches} batches of up to {BATCH} files, summed" if batches > 1 else ""
        self.measure(Result("check-jsonschema", n, note=note), check_jsonschema)

    # ------------------------------------------------------------------ the real repository

    def real(self) -> None:
        """Each read command on the real repository (warm store), in turns with ``import typer``."""
        folder = ROOT / "agreements"
        n = len(list(folder.glob("*.yaml")))
        cache = self.cache()
        print(f"[real repository: {n} files]", file=sys.stderr)
        repo = ["--repo", str(folder)]
        commands = {
            "pacts --version": ["--version"],
            "pacts list --party UK": [*repo, "list", "--party", "UK"],
            "pacts list --party UK --format ids": [*repo, "list", "--party", "UK", "--format", "ids"],
            "pacts show uk-japan-2023": [*repo, "show", "uk-japan-2023"],
            "pacts stats": [*repo, "stats"],
            "pacts status --party UK": [*repo, "status", "--party", "UK"],
            "pacts search lithium": [*repo, "search", "lithium"],
            "pacts validate": ["validate", str(folder)],
        }
        for argv in commands.values():  # warm the store (and the validation cache) first
            subprocess.run(
                [self.pacts, *argv], env={**self.env, "XDG_CACHE_HOME": str(cache)}, capture_output=True
            )
        for label, argv in commands.items():
            result = self.measure(
                Result(label, n, note="ratio to `python -c 'import typer'`"),
                lambda argv=argv: self.run([self.pacts, *argv], cache),  # type: ignore[misc]
                reference=self.typer_floor,
            )
            result.tool = label
        shutil.rmtree(cache, ignore_errors=True)


def _repository(work: Path, size: int, seed: int) -> Path:
    """The agreements folder of ``size`` generated files under ``work``, generated unless present."""
    base = work / f"repo-{size}-seed{seed}"
    folder = base / "agreements"
    marker = base / "complete"
    if not marker.exists():
        shutil.rmtree(base, ignore_errors=True)
        start = time.perf_counter()
        generate(size, base, seed=seed)
        marker.write_text("generated by bench/generate.py\n")
        print(f"generated {size} files in {time.perf_counter() - start:.1f} s: {folder}", file=sys.stderr)
    return folder


def _schema_file(work: Path) -> tuple[Path, str]:
    """The committed schema, or a fresh one (with a note) when the committed file is stale."""
    from mineralpacts.model.schema import schema_text

    current = schema_text()
    if SCHEMA.read_text("utf-8") == current:
        return SCHEMA, ""
    fresh = work / "agreement.schema.json"
    fresh.write_text(current, "utf-8")
    return fresh, "committed schema was stale; used `pacts schema` output"


def machine() -> dict[str, object]:
    """A description of the machine and the software versions measured."""
    cpu_model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from importlib.metadata import version

    return {
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "cpu": cpu_model,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "mineralpacts": version("mineralpacts"),
        "check-jsonschema": version("check-jsonschema"),
        "pydantic": version("pydantic"),
        "typer": version("typer"),
    }


def markdown(results: Sequence[Result]) -> str:
    """The results as a Markdown table (medians)."""
    lines = [
        "| command | files | runs | median s | median CPU s | peak RSS MiB | ratio (median) | note |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        row = r.row()
        files = f"{r.files:,}" if r.files else "-"
        ratio = f"{row['median_ratio']:.2f}×" if row["median_ratio"] is not None else ""
        lines.append(
            f"| {r.tool} | {files} | {row['runs']} | {row['median_seconds']:.3f} | "
            f"{row['median_cpu_seconds']:.3f} | {row['peak_rss_mib']} | {ratio} | {r.note} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000], help="repository sizes")
    parser.add_argument("--repeat", type=int, default=5, help="runs per command at most (default 5)")
    parser.add_argument(
        "--budget", type=float, default=60.0, help="stop repeating a command after this many seconds (60)"
    )
    parser.add_argument("--work", type=Path, help="folder for generated repositories, kept and reused")
    parser.add_argument("--seed", type=int, default=0, help="generator seed (default 0)")
    parser.add_argument("--json", type=Path, help="also write every run and the machine to this JSON file")
    parser.add_argument("--no-cjs", action="store_true", help="leave check-jsonschema out (it takes minutes)")
    parser.add_argument("--no-real", action="store_true", help="leave the real repository out")
    args = parser.parse_args(argv)
    if args.repeat < 1 or any(s < 1 for s in args.sizes):
        parser.error("--repeat and --sizes must be positive")
    keep = args.work is not None
    work = args.work.resolve() if keep else Path(tempfile.mkdtemp(prefix="pacts-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    bench = Bench(args, work)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    import mineralpacts

    source = {
        "commit_at_start": commit.stdout.strip(),
        "mineralpacts_from": str(Path(mineralpacts.__file__).parent),
    }
    try:
        schema, schema_note = _schema_file(work)
        if schema_note:
            print(f"bench: {schema_note}", file=sys.stderr)
        if not args.no_real:
            bench.real()
        for size in args.sizes:
            bench.size(size, _repository(work, size, args.seed), schema)
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
    bench.loads.append(_load())
    info = machine() | source | {"load_average_before_after": bench.loads}
    table = markdown(bench.results)
    print(f"\n{json.dumps(info)}\n")
    print(table)
    if args.json:
        payload = {"machine": info, "schema_note": schema_note, "results": [r.row() for r in bench.results]}
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
