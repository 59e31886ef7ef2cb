#!/usr/bin/env bash
# restore-state.sh [STATE_DIR]: the first step of every job that runs logwarden (plan, apply,
# drift). Fills STATE_DIR (default: state) from the state branch, LOGWARDEN_STATE_BRANCH (default:
# logwarden-state) of LOGWARDEN_STATE_REMOTE (default: origin), and remembers which commit it came
# from, so save-state.sh can tell what this job changed from what another job pushed meanwhile.
# Run it from the repository's top directory. While the branch has no STATE_DIR (no save yet), the
# directory is left as the checkout has it: empty, or a state committed with the manifests, which the
# first save-state.sh then carries over to the branch.
set -euo pipefail
. "$(dirname "$0")/state-common.sh"
state_args "$@"

tip=$(remote_tip)
mkdir -p "$DIR"
if [ -z "$tip" ]; then
  echo "logwarden state: branch $BRANCH does not exist yet; $DIR is used as it is (save-state.sh creates the branch)"
elif [ -z "$(git ls-tree "$tip" -- "$DIR")" ]; then
  echo "logwarden state: branch $BRANCH has no $DIR yet; $DIR is used as it is"
else
  for f in "${STATE_FILES[@]}"; do
    rm -f "$DIR/$f"
    blob=$(blob_at "$tip" "$DIR/$f")
    [ -z "$blob" ] || git cat-file blob "$blob" >"$DIR/$f"
  done
  echo "logwarden state: restored $DIR from $BRANCH at $(git rev-parse --short "$tip")"
fi
record_base "$tip"
