"""`plot network`: the tie network of a small run (≤ 2000 agents): strong ties solid and dark,
weak ties dashed and light, agents coloured by an agents.csv column and sized by degree, laid
out by layout.force_layout."""
import numpy as np
import pandas as pd
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D

from tacit_plot import inputs, layout, style
from tacit_plot.inputs import InputError

MAX_AGENTS = 2000
CATEGORICAL = {"team", "department", "persona", "strategy", "identified"}
MAX_LEGEND_CATEGORIES = 12
STRONG = {"color": "#2B2B2B", "linewidths": 0.6, "alpha": 0.6, "linestyles": "solid"}
WEAK = {"color": "#A5A5A5", "linewidths": 0.7, "alpha": 0.8, "linestyles": (0, (4, 2.5))}


class TooLarge(InputError):
    pass


def default_colour(agents):
    if "team" in agents.columns and (agents["team"].astype(str) != "-1").any():
        return "team"
    return "knowledge" if "knowledge" in agents.columns else None


def is_categorical(column, values):
    if column in CATEGORICAL or not pd.api.types.is_numeric_dtype(values):
        return True
    finite = values.dropna()
    return bool(len(finite)) and (finite == finite.round()).all() and finite.nunique() <= 10


def plot(run, colour_by, out, size, dpi, title, seed, iterations, model):
    agents = run.agents()
    n = len(agents)
    if n > MAX_AGENTS:
        raise TooLarge(f"{run.path} has {n} agents; plot network draws at most {MAX_AGENTS}. "
                       "For large networks use Gephi: rerun with "
                       "`--set output.network_graphml=true` and open network.graphml")
    if n == 0:
        raise InputError(f"{run.file('agents.csv')} has no agents")
    colour_by = colour_by or default_colour(agents)
    if colour_by is not None and colour_by not in agents.columns:
        raise inputs.missing(colour_by, agents.columns, run.file("agents.csv"))
    edges = run.edges()
    index = {agent_id: i for i, agent_id in enumerate(agents["id"])}
    unknown = sorted(set(edges["source"]).union(edges["target"]) - index.keys())
    if unknown:
        raise InputError(f"{run.path}: the edge list names agents not in agents.csv: "
                         f"{style.join_limited(unknown)}")
    src = edges["source"].map(index).to_numpy(int)
    dst = edges["target"].map(index).to_numpy(int)
    weak = (edges["tie"].str.lower() == "weak").to_numpy()
    weights = pd.to_numeric(edges["weight"], errors="coerce").fillna(1.0).to_numpy(float)
    if "degree" in agents.columns:
        degree = pd.to_numeric(agents["degree"], errors="coerce").fillna(0).to_numpy(float)
    else:
        degree = np.bincount(np.concatenate([src, dst]), minlength=n).astype(float)

    pos = layout.force_layout(n, src, dst, weights, iterations, seed, model)

    n_strong, n_weak = int((~weak).sum()), int(weak.sum())
    handles = [Line2D([], [], color=STRONG["color"], lw=1.2, ls="-"),
               Line2D([], [], color=WEAK["color"], lw=1.2, ls=WEAK["linestyles"])]
    labels = [f"strong tie ({n_strong})", f"weak tie ({n_weak})"]
    # Node groups: (mask, colour, marker, legend label or None); or one continuous group.
    groups, continuous = [], None
    if colour_by is None:
        groups.append((np.ones(n, bool), style.OKABE_ITO[0], "o", None))
    elif is_categorical(colour_by, agents[colour_by]):
        keys = agents[colour_by].map(category_key)
        categories = category_order(agents[colour_by])
        listed = len(categories) <= MAX_LEGEND_CATEGORIES
        for i, cat in enumerate(categories):
            none = cat in ("-1", "nan", "none", "")
            groups.append(((keys == cat).to_numpy(), style.GREY if none else style.colour(i),
                           "o" if none else style.marker(i),
                           f"{colour_by} {'none' if none else cat}" if listed else None))
        if not listed:
            handles.append(Line2D([], [], ls="", marker="o", color=style.OKABE_ITO[0], ms=6))
            labels.append(f"colour + marker: {colour_by} ({len(categories)} values)")
    else:
        continuous = pd.to_numeric(agents[colour_by], errors="coerce").to_numpy(float)
        handles.append(Line2D([], [], ls="", marker="o", color="#21918C", ms=6))
        labels.append(f"colour: {colour_by}")
    for _, c, m, label in groups:
        if label:
            handles.append(Line2D([], [], ls="", marker=m, color=c, ms=6))
            labels.append(label)

    size = size or (8.0, 8.5)
    steps = layout.default_iterations(n) if iterations is None else iterations
    forces = "LinLog forces" if model == "linlog" else "Fruchterman–Reingold forces"
    caption = (inputs.caption([run]) + f" · layout: {forces}, {steps} steps, seed {seed} · "
               "node area ∝ degree")
    frame = style.Frame(size, dpi, legend_labels=labels, caption=caption)
    ax = frame.axes[0]
    # Big networks: thinner, fainter ties and smaller nodes, or the picture is all ink.
    fade = min(1.0, (1500 / max(len(edges), 1)) ** 0.5)
    for mask, kind in ((weak, WEAK), (~weak, STRONG)):
        segments = np.stack([pos[src[mask]], pos[dst[mask]]], axis=1)
        faded = dict(kind, alpha=kind["alpha"] * max(fade, 0.25),
                     linewidths=kind["linewidths"] * max(fade, 0.6))
        ax.add_collection(LineCollection(segments, zorder=1, **faded))
    area = (8 + 70 * degree / max(degree.max(), 1)) * min(1.0, (200 / n) ** 0.5)
    node_style = {"edgecolors": "white", "linewidths": 0.4, "zorder": 3}
    for mask, c, m, _ in groups:
        ax.scatter(pos[mask, 0], pos[mask, 1], s=area[mask], color=c, marker=m, **node_style)
    if continuous is not None:
        ok = np.isfinite(continuous)
        ax.scatter(pos[~ok, 0], pos[~ok, 1], s=area[~ok], color=style.GREY, **node_style)
        points = ax.scatter(pos[ok, 0], pos[ok, 1], s=area[ok], c=continuous[ok],
                            cmap="viridis", **node_style)
        frame.fig.colorbar(points, ax=ax, shrink=0.7, pad=0.01,
                           label=style.axis_label(colour_by))

    ax.set_aspect("equal")
    ax.set_xlim(-0.03, 1.03)
    ax.set_ylim(-0.03, 1.03)
    ax.axis("off")
    frame.legend(handles, labels)
    frame.title(title or f"{run.scenario}: network of {n} agents, {n_strong} strong and "
                f"{n_weak} weak ties")
    frame.save(out)
    return frame.pixels


def category_key(value):
    return inputs.fmt_value(value)


def category_order(values):
    keys = values.map(category_key).drop_duplicates().tolist()
    try:
        return sorted(keys, key=float)
    except ValueError:
        return sorted(keys)
