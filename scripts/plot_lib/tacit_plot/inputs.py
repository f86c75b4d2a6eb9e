"""Reading tacit run and sweep directories (layouts: docs/OUTPUTS.md).

Every problem with the input becomes an InputError whose message names the file and what is
wrong (a missing column lists the ones there are); cli.py prints it and exits with code 2.
Columns are always looked up by name, never by position, so newer outputs with more columns
read the same way.
"""
import difflib
import json
import math
import os
import xml.etree.ElementTree as ET

import pandas as pd


class InputError(Exception):
    """Bad input: printed as `plot: error: ...`, exit code 2."""


# runs.csv columns that describe the run rather than a factor of the design.
META_COLUMNS = {"run", "point", "replicate", "seed", "status", "error", "dir", "path",
                "directory", "wall_seconds", "shard"}
SUMMARY_PREFIXES = ("final.", "window.", "mean.", "summary.")
FAILED_STATUS = {"failed", "failure", "error", "crashed", "timeout", "skipped", "missing"}
# tacit writes missing numbers as `nan`; factor values such as `none` or `NA` stay text.
NA_VALUES = ["nan", "NaN", "-nan", ""]


def listing(path, limit=10):
    entries = sorted(os.listdir(path))
    more = f", … ({len(entries) - limit} more)" if len(entries) > limit else ""
    return ", ".join(entries[:limit]) + more


def read_csv(path, **kwargs):
    if not os.path.exists(path):
        raise InputError(f"{path}: no such file")
    try:
        frame = pd.read_csv(path, keep_default_na=False, na_values=NA_VALUES, **kwargs)
    except pd.errors.EmptyDataError:
        raise InputError(f"{path} is empty") from None
    except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as e:
        raise InputError(f"{path} is not a readable CSV file: {str(e).strip()}") from None
    return frame


