"""Command line of scripts/plot: argparse, dispatch, and the one place errors are reported.

Exit codes (as tacit's): 0 success, 1 runtime failure (e.g. cannot write the figure),
2 bad input (usage, a missing or wrong directory, a missing column, too large a network)."""
import argparse
import os
import re
import sys

EXIT_OK, EXIT_FAILURE, EXIT_INPUT = 0, 1, 2

DESCRIPTION = """\
Figures from tacit run directories (tacit run -o DIR) and sweep directories (runs.csv +
long-format timeseries.csv). Columns are documented in docs/OUTPUTS.md; every figure carries a
caption with the scenario, seed(s) and tacit version from manifest.json. The figure is written
as PNG (150 dpi), SVG or PDF by the output's extension and its path printed on stdout.
"""

EPILOG = """\
examples:
  scripts/plot timeseries out/demo
  scripts/plot timeseries out/a out/b --metric knowledge_mean --metric share_rate -o ab.svg
  scripts/plot timeseries out/sweep --by esm.introduction
  scripts/plot compare out/sweep --by esm.introduction --metric knowledge_mean
  scripts/plot sweep out/sweep --x organization.transparency --metric share_rate \
      --hue esm.introduction
  scripts/plot network out/demo --color knowledge
"""


def size_arg(text):
    m = re.fullmatch(r"\s*([0-9]*\.?[0-9]+)\s*[x,]\s*([0-9]*\.?[0-9]+)\s*", text)
    if not m or float(m.group(1)) <= 0 or float(m.group(2)) <= 0:
        raise argparse.ArgumentTypeError(f"'{text}' is not WIDTHxHEIGHT in inches, e.g. 8x5")
    return float(m.group(1)), float(m.group(2))


def dpi_arg(text):
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if not 10 <= value <= 1200:
        raise argparse.ArgumentTypeError(f"{value} is outside 10..1200")
    return value


def add_common(p, default_name):
    g = p.add_argument_group("output")
    g.add_argument("-o", "--output", metavar="FILE",
                   help=f"figure file: .png, .svg or .pdf (default: DIR/{default_name})")
    g.add_argument("--dpi", type=dpi_arg, default=150,
                   help="resolution; a PNG is round(inches × dpi) pixels (default: 150)")
    g.add_argument("--size", type=size_arg, metavar="WxH",
                   help="figure size in inches, e.g. 8x5 (default: fits the figure type)")
    g.add_argument("--title", help="replace the default title")
    g.add_argument("--palette", action="store_true",
                   help="PNG with an adaptive 256-colour palette: same look, about a third "
                   "of the bytes (for docs and web pages)")


def build_parser():
    parser = argparse.ArgumentParser(prog="scripts/plot", description=DESCRIPTION, epilog=EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser(
        "timeseries", help="metrics over ticks: a line per run, or per condition of a sweep",
        description="One panel per metric over ticks. A run directory gives one line; a sweep "
        "directory gives one line per condition (design point, or each value of --by) with the "
        "mean across replicates and a t-based 95 % CI band. Default metrics: knowledge_mean, "
        "knowledge_variance, share_rate, free_rider_fraction, whichever exist (topped up to four "
        "from knowledge_gini, shares, knowledge_gained, exchanges, ...).")
    p.add_argument("dirs", nargs="+", metavar="DIR", help="run or sweep directories")
    p.add_argument("--metric", "-m", action="append", metavar="M",
                   help="a timeseries.csv column; repeat for more panels")
    p.add_argument("--by", metavar="FACTOR",
                   help="sweeps: one line per value of this runs.csv factor (default: per "
                   "design point)")
    add_common(p, "timeseries.png")

    p = sub.add_parser(
        "compare", help="final values per condition of a sweep: box/violin, points, mean ± CI",
        description="Distribution of a metric's final value (runs.csv column final.<M>) across "
        "the replicates of each condition: a box (or violin), every run as a jittered point, "
        "and the mean with its t-based 95 % CI.")
    p.add_argument("dir", metavar="SWEEP_DIR")
    p.add_argument("--by", required=True, metavar="FACTOR", help="runs.csv factor column")
    p.add_argument("--metric", "-m", required=True, metavar="M",
                   help="metric name (runs.csv column final.<M>)")
    p.add_argument("--kind", choices=("box", "violin"), default="box",
                   help="distribution shape (default: box)")
    add_common(p, "compare-<M>-by-<FACTOR>.png")

    p = sub.add_parser(
        "sweep", help="response curves of a sweep: mean ± 95 %% CI vs a factor",
        description="A metric's final value (runs.csv column final.<M>) against a factor: mean "
        "across replicates with t-based 95 % CI, one curve per value of --hue. Other factors "
        "that vary are averaged over (a note says which).")
    p.add_argument("dir", metavar="SWEEP_DIR")
    p.add_argument("--x", required=True, metavar="FACTOR", help="factor on the x axis")
    p.add_argument("--metric", "-m", required=True, metavar="M",
                   help="metric name (runs.csv column final.<M>)")
    p.add_argument("--hue", metavar="FACTOR", help="one curve per value of this factor")
    p.add_argument("--logx", action="store_true", help="logarithmic x axis")
    add_common(p, "sweep-<M>-vs-<FACTOR>.png")

    p = sub.add_parser(
        "network", help="the tie network of a run (≤ 2000 agents)",
        description="The network of a run directory from edges.csv (or network.graphml) and "
        "agents.csv: strong ties solid and dark, weak ties dashed and light, agents coloured by "
        "an agents.csv column and sized by degree, placed by a seeded force-directed layout "
        "(Fruchterman–Reingold cooling; LinLog forces by default, which set teams apart). Runs "
        "need output.edges_csv or output.network_graphml; more than 2000 agents are refused "
        "(use Gephi on network.graphml).")
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--color", "--colour", dest="color", metavar="COLUMN",
                   help="agents.csv column for node colour (default: team, else knowledge); "
                   "categorical or continuous (viridis) by its values")
    p.add_argument("--seed", type=int, default=1, help="layout seed (default: 1)")
    p.add_argument("--iterations", type=int, metavar="N",
                   help="layout steps (default: 300, 200 above 1000 agents)")
    p.add_argument("--layout", choices=("linlog", "fr"), default="linlog",
                   help="force model: linlog (clusters apart) or fr (even spacing); "
                   "default: linlog")
    add_common(p, "network.png")
    return parser


