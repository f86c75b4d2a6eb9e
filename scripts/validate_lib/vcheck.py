"""Shared helpers for the checks of scripts/validate.d/ (docs/VALIDATION.md).

Standard library only, so any python3 runs a check. A check does:

    import vcheck
    c = vcheck.Check("3-granovetter", "Granovetter (1978) threshold cascade")
    out = c.run("scenarios/validation/granovetter_uniform.yaml", "uniform")
    c.row("uniform crowd", "100 act", f"{n} act", "exact", n == 100)
    c.finish()          # prints the verdict, exits 0 (all PASS) or 1

c.fast is True under --fast (CTest); c.tacit is the binary ($TACIT, default build/tacit);
c.out is the output directory: out/validate/NAME for full runs, a temporary directory under
--fast (removed at exit), or --out DIR.
"""
import argparse
import atexit
import csv
import math
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class Check:
    def __init__(self, name, title):
        parser = argparse.ArgumentParser(prog=name, description=title)
        parser.add_argument("--fast", action="store_true",
                            help="small sizes, few replications (the CTest suite)")
        parser.add_argument("--out", help="keep outputs here (default: out/validate/NAME, "
                            "or a temporary directory with --fast)")
        args = parser.parse_args()
        self.name = name
        self.fast = args.fast
        self.tacit = os.environ.get("TACIT") or os.path.join(ROOT, "build", "tacit")
        if not os.access(self.tacit, os.X_OK):
            sys.exit(f"{name}: error: no tacit binary at {self.tacit}; build it or set TACIT")
        if args.out:
            self.out = os.path.abspath(args.out)
        elif self.fast:
            self.out = tempfile.mkdtemp(prefix=f"tacit-validate-{name}-")
            atexit.register(shutil.rmtree, self.out, True)
        else:
            self.out = os.path.join(ROOT, "out", "validate", name)
        os.makedirs(self.out, exist_ok=True)
        self.failed = 0
        self.rows = 0
        print(f"# {title}{' (--fast)' if self.fast else ''}; outputs: {self.out}")

    def path(self, rel):
        """A path relative to the repository root."""
        return os.path.join(ROOT, rel)

    def _tacit(self, args):
        proc = subprocess.run([self.tacit] + args, cwd=ROOT, capture_output=True, text=True)
        if proc.returncode != 0:
            sys.stderr.write(proc.stdout + proc.stderr)
            sys.exit(f"{self.name}: error: tacit {' '.join(args)} exited with {proc.returncode}")
        return proc.stdout

    def run(self, scenario, sub, sets=(), seed=None):
        """tacit run SCENARIO into OUT/SUB; returns the run directory."""
        d = os.path.join(self.out, sub)
        args = ["run", self.path(scenario), "-o", d, "--force", "-q"]
        if seed is not None:
            args += ["--seed", str(seed)]
        for s in sets:
            args += ["--set", s]
        self._tacit(args)
        return d

    def sweep(self, experiment, sub, jobs=None):
        """tacit sweep EXPERIMENT into OUT/SUB; returns the sweep directory."""
        d = os.path.join(self.out, sub)
        args = ["sweep", self.path(experiment), "-o", d, "--force", "-q"]
        if jobs:
            args += ["--jobs", str(jobs)]
        self._tacit(args)
        return d

    def row(self, label, target, measured, tolerance, ok):
        """One line in the format of every check of scripts/validate.d/."""
        self.rows += 1
        if not ok:
            self.failed += 1
        print(f"{label:<44} | target {target:<14} | measured {measured:<22} | tolerance {tolerance:<8} | "
              f"{'PASS' if ok else 'FAIL'}", flush=True)
        return ok

    def note(self, text):
        print(f"# {text}", flush=True)

    def finish(self):
        if self.rows == 0:
            sys.exit(f"{self.name}: error: the check compared nothing")
        print(f"# {self.name}: {self.rows - self.failed} of {self.rows} targets PASS")
        sys.exit(1 if self.failed else 0)


def read_csv(path):
    """Rows of a CSV file as dicts of strings."""
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def timeseries(run_dir):
    """A run's timeseries.csv as a list of dicts of floats."""
    return [{k: float(v) for k, v in r.items()} for r in read_csv(os.path.join(run_dir, "timeseries.csv"))]


def mean_sd(xs):
    n = len(xs)
    m = sum(xs) / n
    sd = math.sqrt(sum((x - m) ** 2 for x in xs) / (n - 1)) if n > 1 else 0.0
    return m, sd


def binom_tail_ge(n, p, k):
    """P(X >= k) for X ~ Binomial(n, p)."""
    return sum(math.comb(n, i) * p ** i * (1 - p) ** (n - i) for i in range(k, n + 1))


def normal_two_sided(z):
    """P(|Z| > z) for a standard normal Z."""
    return math.erfc(z / math.sqrt(2))
