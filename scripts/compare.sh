#!/usr/bin/env bash
# Compare two runs point by point, like benchstat:
#   scripts/compare.sh BASELINE CANDIDATE [--alpha 0.05] [--min-effect 0.10] [--markdown FILE]
# BASELINE and CANDIDATE are two threadmark run directories, or two JMH result files (-rf json)
# from any project (entries matched by benchmark, params and mode; direction from the mode).
# A point regresses when it got worse in its direction by at least the minimum effect, Mann-Whitney
# U on the forks' means is significant at alpha after Benjamini-Hochberg over all points, and the
# change lies beyond the baseline's spread; or when it newly fails. The rule: README, "Tracking
# performance nightly". Exit 1 if anything regressed, 0 if not, 2 for bad input, a missing or an
# interrupted run. Options: scripts/compare.sh --help.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
run_cli compare "$@"
