#!/usr/bin/env bash
# Remakes the figures in docs/figures/ that docs/OUTPUTS.md ("Figures") and docs/ESM.md show, by exactly the
# commands printed there. Run from anywhere: tests/plot/doc_figures.sh [TACIT_BINARY]
# (default build/tacit). Intermediate runs go to out/ (ignored by git).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
tacit=${1:-build/tacit}
run() { echo "+ $*"; "$@"; }

run "$tacit" run tests/plot/scenario.yaml -o out/plot-example --force -q
run python3 tests/plot/make_sweep.py --tacit "$tacit" -o out/plot-sweep tests/plot/scenario.yaml \
  --factor network.weak_ties=0.5,1,2,4,8 --factor activation=random,synchronous \
  --replicates 8 --ticks 40
run scripts/plot timeseries out/plot-example --dpi 100 --palette -o docs/figures/timeseries.png
run scripts/plot timeseries out/plot-sweep --by network.weak_ties -m knowledge_mean \
  -m variance_between_teams --dpi 100 --palette -o docs/figures/timeseries-sweep.png
run scripts/plot compare out/plot-sweep --by network.weak_ties -m variance_between_teams \
  --dpi 100 --palette -o docs/figures/compare.png
run scripts/plot sweep out/plot-sweep --x network.weak_ties --hue activation \
  -m variance_between_teams --logx --dpi 100 --palette -o docs/figures/sweep.png
run scripts/plot network out/plot-example --dpi 100 --palette -o docs/figures/network.png
# docs/ESM.md
run "$tacit" sweep scenarios/esm/compare.yaml -o out/esm --force -q
run scripts/plot timeseries out/esm --by esm.introduction --metric esm_users --metric esm_contributors \
  --metric esm_read_relevance --metric esm_knowledge_gained --metric knowledge_mean \
  --metric esm_communities_per_topic --dpi 100 --palette -o docs/figures/esm_comparison.png
ls -l docs/figures/
