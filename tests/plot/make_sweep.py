#!/usr/bin/env python3
"""Builds a sweep directory from real `tacit run`s, in the layout `tacit sweep` is to write
(docs/OUTPUTS.md), so scripts/plot can be tested and shown before that verb exists.

  make_sweep.py --tacit build/tacit -o out/sweep scenarios/examples/demo.yaml \\
      --factor network.weak_ties=0,1,4 --replicates 5 [--seed 1] [--set KEY=VALUE ...]

Full factorial over the --factor values; point p, replicate r is run p*R+r with seed
SEED + run. Writes OUT/runs/<run>/ (each a tacit run directory), OUT/runs.csv (run, point,
replicate, seed, status, error, one column per factor, final.<metric> for every time series
column: its value at the last tick), OUT/timeseries.csv (long format: run, tick, metrics) and
OUT/manifest.json. A run that fails is recorded with status `failed` and its message.
Standard library only: runs with any python3."""
import argparse
import csv
import itertools
import json
import os
import shutil
import subprocess
import sys


def parse_factor(text):
    key, sep, values = text.partition("=")
    if not sep or not key or not values:
        raise argparse.ArgumentTypeError(f"'{text}' is not KEY=V1,V2,...")
    return key, values.split(",")


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("scenario")
    p.add_argument("--tacit", required=True, help="the tacit binary")
    p.add_argument("-o", "--out", required=True, help="sweep directory (replaced)")
    p.add_argument("--factor", type=parse_factor, action="append", default=[],
                   help="KEY=V1,V2,... (repeatable: full factorial)")
    p.add_argument("--replicates", type=int, default=3)
    p.add_argument("--seed", type=int, default=1, help="root seed (run i gets SEED + i)")
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                   help="fixed override for every run")
    p.add_argument("--ticks", type=int)
    args = p.parse_args(argv)

    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    os.makedirs(os.path.join(args.out, "runs"))
    keys = [k for k, _ in args.factor]
    points = list(itertools.product(*[v for _, v in args.factor])) or [()]
    run_rows, ts_header, ts_rows, metric_names = [], None, [], []
    for point, values in enumerate(points):
        for rep in range(args.replicates):
            run = point * args.replicates + rep
            seed = args.seed + run
            run_dir = os.path.join(args.out, "runs", str(run))
            cmd = [args.tacit, "run", args.scenario, "-o", run_dir, "-q", "--seed", str(seed)]
            for item in args.set + [f"{k}={v}" for k, v in zip(keys, values)]:
                cmd += ["--set", item]
            if args.ticks is not None:
                cmd += ["--ticks", str(args.ticks)]
            done = subprocess.run(cmd, capture_output=True, text=True)
            row = {"run": run, "point": point, "replicate": rep, "seed": seed,
                   "status": "ok" if done.returncode == 0 else "failed",
                   "error": "" if done.returncode == 0 else
                   (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]}
            row.update(zip(keys, values))
            if done.returncode == 0:
                with open(os.path.join(run_dir, "timeseries.csv"), newline="") as f:
                    reader = csv.reader(f)
                    header = next(reader)
                    rows = list(reader)
                if ts_header is None:
                    ts_header = header
                    metric_names = [c for c in header if c != "tick"]
                index = {c: i for i, c in enumerate(header)}
                for r in rows:
                    ts_rows.append([run] + [r[index[c]] if c in index else "nan"
                                            for c in ts_header])
                last = rows[-1]
                for m in metric_names:
                    row[f"final.{m}"] = last[index[m]] if m in index else "nan"
            run_rows.append(row)

    columns = ["run", "point", "replicate", "seed", "status", "error", *keys,
               *[f"final.{m}" for m in metric_names]]
    with open(os.path.join(args.out, "runs.csv"), "w", newline="") as f:
        writer = csv.DictWriter(f, columns, restval="nan")
        writer.writeheader()
        writer.writerows(run_rows)
    with open(os.path.join(args.out, "timeseries.csv"), "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["run"] + (ts_header or ["tick"]))
        writer.writerows(ts_rows)
    first = {}  # the first good run's manifest: scenario name and the tacit build
    for row in run_rows:
        if row["status"] == "ok":
            with open(os.path.join(args.out, "runs", str(row["run"]), "manifest.json")) as f:
                first = json.load(f)
            break
    manifest = {"kind": "sweep", "generated_by": "tests/plot/make_sweep.py",
                "scenario_name": first.get("scenario_name",
                                           os.path.splitext(os.path.basename(args.scenario))[0]),
                "tacit_version": first.get("tacit_version"), "git_commit": first.get("git_commit"),
                "root_seed": args.seed,
                "factors": {k: v for k, v in args.factor}, "points": len(points),
                "replicates": args.replicates, "runs": len(run_rows),
                "command": " ".join([os.path.basename(sys.argv[0])] + (argv or sys.argv[1:]))}
    with open(os.path.join(args.out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    failed = sum(r["status"] != "ok" for r in run_rows)
    print(f"{args.out}: {len(run_rows)} runs ({len(points)} points x {args.replicates} "
          f"replicates), {failed} failed")
    return 1 if failed == len(run_rows) else 0


if __name__ == "__main__":
    sys.exit(main())
