#!/usr/bin/env bash
# Compare two run directories point by point, like benchstat:
#   scripts/compare.sh BASELINE_RUN CANDIDATE_RUN [--alpha 0.05] [--min-effect 0.10] [--markdown FILE]
# A point regresses when it got worse in its direction, Mann-Whitney U on JMH's iterations is
# significant at alpha, and the change is at least the minimum effect; or when it newly fails.
# Exit 1 if anything regressed, 0 if not, 2 for bad input or a missing run.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
[ $# -ge 2 ] || { echo "usage: scripts/compare.sh BASELINE_RUN CANDIDATE_RUN [--alpha A] [--min-effect E] [--markdown FILE]" >&2; exit 2; }
run_main dev.threadmark.report.Compare "$@"
