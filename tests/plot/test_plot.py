#!/usr/bin/env python3
"""Tests of scripts/plot on real run directories made by the tacit binary under test.

Usage: test_plot.py TACIT_BINARY [unittest options]   (normally through run_tests.sh, which
picks the interpreter the way scripts/plot does). Sweep-shaped input is built from real runs by
make_sweep.py in the layout `tacit sweep` writes. Every figure is checked by its PNG header
(signature, IHDR, width and height in bytes 16–24); every bad input by exit code 2, the words of
its message, and the absence of a Python traceback. Set TACIT_PLOT_KEEP=1 to keep the files."""
import concurrent.futures
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PLOT = os.path.join(ROOT, "scripts", "plot")
SCENARIO = os.path.join(HERE, "scenario.yaml")
sys.path.insert(0, os.path.join(ROOT, "scripts", "plot_lib"))
sys.path.insert(0, HERE)

import make_sweep  # noqa: E402

TACIT = None
TMP = None
RUN_A = RUN_B = RUN_GRAPHML = RUN_NO_EDGES = RUN_BIG = SWEEP = None


def tacit_run(out, *args, agents=60, ticks=30):
    cmd = [TACIT, "run", SCENARIO, "-o", out, "-q", "--force", "--ticks", str(ticks),
           "--set", f"network.agents={agents}", *args]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{done.stderr}")
    return out


def setUpModule():
    global TMP, RUN_A, RUN_B, RUN_GRAPHML, RUN_NO_EDGES, RUN_BIG, SWEEP
    TMP = tempfile.mkdtemp(prefix="tacit-plot-test-")
    unittest.addModuleCleanup(remove_tmp)
    RUN_A = tacit_run(os.path.join(TMP, "run_a"), "--seed", "1")
    RUN_B = tacit_run(os.path.join(TMP, "run_b"), "--seed", "2")
    RUN_GRAPHML = tacit_run(os.path.join(TMP, "run_graphml"), "--set", "output.edges_csv=false")
    RUN_NO_EDGES = tacit_run(os.path.join(TMP, "run_no_edges"), "--set", "output.edges_csv=false",
                             "--set", "output.network_graphml=false")
    RUN_BIG = tacit_run(os.path.join(TMP, "run_big"), agents=2010, ticks=1)
    SWEEP = os.path.join(TMP, "sweep")
    # activation's values are listed out of alphabetical order on purpose: text conditions keep
    # the order of the design.
    rc = make_sweep.main(["--tacit", TACIT, "-o", SWEEP, SCENARIO, "--replicates", "3",
                          "--factor", "activation=synchronous,random,fixed",
                          "--factor", "network.weak_ties=0.5,2,8", "--ticks", "20",
                          "--set", "network.agents=60"])
    if rc != 0:
        raise RuntimeError("make_sweep.py failed")


def remove_tmp():
    if TMP and not os.environ.get("TACIT_PLOT_KEEP"):
        shutil.rmtree(TMP, ignore_errors=True)
    elif TMP:
        print(f"\nkept {TMP}", file=sys.stderr)


def plot(*args, env=None):
    return subprocess.run([PLOT, *args], capture_output=True, text=True, timeout=300,
                          env=env)


