#!/usr/bin/env bash
# The executable of scripts/cluster/htcondor.sub: HTCondor's $(Process) counts from 0, tacit's
# shards from 1. Usage: htcondor-shard.sh PROCESS N EXPERIMENT OUT
set -euo pipefail
if [ $# -ne 4 ]; then
  echo "usage: $0 PROCESS N EXPERIMENT OUT" >&2
  exit 2
fi
process=$1 n=$2 experiment=$3 out=$4
i=$((process + 1))
exec "${TACIT:-build/tacit}" sweep "$experiment" --shard "$i/$n" --jobs "${REQUEST_CPUS:-1}" --resume --quiet \
  -o "$out/shard-$i"
