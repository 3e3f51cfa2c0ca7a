#!/usr/bin/env bash
# Judge the last run against the ones before it, point by point, like benchstat:
#   scripts/compare.sh BASELINE... CANDIDATE [--alpha 0.05] [--min-effect 0.10] [--markdown FILE]
# The runs are threadmark run directories, or JMH result files (-rf json) of any project (entries
# matched by benchmark, params and mode; direction from the mode; time units converted). With
# several baselines the run is the unit (a one-sided prediction interval over them); with one, the
# two runs' forks are compared (valid only for runs made back to back). The rule: gate/GATE.md.
# Exit 1 if anything regressed, 0 if not, 2 for bad input, a missing or an interrupted run.
# Options: scripts/compare.sh --help.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
run_cli compare "$@"
