#!/usr/bin/env bash
# The action's comment step: posts the plan on the pull request, or updates the comment it posted
# before for the same directory (found by a hidden marker), so a pull request carries one current plan.
#
# Environment: PLAN_FILE (the Markdown), INPUT_DIRECTORY, REPOSITORY (owner/name), PR_NUMBER,
# RUN_URL (the workflow run, linked when the plan is too long for a comment), GH_TOKEN, RUNNER_TEMP.
set -euo pipefail

dir="${INPUT_DIRECTORY:-.}"
marker="<!-- logwarden-plan: ${dir} -->"
body="${RUNNER_TEMP:-/tmp}/logwarden-comment.md"
# GitHub refuses a comment body over 65,536 characters; stay clear of it
limit=60000

{ echo "$marker"; cat "$PLAN_FILE"; } > "$body"
if [ "$(wc -c < "$body")" -gt "$limit" ]; then
  {
    echo "$marker"
    head -n 1 "$PLAN_FILE"
    echo
    echo "The full plan is too long for a comment: it is in the [job summary](${RUN_URL})."
  } > "$body"
fi

# the marker as a jq string literal (the directory may hold quotes or backslashes)
needle=$(printf '%s' "$marker" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')
existing=$(gh api --paginate "repos/${REPOSITORY}/issues/${PR_NUMBER}/comments" --jq ".[] | select(.body | startswith(\"${needle}\")) | .id" | sed -n 1p)

if [ -n "$existing" ]; then
  gh api --method PATCH "repos/${REPOSITORY}/issues/comments/${existing}" -F "body=@${body}" > /dev/null
  echo "updated comment ${existing} on #${PR_NUMBER}"
else
  gh api --method POST "repos/${REPOSITORY}/issues/${PR_NUMBER}/comments" -F "body=@${body}" > /dev/null
  echo "commented on #${PR_NUMBER}"
fi