def plot_all(commands):
    """Runs plot commands two at a time (each spends most of its time importing pandas)."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        return list(pool.map(lambda args: plot(*args), commands))


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        raise AssertionError(f"{path} is not a PNG file")
    return struct.unpack(">II", head[16:24])


class Figures(unittest.TestCase):
    """Each figure type from real outputs: the file exists, is a PNG of the expected size, and
    its path is what plot printed."""

    @classmethod
    def setUpClass(cls):
        out = lambda name: os.path.join(TMP, "figures", name)  # noqa: E731
        cls.cases = {
            # name: (arguments, output file, (width, height) in pixels)
            "timeseries default": (["timeseries", RUN_A],
                                   os.path.join(RUN_A, "timeseries.png"), (1500, 1095)),
            "timeseries two runs": (["timeseries", RUN_A, RUN_B, "-m", "knowledge_mean",
                                     "--metric", "knowledge_variance", "--size", "8x4",
                                     "--dpi", "100", "-o", out("two.png")],
                                    out("two.png"), (800, 400)),
            "timeseries sweep by factor": (["timeseries", SWEEP, "--by", "activation",
                                            "-o", out("by.png")], out("by.png"), (1500, 1095)),
            "timeseries sweep by point": (["timeseries", SWEEP, "-m", "knowledge_mean",
                                           "-o", out("points.png")], out("points.png"),
                                          (1050, 645)),
            "compare box": (["compare", SWEEP, "--by", "network.weak_ties",
                             "--metric", "variance_between_teams"],
                            os.path.join(SWEEP, "compare-variance_between_teams-by-"
                                         "network.weak_ties.png"), (900, 750)),
            "compare violin": (["compare", SWEEP, "--by", "activation", "--metric",
                                "final.knowledge_mean", "--kind", "violin", "--dpi", "100",
                                "-o", out("violin.png")], out("violin.png"), (600, 500)),
            "sweep hue logx": (["sweep", SWEEP, "--x", "network.weak_ties", "--hue", "activation",
                                "--metric", "knowledge_variance", "--logx"],
                               os.path.join(SWEEP, "sweep-knowledge_variance-vs-"
                                            "network.weak_ties-by-activation.png"), (1125, 750)),
            "sweep categorical x": (["sweep", SWEEP, "--x", "activation", "--metric",
                                     "knowledge_mean", "-o", out("cat.png")], out("cat.png"),
                                    (1125, 750)),
            "network default": (["network", RUN_A], os.path.join(RUN_A, "network.png"),
                                 (1200, 1275)),
            "network continuous colour": (["network", RUN_A, "--color", "knowledge",
                                           "--size", "6x6", "--dpi", "100"],
                                          os.path.join(RUN_A, "network-knowledge.png"),
                                          (600, 600)),
            "network from graphml": (["network", RUN_GRAPHML, "--color", "department",
                                      "--layout", "fr", "-o", out("graphml.png")],
                                     out("graphml.png"), (1200, 1275)),
        }
        names = list(cls.cases)
        results = plot_all([cls.cases[n][0] for n in names])
        cls.results = dict(zip(names, results))

    def check(self, name):
        args, path, size = self.cases[name]
        r = self.results[name]
        self.assertEqual(r.returncode, 0, f"plot {' '.join(args)}:\n{r.stderr}")
        self.assertNotIn("Traceback", r.stderr)
        self.assertEqual(r.stdout.strip(), path)
        self.assertGreater(os.path.getsize(path), 1000)
        self.assertEqual(png_size(path), size)

    def test_timeseries_default_metrics_and_path(self):
        self.check("timeseries default")

    def test_timeseries_two_runs_chosen_metrics_size_dpi(self):
        self.check("timeseries two runs")

    def test_timeseries_sweep_by_factor(self):
        self.check("timeseries sweep by factor")

    def test_timeseries_sweep_by_design_point(self):
        self.check("timeseries sweep by point")

    def test_compare_box(self):
        self.check("compare box")

    def test_compare_violin_accepts_final_prefix(self):
        self.check("compare violin")

    def test_sweep_response_curves_with_hue_and_logx(self):
        self.check("sweep hue logx")

    def test_sweep_categorical_factor_on_x(self):
        self.check("sweep categorical x")

    def test_network_default_colour_is_team(self):
        self.check("network default")

    def test_network_continuous_colour(self):
        self.check("network continuous colour")

    def test_network_from_graphml_when_no_edges_csv(self):
        self.check("network from graphml")

    def test_svg_pdf_and_palette_png(self):
        svg, pdf = os.path.join(TMP, "figures", "a.svg"), os.path.join(TMP, "figures", "a.pdf")
        png = os.path.join(TMP, "figures", "palette.png")
        for r in plot_all([["timeseries", RUN_A, "-m", "knowledge_mean", "-o", svg],
                           ["network", RUN_A, "-o", pdf],
                           ["network", RUN_A, "--palette", "--dpi", "100", "-o", png]]):
            self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(png_size(png), (800, 850))
        with open(png, "rb") as f:
            self.assertEqual(f.read(26)[25], 3)  # IHDR colour type 3: palette
        with open(svg, "rb") as f:
            self.assertIn(b"<svg", f.read(2000))
        with open(pdf, "rb") as f:
            self.assertEqual(f.read(5), b"%PDF-")


class EsmComparison(unittest.TestCase):
    """The figure scripts/demo ends with: a real `tacit sweep` of an explicit run list (the
    shape of scenarios/esm/compare.yaml), drawn by esm.introduction. The keys that make up each
    condition are not pooled factors, so no pooling note."""

    @classmethod
    def setUpClass(cls):
        cls.dir = os.path.join(TMP, "esm")
        os.makedirs(cls.dir, exist_ok=True)
        experiment = os.path.join(cls.dir, "e.yaml")
        with open(experiment, "w") as f:
            f.write(f"""scenario: {SCENARIO}
