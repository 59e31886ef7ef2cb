#!/usr/bin/env bash
# The action's plan step: `logwarden plan --format markdown` of INPUT_DIRECTORY, written to the
# job summary, with its exit code as outputs. It never fails the step itself (the comment is posted
# first); the action's last step fails the job on exit code 1.
#
# Environment: INPUT_DIRECTORY (default .), INPUT_ARGS (more plan options, split on whitespace),
# LOGWARDEN (the logwarden executable), RUNNER_TEMP, GITHUB_STEP_SUMMARY, GITHUB_OUTPUT.
set -uo pipefail

dir="${INPUT_DIRECTORY:-.}"
read -r -a extra <<< "${INPUT_ARGS:-}"
out="${RUNNER_TEMP:-/tmp}/logwarden-plan.md"
err="${RUNNER_TEMP:-/tmp}/logwarden-plan.err"

"$LOGWARDEN" plan "$dir" --format markdown --detailed-exitcode --no-color "${extra[@]}" > "$out" 2> "$err"
code=$?

# a usage or connection error prints nothing on stdout: the summary shows stderr instead
if [ ! -s "$out" ]; then
  {
    echo '### ❌ logwarden plan failed'
    echo
    echo '```'
    cat "$err"
    echo '```'
  } > "$out"
fi
cat "$err" >&2

cat "$out" >> "$GITHUB_STEP_SUMMARY"
{
  echo "exitcode=$code"
  echo "changes=$([ "$code" -eq 2 ] && echo true || echo false)"
  echo "markdown-file=$out"
} >> "$GITHUB_OUTPUT"
exit 0
