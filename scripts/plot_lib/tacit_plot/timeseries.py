"""`plot timeseries`: one panel per metric over ticks; a line per run directory, or per
condition of a sweep (mean across replicates with a t-based 95 % CI band)."""
import math
import os
import sys

import pandas as pd
from matplotlib.ticker import MaxNLocator

from tacit_plot import inputs, stats, style
from tacit_plot.inputs import InputError

PREFERRED = ["knowledge_mean", "knowledge_variance", "share_rate", "free_rider_fraction"]
FALLBACK = ["knowledge_gini", "shares", "knowledge_gained", "exchanges", "variance_within_teams",
            "trust_strong_mean"]
DEFAULT_COUNT = 4


def columns_of(d):
    return list(d.timeseries().columns)


def default_metrics(dirs):
    """The preferred metrics present in every input, topped up from FALLBACK to four."""
    common = set.intersection(*(set(columns_of(d)) for d in dirs))
    chosen = [m for m in PREFERRED if m in common]
    for m in FALLBACK:
        if len(chosen) >= DEFAULT_COUNT:
            break
        if m in common and m not in chosen:
            chosen.append(m)
    if not chosen:
        numeric = [c for c in inputs.numeric_columns(dirs[0].timeseries(), ("tick", "run"))
                   if c in common]
        chosen = numeric[:DEFAULT_COUNT]
    if not chosen:
        raise InputError("the time series have no metric column in common; name one with --metric")
    return chosen


def run_labels(dirs):
    """Shortest trailing path that tells the inputs apart: demo1, a/demo, b/demo."""
    parts = [os.path.normpath(os.path.abspath(d.path)).split(os.sep) for d in dirs]
    for depth in range(1, max(len(p) for p in parts) + 1):
        labels = ["/".join(p[-depth:]) for p in parts]
        if len(set(labels)) == len(labels):
            return labels
    return [d.path for d in dirs]


def build_series(dirs, metrics, by):
    """[(label, legend group title, {metric: frame tick, mean, lo, hi})] in drawing order."""
    labels = run_labels(dirs)
    series, titles = [], []
    for d, dir_label in zip(dirs, labels):
        ts = d.timeseries()
        where = os.path.join(d.path, "timeseries.csv")
        for m in metrics:
            if m not in ts.columns:
                raise inputs.missing(m, [c for c in ts.columns if c not in ("tick", "run")], where)
            if not pd.api.types.is_numeric_dtype(ts[m]):
                raise InputError(f"{where}: column '{m}' is not numeric")
        if d.kind == "run":
            data = {m: pd.DataFrame({"tick": ts["tick"], "mean": ts[m], "lo": math.nan,
                                     "hi": math.nan}) for m in metrics}
            series.append((dir_label, data))
            continue
        condition, order, title = d.conditions(by)
        titles.append(title)
        run_to_condition = dict(zip(d.runs["run"], condition))
        ts = ts.assign(condition=ts["run"].map(run_to_condition))
        prefix = f"{dir_label}: " if len(dirs) > 1 else ""
        summaries = {m: stats.summarize(ts, ["condition", "tick"], m) for m in metrics}
        for label in order:
            data = {m: s[s["condition"] == label].sort_values("tick") for m, s in summaries.items()}
            if len(data[metrics[0]]):
                series.append((prefix + label, data))
    return series, titles


def plot(dirs, metrics, by, out, size, dpi, title):
    if by is not None and not any(d.kind == "sweep" for d in dirs):
        raise InputError("--by groups the runs of a sweep directory; none of the inputs is one")
    metrics = list(dict.fromkeys(metrics)) if metrics else default_metrics(dirs)
    series, titles = build_series(dirs, metrics, by)
    sweeps = [d for d in dirs if d.kind == "sweep"]

    ncols = 1 if len(metrics) == 1 else 2
    nrows = math.ceil(len(metrics) / ncols)
    size = size or (7.0 if ncols == 1 else 10.0, 1.3 + 3.0 * nrows)
    legend_labels = [label for label, _ in series] if len(series) > 1 or sweeps else []
    legend_title = None
    if sweeps:
        by_text = titles[0] if len(set(titles)) == 1 and titles[0] else "condition"
        counts = [int(data[metrics[0]]["n"].max()) for _, data in series if "n" in data[metrics[0]]]
        n = f"{min(counts)}" if min(counts) == max(counts) else f"{min(counts)}–{max(counts)}"
        legend_title = f"{by_text} — mean and 95 % CI band over runs (n = {n} per line)"
        for sweep in sweeps:
            pooled = sweep.varying_within(by) if by else []
            if pooled:
                print(f"plot: note: {sweep.path}: each line pools the runs of all values of "
                      f"{', '.join(pooled)}", file=sys.stderr)
    frame = style.Frame(size, dpi, nrows, ncols, legend_labels=legend_labels,
                        legend_title=legend_title, caption=inputs.caption(dirs), sharex=True)

    handles = []
    for i, (label, data) in enumerate(series):
        for ax, m in zip(frame.axes, metrics):
            d = data[m]
            (line,) = ax.plot(d["tick"], d["mean"], color=style.colour(i), ls=style.linestyle(i),
                              lw=1.5, label=label)
            if d["lo"].notna().any():
                ax.fill_between(d["tick"], d["lo"], d["hi"], color=style.colour(i), alpha=0.18,
                                lw=0)
            if ax is frame.axes[0]:
                handles.append(line)
    for ax, m in zip(frame.axes, metrics):
        ax.set_title(f"{style.metric_label(m)}  ·  {m}", loc="left")
        ax.set_ylabel(style.metric_unit(m) or m)
        ax.set_xlabel("tick")
        ax.tick_params(labelbottom=True)
        ax.margins(x=0)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    for ax in frame.axes[len(metrics):]:
        ax.set_visible(False)

    if title is None:
        if sweeps and len(dirs) == 1:
            title = f"{sweeps[0].name}: time series by {titles[0] or 'condition'}"
        elif len(dirs) == 1:
            title = f"{dirs[0].scenario}: time series"
        else:
            title = f"Time series of {len(dirs)} inputs"
    frame.title(title)
    frame.legend(handles, legend_labels, title=legend_title)
    frame.save(out)
    return frame.pixels
