#!/usr/bin/env bash
# The primary regression gate: A/B of two commits on this machine, now.
#   scripts/ab.sh BASE_REF [CANDIDATE_REF] [--trials 5] [--workloads sleep,spin] [--counts 100,10000] ...
# Builds both commits (git worktrees under results/ab/worktrees, reused), runs their sweeps as
# randomized interleaved trials and judges the paired ratios (gate/GATE.md). CANDIDATE_REF
# defaults to HEAD: committed code, not the working tree. Exit 0 no regression, 1 regression,
# 2 bad input or a failed build, 3 a sweep stopped twice by the environment.
# Options: scripts/ab.sh --help.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
run_cli ab --project "$root" --results "${THREADMARK_RESULTS:-$root/results}" "$@"
