#!/usr/bin/env bash
# Render the HTML report of one run, or several side by side:
#   scripts/report.sh RUN_DIR... [-o FILE] [--threshold 0.5]
# One run's report goes to RUN_DIR/report.html unless -o says otherwise; the path is printed.
# Exit 0 rendered, 2 bad input (an existing report is never replaced by a failed render).
# Options: scripts/report.sh --help (the same as java -jar cli/target/threadmark.jar report --help).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
run_cli report "$@"
