#!/usr/bin/env bash
# Tests of scripts/plot (registered with CTest by tests/plot/CMakeLists.txt).
# Usage: tests/plot/run_tests.sh TACIT_BINARY [unittest options, e.g. -v or -k network]
# Runs test_plot.py under the interpreter scripts/plot would pick (scripts/plot_lib/find_python.sh).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ $# -lt 1 ]; then
  echo "usage: $0 TACIT_BINARY [unittest options]" >&2
  exit 2
fi
# shellcheck source-path=SCRIPTDIR source=../../scripts/plot_lib/find_python.sh
source "$here/../../scripts/plot_lib/find_python.sh"
tacit_find_python || exit 1
exec "$TACIT_PLOT_PYTHON" "$here/test_plot.py" "$@"
