#!/usr/bin/env bash
# save-state.sh [STATE_DIR]: the last step of an apply job, run whatever happened before it (apply
# records ownership before its first call). Commits STATE_DIR's logwarden.json (and engine.json with
# engine.log, the local target's world) to the state branch and pushes it — never forced. When another job pushed
# in between, the push is rejected: fetch, rebuild this commit on the new tip, push again, at most
# LOGWARDEN_SAVE_ATTEMPTS times (default 5), waiting LOGWARDEN_SAVE_BACKOFF seconds (default 2)
# times the attempt number. A logwarden.json both jobs changed is merged (merge-state.mjs); an
# world both changed cannot be, and fails the step. Same options as restore-state.sh; run
# that one first in the same job. Nothing to save (no apply wrote the state): exit 0.
set -euo pipefail
here=$(dirname "$0")
. "$here/state-common.sh"
state_args "$@"

attempts=${LOGWARDEN_SAVE_ATTEMPTS:-5}
backoff=${LOGWARDEN_SAVE_BACKOFF:-2}
if [ -f "$BASE_FILE" ]; then base=$(cat "$BASE_FILE"); else
  base=none
  echo "logwarden state: restore-state.sh did not run in this job; merging with $BRANCH as if $DIR had started empty" >&2
fi
[ "$base" != none ] || base=

# no identity configured (a fresh CI runner): commit as logwarden, for this script's commits only
if ! git config user.name >/dev/null; then
  export GIT_AUTHOR_NAME=${GIT_AUTHOR_NAME:-logwarden} GIT_COMMITTER_NAME=${GIT_COMMITTER_NAME:-logwarden}
fi
if ! git config user.email >/dev/null; then
  export GIT_AUTHOR_EMAIL=${GIT_AUTHOR_EMAIL:-logwarden@noreply.invalid} GIT_COMMITTER_EMAIL=${GIT_COMMITTER_EMAIL:-logwarden@noreply.invalid}
fi
message="logwarden: state of $DIR${GITHUB_SHA:+ after $GITHUB_SHA}${GITHUB_RUN_ID:+ (run $GITHUB_SERVER_URL/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID)}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# this job's state, as blobs: fixed now, whatever the working copy becomes
files=()
declare -A ours=()
for f in "${STATE_FILES[@]}"; do
  [ -f "$DIR/$f" ] || continue
  files+=("$f")
  ours[$f]=$(git hash-object -w -- "$DIR/$f")
done
if [ ${#files[@]} -eq 0 ]; then
  echo "logwarden state: nothing to save in $DIR"
  exit 0
fi

# world_side TIP: whose world (engine.json and engine.log, as one) this job's commit holds when built
# on TIP: "mine" or "theirs"; fails when both jobs changed it
world_side() {
  local mine="${ours[engine.json]:-}:${ours[engine.log]:-}" theirs was
  theirs="$(blob_at "$1" "$DIR/engine.json"):$(blob_at "$1" "$DIR/engine.log")"
  was="$(blob_at "$base" "$DIR/engine.json"):$(blob_at "$base" "$DIR/engine.log")"
  if [ "$theirs" = "$was" ] || [ "$theirs" = "$mine" ]; then echo mine; return; fi
  if [ "$mine" = "$was" ]; then echo theirs; return; fi
  die "$DIR/engine.json and engine.log changed on $BRANCH since this job restored them (another job applied the same local world at the same time); the two worlds cannot be merged, and nothing was pushed"
}

# resolve FILE TIP: the blob this job's commit holds for $DIR/FILE (logwarden.json) when built on TIP
resolve() {
  local path="$DIR/$1" mine=${ours[$1]} theirs was
  theirs=$(blob_at "$2" "$path")
  was=$(blob_at "$base" "$path")
  if [ "$theirs" = "$was" ] || [ "$theirs" = "$mine" ]; then echo "$mine"; return; fi
  if [ "$mine" = "$was" ]; then echo "$theirs"; return; fi
  [ -z "$was" ] || git cat-file blob "$was" >"$work/base.json"
  git cat-file blob "$mine" >"$work/ours.json"
  git cat-file blob "$theirs" >"$work/theirs.json"
  node "$here/merge-state.mjs" "${was:+$work/base.json}" "$work/ours.json" "$work/theirs.json" >"$work/merged.json" ||
    die "$path: another job changed it on $BRANCH at the same time, and the two could not be merged; nothing was pushed"
  echo "logwarden state: merged $path with the one another job pushed to $BRANCH" >&2
  git hash-object -w -- "$work/merged.json"
}

# save_once: one attempt; sets outcome to saved, unchanged or rejected (git's error in $work/push.err)
save_once() {
  local tip tree commit f side
  local -A blobs=()
  tip=$(remote_tip)
  rm -f "$work/index"
  if [ -n "$tip" ]; then GIT_INDEX_FILE="$work/index" git read-tree "$tip"; else GIT_INDEX_FILE="$work/index" git read-tree --empty; fi
  if [ -n "${ours[logwarden.json]:-}" ]; then blobs[logwarden.json]=$(resolve logwarden.json "$tip"); else blobs[logwarden.json]=$(blob_at "$tip" "$DIR/logwarden.json"); fi
  side=$(world_side "$tip")
  for f in "${WORLD_FILES[@]}"; do
    if [ "$side" = mine ]; then blobs[$f]=${ours[$f]:-}; else blobs[$f]=$(blob_at "$tip" "$DIR/$f"); fi
  done
  for f in "${STATE_FILES[@]}"; do
    if [ -n "${blobs[$f]:-}" ]; then
      GIT_INDEX_FILE="$work/index" git update-index --add --cacheinfo "100644,${blobs[$f]},$DIR/$f"
    else
      GIT_INDEX_FILE="$work/index" git update-index --force-remove -- "$DIR/$f"
    fi
  done
  tree=$(GIT_INDEX_FILE="$work/index" git write-tree)
  if [ -n "$tip" ] && [ "$tree" = "$(git rev-parse "$tip^{tree}")" ]; then
    commit=$tip
    outcome=unchanged
  else
    commit=$(git commit-tree "$tree" ${tip:+-p "$tip"} -m "$message")
    if ! git push --quiet "$REMOTE" "$commit:refs/heads/$BRANCH" 2>"$work/push.err"; then
      outcome=rejected
      return
    fi
    outcome=saved
  fi
  # the working copy follows what the branch now holds (a merge, or another job's newer file)
  for f in "${STATE_FILES[@]}"; do
    [ "${blobs[$f]:-}" != "${ours[$f]:-}" ] || continue
    if [ -n "${blobs[$f]:-}" ]; then git cat-file blob "${blobs[$f]}" >"$DIR/$f"; else rm -f "$DIR/$f"; fi
  done
  record_base "$commit"
  base=$commit
}

for ((attempt = 1; ; attempt++)); do
  save_once
  case $outcome in
    saved) echo "logwarden state: saved $DIR to $BRANCH at $(git rev-parse --short "$base")" && exit 0 ;;
    unchanged) echo "logwarden state: $DIR unchanged on $BRANCH" && exit 0 ;;
  esac
  sed 's/^/  /' "$work/push.err" >&2
  [ "$attempt" -lt "$attempts" ] ||
    die "the push to $BRANCH was rejected $attempts times; nothing was force-pushed, and $DIR holds this job's state: keep it (upload it as an artifact) and run this script again. If the branch is protected, let this job push to it."
  echo "logwarden state: the push to $BRANCH was rejected (attempt $attempt of $attempts); fetching it and trying again" >&2
  sleep $((backoff * attempt))
done
