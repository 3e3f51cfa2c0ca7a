#!/usr/bin/env bash
# The nightly job: sweep, keep the run, append it to results/history/history.csv, render its
# report, compare it with the rolling baseline (per point, the last 10 complete runs with the same
# settings and environment that the gate did not flag on it) and print a Markdown
# summary (also appended to $GITHUB_STEP_SUMMARY when set).
#   scripts/nightly.sh [quick|full] [extra Nightly options, e.g. --keep 7 --baseline RUN_ID]
# Exit 1 on a regression, 2 on bad input or a failed sweep, 0 otherwise.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
profile="${1:-full}"; shift || true
case "$profile" in
  quick) profiles="bench,quick" ;;
  full) profiles="bench" ;;
  *) echo "usage: scripts/nightly.sh [quick|full]" >&2; exit 2 ;;
esac
mvn -B -f "$root/pom.xml" verify -P"$profiles" -DskipTests || { echo "sweep failed" >&2; exit 2; }
summary=()
[ -n "${GITHUB_STEP_SUMMARY:-}" ] && summary=(--summary "$GITHUB_STEP_SUMMARY")
run_main dev.threadmark.report.Nightly "$root/results" "${summary[@]}" "$@"
