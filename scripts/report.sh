#!/usr/bin/env bash
# Render the HTML report of one run, or several side by side:
#   scripts/report.sh RUN_DIR... [-o FILE] [--threshold 0.5]
# One run's report goes to RUN_DIR/report.html unless -o says otherwise; the path is printed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ $# -eq 0 ]; then
  echo "usage: scripts/report.sh RUN_DIR... [-o FILE] [--threshold 0.5]" >&2
  exit 2
fi
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --threshold) args+=("$1" "$2"); shift 2 ;;
    -o) args+=("$1" "$(realpath -m "$2")"); shift 2 ;;
    *) args+=("$(realpath -m "$1")"); shift ;;
  esac
done
# Build quietly (fast when up to date), then render on the JDK 25 toolchain.
mvn -q -B -f "$root/pom.xml" install -DskipTests >/dev/null
exec mvn -q -B -f "$root/pom.xml" -pl report validate exec:exec@render -Dreport.args="${args[*]}"
