"""Shared look of every figure: palette, metric labels and units, title/legend/caption layout,
sizes in whole pixels, saving by file extension."""
import math
import os
import textwrap

import matplotlib
import numpy as np

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (after the backend is chosen)

# Okabe & Ito (2008), colour-blind safe; yellow last because it is faint on white.
OKABE_ITO = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
             "#F0E442"]
GREY = "#BBBBBB"
LINESTYLES = ["-", "--", ":", "-."]
MARKERS = ["o", "s", "^", "D", "v", "P"]
DEFAULT_DPI = 150
FORMATS = {".png", ".svg", ".pdf"}

# column → (what it is, unit for the axis). Unknown columns get their name and no unit.
_LEVEL = "knowledge level"
METRICS = {
    "knowledge_mean": ("mean knowledge", _LEVEL),
    "knowledge_explicit_mean": ("mean explicit knowledge", _LEVEL),
    "knowledge_tacit_mean": ("mean tacit knowledge", _LEVEL),
    "knowledge_variance": ("knowledge variance across agents", f"{_LEVEL}²"),
    "knowledge_cv": ("coefficient of variation of knowledge", "sd / mean"),
    "knowledge_gini": ("Gini of knowledge", "Gini (0 = equal, 1 = concentrated)"),
    "variance_between_teams": ("variance between teams", f"{_LEVEL}²"),
    "variance_within_teams": ("variance within teams", f"{_LEVEL}²"),
    "requests": ("requests for help", "requests per tick"),
    "shares": ("requests answered by sharing", "shares per tick"),
    "shares_strong": ("shares over strong ties", "shares per tick"),
    "shares_weak": ("shares over weak ties", "shares per tick"),
    "share_rate": ("share rate", "fraction of requests answered"),
    "unanswered": ("unanswered requests", "requests per tick"),
    "tacit_transfers": ("tacit transfers", "shares per tick"),
    "knowledge_gained": ("knowledge gained", f"{_LEVEL} per tick"),
    "exchanges": ("agents that gained knowledge", "agents per tick"),
    "sharer_fraction": ("sharers (cooperators)", "fraction of agents"),
    "free_rider_fraction": ("free riders", "fraction of agents"),
    "trust_strong_mean": ("trust over strong ties", "expected trust (0–1)"),
    "trust_weak_mean": ("trust over weak ties", "expected trust (0–1)"),
    "image_mean": ("mean image score", "image score"),
    "reputation_gini": ("Gini of image scores", "Gini (0 = equal, 1 = concentrated)"),
    "innovations": ("innovations", "innovations per tick"),
    "payoff_mean": ("mean payoff", "payoff"),
    # agents.csv
    "knowledge": ("final knowledge stock", _LEVEL),
    "knowledge_explicit": ("final explicit knowledge", _LEVEL),
    "knowledge_tacit": ("final tacit knowledge", _LEVEL),
    "degree": ("degree", "ties"),
    "gained": ("knowledge gained", _LEVEL),
    "trust_in": ("trust in the agent", "expected trust (0–1)"),
    "trust_out": ("the agent's trust", "expected trust (0–1)"),
}


def metric_label(column):
    return METRICS.get(column, (column.replace("_", " "), ""))[0]


def metric_unit(column):
    return METRICS.get(column, ("", ""))[1]


def axis_label(column, prefix=""):
    """'final mean knowledge (knowledge level)' — what, then unit."""
    what, unit = metric_label(column), metric_unit(column)
    text = f"{prefix}{what}" if prefix else what
    return f"{text} ({unit})" if unit else text


def colour(i):
    return OKABE_ITO[i % len(OKABE_ITO)]