def safe(text):
    return re.sub(r"[^A-Za-z0-9._+-]+", "_", text)


def default_output(args):
    if args.command == "timeseries":
        dirs = [os.path.normpath(d) for d in args.dirs]
        base = dirs[0] if len(dirs) == 1 else os.path.commonpath(
            [os.path.abspath(d) for d in dirs])
        return os.path.join(base, "timeseries.png")
    if args.command == "compare":
        return os.path.join(args.dir, f"compare-{safe(args.metric)}-by-{safe(args.by)}.png")
    if args.command == "sweep":
        hue = f"-by-{safe(args.hue)}" if args.hue else ""
        return os.path.join(args.dir, f"sweep-{safe(args.metric)}-vs-{safe(args.x)}{hue}.png")
    name = f"network-{safe(args.color)}.png" if args.color else "network.png"
    return os.path.join(args.dir, name)


def main(argv=None):
    args = build_parser().parse_args(argv)
    # Imported here so --help and usage errors answer before pandas and matplotlib load.
    from tacit_plot import inputs, style

    out = args.output or default_output(args)
    try:
        problem = style.check_output(out)
        if problem:
            raise inputs.InputError(problem)
        style.apply_rc()
        style.PALETTE = args.palette
        run(args, out, inputs)
    except inputs.InputError as e:
        print(f"plot: error: {e}", file=sys.stderr)
        return EXIT_INPUT
    except OSError as e:
        print(f"plot: error: cannot write {out}: {e.strerror or e}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        return 130
    print(out)
    return EXIT_OK


def run(args, out, inputs):
    common = {"out": out, "size": args.size, "dpi": args.dpi, "title": args.title}
    if args.command == "timeseries":
        from tacit_plot import timeseries
        dirs = [inputs.open_dir(d) for d in args.dirs]
        return timeseries.plot(dirs, args.metric, args.by, **common)
    if args.command in ("compare", "sweep"):
        sweep = inputs.open_dir(args.dir)
        if sweep.kind != "sweep":
            raise inputs.InputError(
                f"{args.dir} is a run directory; `plot {args.command}` needs a sweep directory "
                "(runs.csv with factor and final.<metric> columns, as tacit sweep writes)")
        if args.command == "compare":
            from tacit_plot import compare
            return compare.plot(sweep, args.by, args.metric, args.kind, **common)
        from tacit_plot import response
        return response.plot(sweep, args.x, args.metric, args.hue, args.logx, **common)
    from tacit_plot import network
    run_dir = inputs.open_dir(args.dir)
    if run_dir.kind != "run":
        raise inputs.InputError(f"{args.dir} is a sweep directory; `plot network` draws one "
                                "run directory")
    return network.plot(run_dir, args.color, seed=args.seed, iterations=args.iterations,
                        model=args.layout, **common)
