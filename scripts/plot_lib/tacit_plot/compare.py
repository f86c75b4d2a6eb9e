"""`plot compare`: the distribution of a metric's final value across replicates, one box (or
violin) per condition, every run as a jittered point, the mean and its 95 % CI marked."""
import sys

import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from tacit_plot import inputs, stats, style
from tacit_plot.inputs import InputError


def plot(sweep, by, metric, kind, out, size, dpi, title):
    column = sweep.final_column(metric)
    metric_name = column.split(".", 1)[1]
    condition, order, _ = sweep.conditions(by)
    values = sweep.runs[column]
    if not np.issubdtype(values.dtype, np.number):
        raise InputError(f"{sweep.runs_path()}: column '{column}' is not numeric")
    groups = [values[(condition == c) & values.notna()].to_numpy(float) for c in order]
    if not any(len(g) for g in groups):
        raise InputError(f"{sweep.runs_path()}: column '{column}' has no finite value")
    others = sweep.varying_within(by)
    if others:
        print(f"plot: note: pooling over factor(s) that also vary: {', '.join(others)}",
              file=sys.stderr)

    k = len(order)
    size = size or (max(6.0, min(16.0, 1.6 + 1.1 * k)), 5.0)
    shape = "box: median, quartiles, 1.5 IQR" if kind == "box" else "violin: density"
    legend_labels = [shape, "one run (final tick)", "mean and 95 % CI (t)"]
    frame = style.Frame(size, dpi, legend_labels=legend_labels, caption=inputs.caption([sweep]))
    ax = frame.axes[0]
    positions = np.arange(k)
    filled = [i for i, g in enumerate(groups) if len(g)]
    if kind == "violin":
        parts = ax.violinplot([groups[i] for i in filled], positions=positions[filled],
                              widths=0.7, showextrema=False)
        for body, i in zip(parts["bodies"], filled):
            body.set_facecolor(style.colour(i))
            body.set_edgecolor(style.colour(i))
            body.set_alpha(0.3)
    else:
        box = ax.boxplot([groups[i] for i in filled], positions=positions[filled], widths=0.55,
                         patch_artist=True, showfliers=False, medianprops={"color": "#222222"},
                         whiskerprops={"color": "#666666"}, capprops={"color": "#666666"})
        for patch, i in zip(box["boxes"], filled):
            patch.set_facecolor(style.colour(i))
            patch.set_alpha(0.3)
            patch.set_edgecolor(style.colour(i))

    rng = np.random.default_rng(12345)  # fixed: the same data give the same figure
    for i, g in enumerate(groups):
        jitter = rng.uniform(-0.16, 0.16, len(g))
        ax.scatter(positions[i] + jitter - 0.05, g, s=14, color=style.colour(i), alpha=0.75,
                   lw=0.4, edgecolor="white", zorder=3)
        n, mean, half = stats.mean_ci(g)
        if n:
            ax.errorbar(positions[i] + 0.33, mean, yerr=None if np.isnan(half) else half,
                        fmt="D", color="black", ms=5, capsize=4, lw=1.4, zorder=4)

    ax.set_xticks(positions)
    ax.set_xticklabels([f"{c}\nn = {len(g)}" for c, g in zip(order, groups)])
    ax.set_xlim(-0.6, k - 0.4)
    ax.set_xlabel(by)
    ax.set_ylabel(style.axis_label(metric_name, prefix="final "))
    ax.grid(axis="x", visible=False)

    handles = [Patch(facecolor="#999999", alpha=0.4, edgecolor="#666666"),
               Line2D([], [], ls="", marker="o", color="#777777", ms=4),
               Line2D([], [], ls="-", marker="D", color="black", ms=5)]
    frame.legend(handles, legend_labels)
    frame.title(title or f"Final {style.metric_label(metric_name)} by {by}")
    frame.save(out)
    return frame.pixels