def linestyle(i):
    return LINESTYLES[(i // len(OKABE_ITO)) % len(LINESTYLES)]


def marker(i):
    return MARKERS[(i // len(OKABE_ITO)) % len(MARKERS)]


def apply_rc():
    plt.rcParams.update({
        "font.size": 9, "axes.titlesize": 10, "axes.labelsize": 9, "legend.fontsize": 8,
        "axes.spines.top": False, "axes.spines.right": False, "axes.grid": True,
        "grid.color": "#E5E5E5", "grid.linewidth": 0.6, "axes.axisbelow": True,
        "svg.hashsalt": "tacit", "savefig.facecolor": "white",
    })


class Frame:
    """A figure of a fixed size in whole pixels (round(inches × dpi)) whose axes are laid out
    by constrained layout inside the band left between the title (+ legend) on top and the
    caption at the bottom."""

    TITLE_IN = 0.42
    LEGEND_ROW_IN = 0.22
    CAPTION_LINE_IN = 0.15

    def __init__(self, size, dpi, nrows=1, ncols=1, legend_labels=(), legend_title=None,
                 caption="", **subplots_kw):
        w_in, h_in = size
        self.dpi = dpi
        px_w, px_h = round(w_in * dpi), round(h_in * dpi)
        # +0.001 px: Agg truncates the size to int, and w/dpi*dpi may land just below.
        self.w, self.h = (px_w + 0.001) / dpi, (px_h + 0.001) / dpi
        self.pixels = (px_w, px_h)
        self.caption_lines = textwrap.wrap(caption, max(40, int(self.w * 16))) if caption else []
        self.legend_ncol = legend_columns(legend_labels, self.w)
        rows = math.ceil(len(legend_labels) / self.legend_ncol) if legend_labels else 0
        rows += 1 if legend_labels and legend_title else 0
        self.top_in = self.TITLE_IN + rows * self.LEGEND_ROW_IN + (0.06 if rows else 0)
        self.bottom_in = 0.1 + len(self.caption_lines) * self.CAPTION_LINE_IN
        self.fig, axes = plt.subplots(nrows, ncols, figsize=(self.w, self.h), squeeze=False,
                                      layout="constrained", **subplots_kw)
        self.axes = axes.ravel().tolist()
        bottom, top = self.bottom_in / self.h, 1 - self.top_in / self.h
        self.fig.get_layout_engine().set(rect=(0, bottom, 1, top - bottom))

    def title(self, text):
        self.fig.text(0.5, 1 - 0.1 / self.h, text, ha="center", va="top", fontsize=11.5,
                      fontweight="bold")

    def legend(self, handles, labels, title=None):
        """The figure's legend under the title, in the columns planned from its labels."""
        if not handles or not labels:
            return
        self.fig.legend(handles, labels, title=title, loc="upper center", ncol=self.legend_ncol,
                        bbox_to_anchor=(0.5, 1 - self.TITLE_IN / self.h), frameon=False,
                        title_fontsize=8, columnspacing=1.4, handlelength=2.2,
                        borderaxespad=0.0)

    def caption(self):
        if self.caption_lines:
            self.fig.text(0.008, 0.06 / self.h, "\n".join(self.caption_lines), ha="left",
                          va="bottom", fontsize=7.5, color="#444444", linespacing=1.35)

    def save(self, path):
        self.caption()
        save(self.fig, path, self.dpi)


def legend_columns(labels, width_in):
    """The most legend columns whose labels fit across the figure. Legends fill column by
    column; a column is as wide as its longest label plus the handle (≈ 15 characters of 8 pt
    text per inch)."""
    labels = list(labels)
    if not labels:
        return 1
    available = width_in * 15 - 4
    for ncol in range(min(len(labels), 6), 0, -1):
        rows = math.ceil(len(labels) / ncol)
        columns = [labels[i:i + rows] for i in range(0, len(labels), rows)]
        if sum(max(len(x) for x in col) + 7 for col in columns) <= available:
            return ncol
    return 1


def check_output(path):
    """The output's format from its extension; InputError-worthy text when unsupported."""
    ext = os.path.splitext(path)[1].lower()
    if ext not in FORMATS:
        return f"cannot write '{path}': choose a .png, .svg or .pdf file name"
    return None


PALETTE = False  # set by --palette: PNGs with 256 colours


def save(fig, path, dpi):
    ext = os.path.splitext(path)[1].lower()
    parent = os.path.dirname(os.path.abspath(path))
    os.makedirs(parent, exist_ok=True)
    if ext == ".png" and PALETTE:
        # Anti-aliased lines give a few thousand colours at most; an adaptive 256-colour
        # palette without dithering looks the same at a third of the bytes.
        from PIL import Image  # Pillow: a dependency of matplotlib

        fig.canvas.draw()
        rgb = Image.fromarray(np.asarray(fig.canvas.buffer_rgba())[..., :3])
        rgb.quantize(256, dither=0).save(path, optimize=True, dpi=(dpi, dpi))
        plt.close(fig)
        return
    # No dates in SVG/PDF metadata: the same data gives the same file.
    metadata = {"svg": {"Date": None}, "pdf": {"CreationDate": None}}.get(ext[1:], {})
    fig.savefig(path, dpi=dpi, metadata=metadata)
    plt.close(fig)


def join_limited(items, limit=6):
    items = list(items)
    if len(items) <= limit:
        return ", ".join(items)
    return ", ".join(items[:limit]) + f", … ({len(items)} in all)"
