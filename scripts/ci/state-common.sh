# Sourced by restore-state.sh and save-state.sh: their arguments, and the state branch's remote tip.
# The state branch holds only state directories, at the paths they have in the working tree.
shopt -s inherit_errexit # a failure inside $(…) fails the script too

# The files of a state directory that are persisted: logwarden's own state and the local target's
# world, a snapshot and the changes committed since (one unit: never one side's snapshot with the
# other's log). Never lock.json: a lock means nothing outside the process and machine that took it.
WORLD_FILES=(engine.json engine.log)
STATE_FILES=(logwarden.json "${WORLD_FILES[@]}")

die() {
  echo "$(basename "$0"): $*" >&2
  exit 1
}

# state_args [STATE_DIR]: sets DIR (relative to the repository root), BRANCH, REMOTE and BASE_FILE.
state_args() {
  [ $# -le 1 ] || die "usage: $(basename "$0") [STATE_DIR]  (default: state)"
  DIR=${1:-state}
  DIR=${DIR#./}
  DIR=${DIR%/}
  case "/$DIR/" in
    //* | */../* | */./* | *//*) die "STATE_DIR must be a relative path inside the repository, without '..': $1" ;;
  esac
  BRANCH=${LOGWARDEN_STATE_BRANCH:-logwarden-state}
  REMOTE=${LOGWARDEN_STATE_REMOTE:-origin}
  git check-ref-format --branch "$BRANCH" >/dev/null 2>&1 || die "LOGWARDEN_STATE_BRANCH is not a valid branch name: $BRANCH"
  [ -z "$(git rev-parse --show-prefix)" ] || die "run it from the repository's top directory"
  # which state-branch commit this job's state directory was restored from ("none": no branch yet)
  BASE_FILE=$(git rev-parse --git-path "logwarden-state-base/$DIR/base")
}

# remote_tip: fetches the state branch and prints its commit; prints nothing when there is no such
# branch yet. Fails when the remote cannot be read: "no state" must never be a guess.
remote_tip() {
  local code=0
  git ls-remote --exit-code --heads "$REMOTE" "refs/heads/$BRANCH" >/dev/null || code=$?
  [ "$code" -eq 2 ] && return 0
  [ "$code" -eq 0 ] || die "cannot read branch $BRANCH of remote $REMOTE (git ls-remote exited $code)"
  git fetch --quiet --no-tags "$REMOTE" "+refs/heads/$BRANCH:refs/remotes/$REMOTE/$BRANCH" ||
    die "cannot fetch branch $BRANCH from remote $REMOTE"
  git rev-parse --verify --quiet "refs/remotes/$REMOTE/$BRANCH^{commit}"
}

# blob_at COMMIT PATH: the blob id of PATH in COMMIT; nothing when COMMIT is empty or lacks PATH.
blob_at() {
  if [ -n "$1" ]; then git rev-parse --verify --quiet "$1:$2" 2>/dev/null || true; fi
}

# record_base COMMIT: remembers (inside .git, never committed) what the state directory now matches.
record_base() {
  mkdir -p "$(dirname "$BASE_FILE")"
  echo "${1:-none}" >"$BASE_FILE"
}
