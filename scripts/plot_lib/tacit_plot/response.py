"""`plot sweep`: response curves — a metric's final value (mean and t-based 95 % CI across
replicates) against one factor, one curve per value of an optional second factor."""
import sys

import numpy as np
import pandas as pd

from tacit_plot import inputs, stats, style
from tacit_plot.inputs import InputError


def plot(sweep, x, metric, hue, logx, out, size, dpi, title):
    sweep.require_factor(x, "--x")
    if hue is not None:
        sweep.require_factor(hue, "--hue")
        if hue == x:
            raise InputError("--hue must name a factor other than --x")
    column = sweep.final_column(metric)
    metric_name = column.split(".", 1)[1]
    runs = sweep.runs
    if not pd.api.types.is_numeric_dtype(runs[column]):
        raise InputError(f"{sweep.runs_path()}: column '{column}' is not numeric")
    others = [f for f in sweep.varying() if f not in (x, hue)]
    if others:
        print(f"plot: note: averaging over factor(s) that also vary: {', '.join(others)}",
              file=sys.stderr)

    numeric_x = pd.api.types.is_numeric_dtype(runs[x])
    if logx and not numeric_x:
        raise InputError(f"--logx needs a numeric factor; '{x}' has text values")
    if logx and (runs[x] <= 0).any():
        raise InputError(f"--logx needs positive values; '{x}' has "
                         f"{inputs.fmt_value(runs[x].min())}")
    x_values = sweep.ordered_values(x)
    if numeric_x:
        position = {v: v for v in x_values}
    else:
        position = {v: i for i, v in enumerate(x_values)}

    hue_values = sweep.ordered_values(hue) if hue else [None]
    n = range_text(runs.groupby([x, hue] if hue else [x])[column].count())
    if hue:
        legend_labels = [inputs.fmt_value(h) for h in hue_values]
        legend_title = f"{hue} — mean and 95 % CI over runs (n = {n} per point)"
    else:
        legend_labels = [f"mean and 95 % CI over runs (n = {n} per point)"]
        legend_title = None
    size = size or (7.5, 5.0)
    frame = style.Frame(size, dpi, legend_labels=legend_labels, legend_title=legend_title,
                        caption=inputs.caption([sweep]))
    ax = frame.axes[0]
    handles = []
    k = len(hue_values)
    for i, h in enumerate(hue_values):
        subset = runs if h is None else runs[runs[hue] == h]
        s = stats.summarize(subset, x, column)
        s["pos"] = s[x].map(position)
        s = s.sort_values("pos")
        pos = s["pos"].to_numpy(float)
        if not numeric_x and k > 1:  # dodge categories so the error bars do not overlap
            pos = pos + (i - (k - 1) / 2) * min(0.12, 0.6 / k)
        c = style.colour(i)
        (line,) = ax.plot(pos, s["mean"], color=c, marker=style.MARKERS[i % len(style.MARKERS)],
                          ms=5, lw=1.6, ls=style.linestyle(i))
        err = np.vstack([s["mean"] - s["lo"], s["hi"] - s["mean"]])
        ax.errorbar(pos, s["mean"], yerr=np.nan_to_num(err), fmt="none", ecolor=c, capsize=3,
                    lw=1.0)
        if numeric_x and s["lo"].notna().any():
            ax.fill_between(pos, s["lo"], s["hi"], color=c, alpha=0.15, lw=0)
        handles.append(line)

    if logx:
        ax.set_xscale("log")
    if not numeric_x:
        ax.set_xticks(range(len(x_values)))
        ax.set_xticklabels([inputs.fmt_value(v) for v in x_values])
        ax.grid(axis="x", visible=False)
    elif len(x_values) <= 12:
        ax.set_xticks(x_values)
        ax.set_xticklabels([inputs.fmt_value(v) for v in x_values])
        ax.minorticks_off()
    ax.set_xlabel(x)
    ax.set_ylabel(style.axis_label(metric_name, prefix="final "))
    frame.legend(handles, legend_labels, title=legend_title)
    default = f"Final {style.metric_label(metric_name)} vs {x}" + (f" by {hue}" if hue else "")
    frame.title(title or default)
    frame.save(out)
    return frame.pixels


def range_text(counts):
    lo, hi = int(counts.min()), int(counts.max())
    return str(lo) if lo == hi else f"{lo}–{hi}"
