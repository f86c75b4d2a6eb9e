#!/usr/bin/env bash
# Submits a sweep as a Slurm array of N shards plus a merge job that runs once all of them
# succeeded (docs/CLUSTER.md). Run it from the tacit checkout on the login node:
#
#   scripts/cluster/submit-slurm.sh EXPERIMENT.yaml N [OUT]
#
# Extra sbatch options (account, partition) go in SBATCH_ACCOUNT, SBATCH_PARTITION, ... which
# sbatch reads from the environment.
set -euo pipefail
if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  echo "usage: $0 EXPERIMENT.yaml N [OUT]" >&2
  exit 2
fi
experiment=$1
n=$2
out=${3:-out/$(basename "$experiment" .yaml)}
here=$(dirname "$0")
case $n in ''|*[!0-9]*|0) echo "$0: N must be a positive integer, not '$n'" >&2; exit 2 ;; esac
[ -f "$experiment" ] || { echo "$0: no experiment file '$experiment'" >&2; exit 2; }
mkdir -p "$out"

array=$(sbatch --parsable --array="1-$n" --export="ALL,EXPERIMENT=$experiment,OUT=$out" \
  "$here/slurm-array.sbatch")
array=${array%%;*}  # --parsable prints "jobid" or "jobid;cluster"
merge=$(sbatch --parsable --dependency="afterok:$array" --export="ALL,OUT=$out,SHARDS=$n" \
  "$here/slurm-merge.sbatch")
echo "array job $array ($n shards into $out/shard-*), merge job ${merge%%;*} (into $out/merged)"
