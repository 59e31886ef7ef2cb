#!/usr/bin/env bash
# plan.sh DIR [logwarden options…]: the plan step of a CI job. Runs `logwarden plan DIR --out
# plan.json --detailed-exitcode --no-color` with the options given, writes what it printed to
# plan.txt and prints it, adds it to the job summary ($GITHUB_STEP_SUMMARY), and sets the step
# output changes=true|false ($GITHUB_OUTPUT). Exit 0 with or without changes — exit 2 means
# "changes", not failure — and 1 when the plan failed. LOGWARDEN_PLAN_OUT names the files (default:
# plan, for plan.json and plan.txt); LOGWARDEN_BIN the CLI to run (default: this package's).
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $(basename "$0") DIR [logwarden plan options…]" >&2; exit 1; }
bin=${LOGWARDEN_BIN:-$(dirname "$0")/../../dist/cli/bin.js}
out=${LOGWARDEN_PLAN_OUT:-plan}

code=0
node "$bin" plan "$@" --out "$out.json" --detailed-exitcode --no-color >"$out.txt" || code=$?
cat "$out.txt"
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  printf '### logwarden plan\n\n```text\n%s\n```\n' "$(cat "$out.txt")" >>"$GITHUB_STEP_SUMMARY"
fi
case $code in
  0) changes=false ;;
  2) changes=true ;;
  *) exit 1 ;;
esac
if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "changes=$changes" >>"$GITHUB_OUTPUT"; fi
echo "changes=$changes"
