#!/usr/bin/env bash
# The nightly job: sweep, keep the run, append it to results/history/history.csv, render its
# report, compare it with the rolling baseline (per point, the last 10 complete runs with the same
# settings and environment that the gate did not flag on it) and print a Markdown
# summary (also appended to $GITHUB_STEP_SUMMARY when set).
#   scripts/nightly.sh [quick|full] [--forks N] [nightly options, e.g. --keep 7 --baseline RUN_ID]
# --forks: JMH forks per point, default 3. The gate's samples are fork means, so it needs several
# forks a night: with one, no single night can ever be significant (see the README).
# $THREADMARK_RESULTS: where runs and the history go, default results/ of the checkout.
# Exit 1 on a regression, 2 on bad input or a failed or stopped sweep, 0 otherwise.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
profile="${1:-full}"; shift || true
case "$profile" in
  quick|full) ;;
  *) echo "usage: scripts/nightly.sh [quick|full] [--forks N] [nightly options]" >&2; exit 2 ;;
esac
forks=3
if [ "${1:-}" = "--forks" ]; then
  [ $# -ge 2 ] || { echo "scripts/nightly.sh: --forks needs a value" >&2; exit 2; }
  forks="$2"; shift 2
fi
results="${THREADMARK_RESULTS:-$root/results}"
status=0
run_sweep --profile "$profile" --forks "$forks" --results "$results" --project "$root" || status=$?
if [ "$status" -ne 0 ]; then echo "sweep failed or was stopped (exit $status)" >&2; exit 2; fi
summary=()
[ -n "${GITHUB_STEP_SUMMARY:-}" ] && summary=(--summary "$GITHUB_STEP_SUMMARY")
run_cli nightly "$results" "${summary[@]}" "$@"