seed: 3
replications: 2
common_seeds: true
runs:
  - {{esm.introduction: none}}
  - {{esm.introduction: top_down, esm.launch_tick: 3, esm.monitoring: true}}
  - {{esm.introduction: hybrid, esm.launch_tick: 3, esm.moderators: 2}}
keep:
  final: [knowledge_mean, esm_users]
  timeseries_every: 1
""")
        cls.sweep = os.path.join(cls.dir, "out")
        done = subprocess.run([TACIT, "sweep", experiment, "-o", cls.sweep, "-q"],
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"tacit sweep failed:\n{done.stderr}")
        cls.png = os.path.join(cls.dir, "esm.png")
        cls.results = plot_all([
            ["timeseries", cls.sweep, "--by", "esm.introduction", "-m", "esm_users",
             "-m", "esm_read_relevance", "-o", cls.png],
            ["compare", cls.sweep, "--by", "esm.introduction", "-m", "esm_users",
             "-o", os.path.join(cls.dir, "box.png")],
        ])

    def test_timeseries_by_introduction(self):
        r = self.results[0]
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.strip(), self.png)
        self.assertEqual(png_size(self.png), (1500, 645))
        self.assertNotIn("pools", r.stderr)

    def test_compare_by_introduction_pools_nothing(self):
        r = self.results[1]
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertNotIn("pooling", r.stderr)


class BadInput(unittest.TestCase):
    """Bad input: exit code 2, a message that names the problem, no traceback."""

    @classmethod
    def setUpClass(cls):
        empty = os.path.join(TMP, "empty")
        os.makedirs(empty, exist_ok=True)
        other = os.path.join(TMP, "not_tacit")
        os.makedirs(other, exist_ok=True)
        with open(os.path.join(other, "notes.txt"), "w") as f:
            f.write("hello\n")
        missing = os.path.join(TMP, "no_such_dir")
        header_only = os.path.join(TMP, "header_only")
        os.makedirs(header_only, exist_ok=True)
        with open(os.path.join(header_only, "timeseries.csv"), "w") as f:
            f.write("tick,knowledge_mean\n")
        cls.cases = {
            # name: (arguments, words the message must contain)
            "missing directory": (["timeseries", missing], [missing, "no such directory"]),
            "empty directory": (["timeseries", empty], [empty, "is empty", "run directory"]),
            "time series without rows": (["timeseries", header_only],
                                        ["timeseries.csv has a header but no rows"]),
            "not a tacit directory": (["network", other],
                                      ["not a tacit run or sweep directory", "notes.txt"]),
            "missing column": (["timeseries", RUN_A, "--metric", "knowledge_men"],
                               ["timeseries.csv has no column 'knowledge_men'",
                                "did you mean 'knowledge_mean'", "available:",
                                "knowledge_variance"]),
            "missing colour column": (["network", RUN_A, "--color", "nope"],
                                      ["agents.csv has no column 'nope'", "available:", "team"]),
            "missing factor": (["compare", SWEEP, "--by", "network.weak_tie", "--metric",
                                "knowledge_mean"],
                               ["runs.csv has no factor (--by) 'network.weak_tie'",
                                "did you mean 'network.weak_ties'", "activation"]),
            "missing final metric": (["sweep", SWEEP, "--x", "activation", "--metric", "nope"],
                                     ["has no metric (column final.<metric>) 'nope'",
                                      "knowledge_mean"]),
            "compare on a run directory": (["compare", RUN_A, "--by", "x", "--metric", "y"],
                                           ["is a run directory", "sweep directory"]),
            "--by on runs only": (["timeseries", RUN_A, "--by", "activation"],
                                  ["--by groups the runs of a sweep directory"]),
            "network too large": (["network", RUN_BIG], ["2010 agents", "at most 2000", "Gephi",
                                                         "output.network_graphml=true"]),
            "network without edges": (["network", RUN_NO_EDGES],
                                      ["no edges.csv or network.graphml", "output.edges_csv"]),
            "unknown output format": (["timeseries", RUN_A, "-o", os.path.join(TMP, "x.jpeg")],
                                      ["choose a .png, .svg or .pdf"]),
            "logx on text factor": (["sweep", SWEEP, "--x", "activation", "--metric",
                                     "knowledge_mean", "--logx"], ["--logx needs a numeric"]),
            "unknown subcommand": (["histogram", RUN_A], ["invalid choice: 'histogram'"]),
        }
        names = list(cls.cases)
        cls.results = dict(zip(names, plot_all([cls.cases[n][0] for n in names])))

    def check(self, name):
        args, words = self.cases[name]
        r = self.results[name]
        self.assertEqual(r.returncode, 2, f"plot {' '.join(args)}: {r.stdout}{r.stderr}")
        self.assertNotIn("Traceback", r.stderr)
        self.assertEqual(r.stdout, "")
        for w in words:
            self.assertIn(w, r.stderr)

    def test_missing_directory(self):
        self.check("missing directory")

    def test_empty_directory(self):
        self.check("empty directory")

    def test_time_series_without_rows(self):
        self.check("time series without rows")

    def test_directory_that_is_not_a_tacit_output(self):
        self.check("not a tacit directory")

    def test_missing_timeseries_column_is_named_with_the_available_ones(self):
        self.check("missing column")

    def test_missing_agents_column(self):
        self.check("missing colour column")

    def test_missing_factor(self):
        self.check("missing factor")

    def test_missing_final_metric(self):
        self.check("missing final metric")

    def test_compare_needs_a_sweep(self):
        self.check("compare on a run directory")

    def test_by_needs_a_sweep(self):
        self.check("--by on runs only")

    def test_network_over_2000_agents_is_refused(self):
        self.check("network too large")

    def test_network_needs_an_edge_list(self):
        self.check("network without edges")

    def test_unknown_output_format(self):
        self.check("unknown output format")

    def test_logx_needs_numbers(self):
        self.check("logx on text factor")

    def test_unknown_subcommand(self):
        self.check("unknown subcommand")


class NewerColumns(unittest.TestCase):
    """Columns are found by name: a time series with the newer columns, in another order, plots
    and its default panels are the preferred metrics."""

    def test_default_metrics_follow_the_columns_present(self):
        import pandas as pd
        from tacit_plot import inputs, timeseries
        newer = os.path.join(TMP, "run_newer")
        shutil.copytree(RUN_A, newer)
        path = os.path.join(newer, "timeseries.csv")
        ts = pd.read_csv(path)
        ts["share_rate"] = 0.5
        ts["free_rider_fraction"] = 0.1
        ts["knowledge_explicit_mean"] = ts["knowledge_mean"] / 2
        ts[list(reversed(ts.columns))].to_csv(path, index=False)
        self.assertEqual(timeseries.default_metrics([inputs.open_dir(newer)]),
                         ["knowledge_mean", "knowledge_variance", "share_rate",
                          "free_rider_fraction"])
        self.assertEqual(timeseries.default_metrics([inputs.open_dir(RUN_A)])[:2],
                         ["knowledge_mean", "knowledge_variance"])
        r = plot("timeseries", newer, "-o", os.path.join(newer, "t.png"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(png_size(os.path.join(newer, "t.png")), (1500, 1095))


class Interpreter(unittest.TestCase):
    """scripts/plot runs under the first interpreter that imports pandas and matplotlib, and
    says what it tried when none does."""

    def fake_python(self):
        """A python3 that cannot import pandas: the same interpreter without site-packages."""
        bin_dir = os.path.join(TMP, "fake_bin")
        os.makedirs(bin_dir, exist_ok=True)
        fake = os.path.join(bin_dir, "python3")
        with open(fake, "w") as f:
            f.write(f"#!/bin/sh\nexec {sys.executable} -S \"$@\"\n")
        os.chmod(fake, 0o755)
        return bin_dir, fake

    def test_skips_a_python3_without_pandas(self):
        bin_dir, _ = self.fake_python()
        env = dict(os.environ, PATH=f"{bin_dir}:{os.environ['PATH']}",
                   TACIT_PLOT_SYSTEM_PYTHON=sys.executable)
        env.pop("TACIT_PYTHON", None)
        r = plot("timeseries", RUN_A, "-m", "knowledge_mean", "-o",
                 os.path.join(TMP, "figures", "interp.png"), env=env)
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_no_usable_interpreter_says_what_was_tried(self):
        bin_dir, fake = self.fake_python()
        missing = os.path.join(TMP, "no", "python3")
        env = dict(os.environ, PATH=f"{bin_dir}:{os.environ['PATH']}",
                   TACIT_PLOT_SYSTEM_PYTHON=missing)
        env.pop("TACIT_PYTHON", None)
        r = plot("--help", env=env)
        self.assertEqual(r.returncode, 1)
        self.assertIn(f"{fake}: cannot import pandas", r.stderr)
        self.assertIn(f"{missing}: not found", r.stderr)
        self.assertIn("sudo apt-get install python3-pandas python3-matplotlib", r.stderr)
        self.assertIn("scripts/setup", r.stderr)


class Statistics(unittest.TestCase):
    """The t-based 95 % CI against published t quantiles and a hand computation."""

    def test_t_quantiles(self):
        from tacit_plot.stats import t975
        # Student's t, 0.975 quantile (any statistics table).
        for df, t in ((1, 12.7062), (4, 2.7764), (9, 2.2622), (29, 2.0452), (40, 2.0211),
                      (100, 1.9840), (1000, 1.9623)):
            self.assertAlmostEqual(t975(df), t, places=4)

    def test_mean_ci(self):
        from tacit_plot.stats import mean_ci
        # 1..5: mean 3, sd sqrt(2.5), half-width t(4) * sd / sqrt(5) = 2.7764 * 0.70711 = 1.9632
        n, mean, half = mean_ci([1, 2, 3, 4, 5, float("nan")])
        self.assertEqual((n, mean), (5, 3.0))
        self.assertAlmostEqual(half, 1.96324, places=4)

    def test_sweep_band_is_mean_across_replicates(self):
        import pandas as pd
        from tacit_plot import inputs, timeseries
        sweep = inputs.open_dir(SWEEP)
        series, titles = timeseries.build_series([sweep], ["knowledge_mean"], "activation")
        self.assertEqual(titles, ["activation"])
        self.assertEqual([s[0] for s in series], ["synchronous", "random", "fixed"])
        runs = pd.read_csv(os.path.join(SWEEP, "runs.csv"))
        ts = pd.read_csv(os.path.join(SWEEP, "timeseries.csv"))
        fixed = ts[ts["run"].isin(runs.loc[runs["activation"] == "fixed", "run"])]
        expected = fixed[fixed["tick"] == 10]["knowledge_mean"].mean()
        band = series[2][1]["knowledge_mean"]
        self.assertAlmostEqual(float(band.loc[band["tick"] == 10, "mean"].iloc[0]), expected)
        self.assertTrue((band["lo"] <= band["mean"]).all() and (band["mean"] <= band["hi"]).all())


if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1].startswith("-"):
        sys.exit(f"usage: {sys.argv[0]} TACIT_BINARY [unittest options]")
    TACIT = os.path.abspath(sys.argv[1])
    if not os.access(TACIT, os.X_OK):
        sys.exit(f"test_plot.py: {TACIT} is not an executable tacit binary")
    unittest.main(argv=[sys.argv[0], *sys.argv[2:]])