def missing(name, available, where, what="column"):
    """The InputError for a column (or factor) that is not there: suggestion and the list."""
    available = [str(a) for a in available]
    close = difflib.get_close_matches(name, available, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    shown = ", ".join(available) if available else "(none)"
    return InputError(f"{where} has no {what} '{name}'{hint}\n  available: {shown}")


def require_columns(frame, names, where):
    for name in names:
        if name not in frame.columns:
            raise missing(name, frame.columns, where)


def numeric_columns(frame, exclude=()):
    return [c for c in frame.columns
            if c not in exclude and pd.api.types.is_numeric_dtype(frame[c])]


def fmt_value(value):
    """A factor value as a label: 2.0 → '2', 0.05 → '0.05', text as is."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        return str(int(value)) if value.is_integer() else f"{value:g}"
    return str(value)


def read_manifest(directory):
    path = os.path.join(directory, "manifest.json")
    if not os.path.exists(path):
        return {}
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError) as e:
        raise InputError(f"{path} is not valid JSON: {e}") from None
    return data if isinstance(data, dict) else {}


def open_dir(path):
    """A RunDir or a SweepDir; InputError when `path` is neither."""
    kind = classify(path)
    return SweepDir(path) if kind == "sweep" else RunDir(path)


def classify(path):
    if not os.path.exists(path):
        raise InputError(f"{path}: no such directory")
    if not os.path.isdir(path):
        raise InputError(f"{path} is not a directory; give a run directory (tacit run -o DIR) "
                         "or a sweep directory")
    entries = os.listdir(path)
    if not entries:
        raise InputError(f"{path} is empty; expected a tacit run directory (timeseries.csv, "
                         "agents.csv, manifest.json) or a sweep directory (runs.csv, "
                         "timeseries.csv)")
    if "runs.csv" in entries:
        return "sweep"
    if "timeseries.csv" in entries:
        return "run"
    if "manifest.json" in entries:
        raise InputError(f"{path} has a manifest.json but no timeseries.csv: not a complete "
                         f"tacit run directory (it holds: {listing(path)})")
    raise InputError(f"{path} is not a tacit run or sweep directory: it has neither "
                     f"timeseries.csv nor runs.csv (it holds: {listing(path)})")


class RunDir:
    """The outputs of one `tacit run`."""

    kind = "run"

    def __init__(self, path):
        self.path = path
        self.manifest = read_manifest(path)
        self._timeseries = None
        self._agents = None

    @property
    def scenario(self):
        return str(self.manifest.get("scenario_name")
                   or os.path.basename(os.path.abspath(self.path)))

    @property
    def seed(self):
        seed = self.manifest.get("seed_string", self.manifest.get("seed"))
        return None if seed is None else str(seed)

    def file(self, name):
        return os.path.join(self.path, name)

    def timeseries(self):
        if self._timeseries is None:
            path = self.file("timeseries.csv")
            frame = read_csv(path)
            require_columns(frame, ["tick"], path)
            if frame.empty:
                raise InputError(f"{path} has a header but no rows")
            self._timeseries = frame
        return self._timeseries

    def agents(self):
        if self._agents is None:
            path = self.file("agents.csv")
            if not os.path.exists(path):
                raise InputError(f"{self.path} has no agents.csv (it holds: {listing(self.path)})")
            frame = read_csv(path, dtype={"id": str})
            require_columns(frame, ["id"], path)
            self._agents = frame
        return self._agents

    def edges(self):
        """Undirected ties as a frame source, target (ids as text), tie (strong|weak), weight."""
        csv_path, graphml_path = self.file("edges.csv"), self.file("network.graphml")
        if os.path.exists(csv_path):
            frame = read_csv(csv_path, dtype={"source": str, "target": str})
            require_columns(frame, ["source", "target"], csv_path)
        elif os.path.exists(graphml_path):
            frame = read_graphml_edges(graphml_path)
        else:
            raise InputError(f"{self.path} has no edges.csv or network.graphml; rerun with "
                             "`--set output.edges_csv=true` (or output.network_graphml: true)")
        if "tie" not in frame.columns:
            frame["tie"] = "strong"
        if "weight" not in frame.columns:
            frame["weight"] = 1.0
        frame["tie"] = frame["tie"].astype(str)
        return frame


def read_graphml_edges(path):
    """Edges of an undirected GraphML file with edge data `tie` and `weight` (as tacit writes)."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as e:
        raise InputError(f"{path} is not readable GraphML: {e}") from None
    ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
    names = {k.get("id"): k.get("attr.name") for k in root.iter(f"{ns}key")
             if k.get("for") in ("edge", "all")}
    rows = []
    for edge in root.iter(f"{ns}edge"):
        row = {"source": edge.get("source"), "target": edge.get("target")}
        for data in edge.findall(f"{ns}data"):
            row[names.get(data.get("key"), data.get("key"))] = data.text
        rows.append(row)
    frame = pd.DataFrame(rows, columns=["source", "target", "tie", "weight"] if not rows else None)
    if "weight" in frame.columns:
        frame["weight"] = pd.to_numeric(frame["weight"], errors="coerce").fillna(1.0)
    return frame


class SweepDir:
    """A sweep: runs.csv (one row per run: factors, point, replicate, seed, status, final.*)
    and a long-format timeseries.csv (columns run, tick, metrics)."""

    kind = "sweep"

    def __init__(self, path):
        self.path = path
        self.manifest = read_manifest(path)
        runs_path = os.path.join(path, "runs.csv")
        runs = read_csv(runs_path, dtype={"run": str})
        require_columns(runs, ["run"], runs_path)
        if runs.empty:
            raise InputError(f"{runs_path} has a header but no rows")
        self.all_runs = runs
        ok = pd.Series(True, index=runs.index)
        if "status" in runs.columns:
            ok &= ~runs["status"].astype(str).str.strip().str.lower().isin(FAILED_STATUS)
        if "error" in runs.columns:
            ok &= runs["error"].isna() | (runs["error"].astype(str).str.strip() == "")
        self.runs = runs[ok].reset_index(drop=True)
        self.failed = int((~ok).sum())
        if self.runs.empty:
            raise InputError(f"{runs_path}: all {len(runs)} runs failed; nothing to plot")
        self.factors = [c for c in runs.columns
                        if c not in META_COLUMNS and not c.startswith(SUMMARY_PREFIXES)]
        self._timeseries = None

    @property
    def name(self):
        m = self.manifest
        return str(m.get("sweep_name") or m.get("name") or m.get("scenario_name")
                   or os.path.basename(os.path.abspath(self.path)))

    @property
    def root_seed(self):
        m = self.manifest
        for key in ("root_seed_string", "root_seed", "seed_string", "seed"):
            if m.get(key) is not None:
                return str(m[key])
        return None

    def runs_path(self):
        return os.path.join(self.path, "runs.csv")

    def require_factor(self, factor, option):
        if factor not in self.all_runs.columns or factor not in self.factors:
            raise missing(factor, self.factors, self.runs_path(), what=f"factor ({option})")

    def final_column(self, metric):
        """The runs.csv column of a metric's final value: `final.<metric>` (or as given)."""
        column = metric if metric.startswith(SUMMARY_PREFIXES) else f"final.{metric}"
        if column not in self.runs.columns:
            finals = [c[len("final."):] for c in self.runs.columns if c.startswith("final.")]
            raise missing(metric, finals, self.runs_path(),
                          what="metric (column final.<metric>)")
        return column

    def timeseries(self):
        if self._timeseries is None:
            path = os.path.join(self.path, "timeseries.csv")
            if not os.path.exists(path):
                raise InputError(f"sweep {self.path} has no timeseries.csv (it holds: "
                                 f"{listing(self.path)})")
            frame = read_csv(path, dtype={"run": str})
            require_columns(frame, ["run", "tick"], path)
            if frame.empty:
                raise InputError(f"{path} has a header but no rows")
            self._timeseries = frame[frame["run"].isin(set(self.runs["run"]))]
        return self._timeseries

    def varying(self, factors=None):
        """Factors whose value differs between the (successful) runs."""
        return [f for f in (factors or self.factors) if self.runs[f].nunique(dropna=False) > 1]

    def varying_within(self, by):
        """Factors other than `by` whose value differs inside some group of `by` (those that
        follow the grouping, as the keys of an explicit run list, do not)."""
        groups = self.runs.groupby(self.runs[by].astype(str), sort=False)
        return [f for f in self.varying() if f != by
                and (groups[f].nunique(dropna=False) > 1).any()]

    def ordered_values(self, factor):
        """Values of a factor: numbers ascending, text in the order of the design."""
        values = self.runs[factor].drop_duplicates().tolist()
        if pd.api.types.is_numeric_dtype(self.runs[factor]):
            return sorted(values)
        return values

    def conditions(self, by=None):
        """(condition per run as a Series aligned with self.runs, ordered labels, legend title).

        by: a factor; None groups by design point (`point`, or all factors when absent)."""
        if by is not None:
            self.require_factor(by, "--by")
            labels = self.runs[by].map(fmt_value)
            order = [fmt_value(v) for v in self.ordered_values(by)]
            return labels, order, by
        varying = self.varying()
        if not varying:
            label = pd.Series("all runs", index=self.runs.index)
            return label, ["all runs"], None
        if len(varying) == 1:
            return self.conditions(varying[0])

        def label(row):
            return ", ".join(f"{short_key(f, varying)}={fmt_value(row[f])}" for f in varying)

        labels = self.runs.apply(label, axis=1)
        keys = self.runs["point"] if "point" in self.runs.columns else labels
        order_frame = pd.DataFrame({"key": keys, "label": labels}).drop_duplicates("label")
        try:
            order_frame = order_frame.sort_values("key", key=lambda s: pd.to_numeric(s))
        except (ValueError, TypeError):
            pass
        return labels, order_frame["label"].tolist(), "design point"


def short_key(key, keys):
    """The last part of a dotted key path when that is unambiguous among `keys`."""
    last = key.rsplit(".", 1)[-1]
    clash = [k for k in keys if k != key and k.rsplit(".", 1)[-1] == last]
    return key if clash else last


def caption(dirs):
    """Provenance line: scenario name(s) and seed(s) of runs; root seed and run count of sweeps;
    the tacit version and commit when they are known and shared."""
    parts = []
    runs = [d for d in dirs if d.kind == "run"]
    by_scenario = {}
    for run in runs:
        by_scenario.setdefault(run.scenario, []).append(run)
    for scenario, group in by_scenario.items():
        seeds = [r.seed or "?" for r in group]
        text = f"scenario {scenario}, seed{'s' if len(seeds) > 1 else ''} {join_seeds(seeds)}"
        sizes = {(r.manifest.get("agents"), r.manifest.get("ticks")) for r in group}
        if len(sizes) == 1:
            agents, ticks = next(iter(sizes))
            if agents is not None and ticks is not None:
                text += f" ({agents} agents, {ticks} ticks)"
        parts.append(text)
    for sweep in (d for d in dirs if d.kind == "sweep"):
        n = len(sweep.runs)
        text = f"sweep {sweep.name}: root seed {sweep.root_seed or 'not recorded'}, {n} runs"
        r = sweep.runs
        if "point" in r.columns and "replicate" in r.columns:
            text += (f" ({r['point'].nunique()} design points × "
                     f"{r['replicate'].nunique()} replicates)")
        if sweep.failed:
            text += f", {sweep.failed} failed run{'s' if sweep.failed > 1 else ''} left out"
        parts.append(text)
    builds = {(d.manifest.get("tacit_version"), d.manifest.get("git_commit")) for d in dirs}
    builds.discard((None, None))
    if len(builds) == 1:
        version, commit = next(iter(builds))
        parts.append(" ".join(x for x in (f"tacit {version}" if version else None,
                                          f"({commit})" if commit and commit != "unknown" else None)
                              if x))
    return " · ".join(parts)


def join_seeds(seeds, limit=8):
    if len(seeds) <= limit:
        return ", ".join(seeds)
    return ", ".join(seeds[:limit]) + f", … ({len(seeds)} runs)"
