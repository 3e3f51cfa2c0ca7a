#!/usr/bin/env bash
# The nightly job: sweep, keep the run, judge it against its baseline nights (per point, the last
# 10 trusted complete runs with the same settings, environment and processor that the gate did not
# flag on it: one sample per night, a prediction interval), append it to
# results/history/history.csv, search the history for steps, render its report and print a
# Markdown summary (also appended to $GITHUB_STEP_SUMMARY when set). The rule: gate/GATE.md.
#   scripts/nightly.sh [quick|full] [--forks N] [nightly options, e.g. --keep 7 --accept-from RUN_ID]
# --forks: JMH forks per point, default 2. The night is the gate's unit, so forks only narrow a
# night's own value; the nightly prints per point how many forks its noise makes worth running.
# $THREADMARK_RESULTS: where runs and the history go, default results/ of the checkout.
# Exit 1 on a regression, 2 on bad input or a failed or stopped sweep, 0 otherwise.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
profile="${1:-full}"; shift || true
case "$profile" in
  quick|full) ;;
  *) echo "usage: scripts/nightly.sh [quick|full] [--forks N] [nightly options]" >&2; exit 2 ;;
esac
forks=2
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
