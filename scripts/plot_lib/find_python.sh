# shellcheck shell=bash
# Sourced by scripts/plot and tests/plot/run_tests.sh, so both pick the same interpreter.
#
# tacit_find_python: sets TACIT_PLOT_PYTHON to the first interpreter that can
# `import pandas, matplotlib`, trying in order: $TACIT_PYTHON (when set), `python3` on PATH,
# /usr/bin/python3 (the tests replace that path through $TACIT_PLOT_SYSTEM_PYTHON). Debian
# installs the two modules for /usr/bin/python3 only, so a pyenv or virtualenv `python3` first
# on PATH usually lacks them. On failure prints what it tried and how to install the modules,
# and returns 1.
tacit_find_python() {
  local candidates=() tried=() seen=" " c why
  if [ -n "${TACIT_PYTHON:-}" ]; then candidates+=("$TACIT_PYTHON"); fi
  if c=$(command -v python3 2>/dev/null); then candidates+=("$c"); fi
  candidates+=("${TACIT_PLOT_SYSTEM_PYTHON:-/usr/bin/python3}")
  for c in "${candidates[@]}"; do
    case "$seen" in *" $c "*) continue ;; esac
    seen+="$c "
    if ! command -v "$c" >/dev/null 2>&1; then
      tried+=("$c: not found")
      continue
    fi
    if why=$("$c" -c '
import sys
missing = []
for name in ("pandas", "matplotlib"):
    try:
        __import__(name)
    except Exception:
        missing.append(name)
print(" and ".join(missing))
sys.exit(1 if missing else 0)' 2>/dev/null); then
      # shellcheck disable=SC2034  # read by the scripts that source this file
      TACIT_PLOT_PYTHON=$c
      return 0
    fi
    tried+=("$c: cannot import ${why:-pandas, matplotlib}")
  done
  {
    echo "plot: error: no Python interpreter with pandas and matplotlib; tried:"
    for c in "${tried[@]}"; do echo "  $c"; done
    echo "Install them from Debian (they go to /usr/bin/python3):"
    echo "  sudo apt-get install python3-pandas python3-matplotlib    (or: scripts/setup)"
    echo "or point TACIT_PYTHON at an interpreter that has them."
  } >&2
  return 1
}
