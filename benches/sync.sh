#!/usr/bin/env bash
# Whole-process timings of the data set in git, on data sets made by `pdca gen`, at
# 2,000 and 20,000 people (median of $RUNS runs, after one warm-up):
#   - `pdca sync` of a one-file change (one goal's progress), pushed to a bare
#     repository on this machine whose pre-receive hook runs `pdca verify`;
#   - `pdca verify` alone of such a one-file push (the hook's work);
#   - `pdca sync` with nothing to do, and `pdca sync` of someone else's one-file change
#     coming in;
#   - once: the first push of the whole data set into an empty repository (verify
#     validates everything then).
#
# Usage: benches/sync.sh            (data sets cached in target/bench-data/sync)
#        RUNS=5 SIZES="2000" benches/sync.sh
# Needs: cargo, git, python3 (to find the built program).
set -euo pipefail

cd "$(dirname "$0")/.."
RUNS=${RUNS:-10}
SIZES=${SIZES:-"2000 20000"}
DATA=${PDCA_BENCH_DATA:-$PWD/target/bench-data/sync}

echo "building release…" >&2
source benches/executable.sh
PDCA_BIN=$(executable_of pdca --bin pdca)

# git and pdca see none of this machine's settings.
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export HOME=$WORK/home GIT_CONFIG_GLOBAL=$WORK/gitconfig GIT_CONFIG_NOSYSTEM=1 PDCA_CONFIG_DIR=$WORK/config
mkdir -p "$HOME" "$PDCA_CONFIG_DIR"
: >"$GIT_CONFIG_GLOBAL"
git config --global user.name bench
git config --global user.email bench@pdca.invalid
unset PDCA_DATA_DIR
export PDCA_BIN PDCA_LANG=en
PDCA=$PDCA_BIN
mkdir -p "$DATA"

# Milliseconds since the epoch.
now_ms() { echo $(($(date +%s%N) / 1000000)); }

median() { sort -n | awk '{ t[NR] = $1 } END { m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2; print m }'; }

# Times "$@" after running the setup function $1 before each run; prints the median in ms.
timed() {
    local setup=$1 times=() start end
    shift
    $setup
    "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; "$@" >&2 || true; return 1; }
    for _ in $(seq "$RUNS"); do
        $setup
        start=$(now_ms)
        "$@" >/dev/null 2>&1
        end=$(now_ms)
        times+=($((end - start)))
    done
    printf '%s\n' "${times[@]}" | median
}

for people in $SIZES; do
    gen=$DATA/people-$people
    if [[ ! -f $gen/pdca.toml ]]; then
        rm -rf "$gen"
        echo "generating $people people…" >&2
        "$PDCA" gen --people "$people" --out "$gen" >/dev/null
    fi
    dir=$WORK/$people
    mkdir -p "$dir"
    cp -r "$gen" "$dir/seed"
    (cd "$dir/seed" && git init --quiet &&
        printf '*.toml text eol=lf -merge\n' >.gitattributes && printf '.*.pdca-tmp.*\n*.lock\npdca-conflicts/\n' >.gitignore &&
        git add --all && git commit --quiet -m "the data set")
    git clone --quiet --bare "$dir/seed" "$dir/origin.git"
    cp contrib/hooks/pre-receive-ssh "$dir/origin.git/hooks/pre-receive"
    # An employee half-way down (P01000 at 2,000; P10000 at 20,000) and another one.
    me=$(printf 'P%05d' $((people / 2)))
    other=$(printf 'P%05d' $((people / 2 + 1)))
    login=$(echo "$me" | tr P p)
    other_login=$(echo "$other" | tr P p)
    USER=$login "$PDCA" clone "$dir/origin.git" "$dir/me" >/dev/null
    USER=$other_login "$PDCA" clone "$dir/origin.git" "$dir/other" >/dev/null
    goals=$dir/me/cycles/2026/goals/$me.toml
    other_goals=$dir/other/cycles/2026/goals/$other.toml
    value=0
    change_mine() {
        value=$(((value + 1) % 100))
        sed -i "0,/^progress = [0-9]*/s//progress = $value/" "$goals"
    }
    nothing() { :; }
    theirs_arrive() {
        value=$(((value + 1) % 100))
        sed -i "0,/^progress = [0-9]*/s//progress = $value/" "$other_goals"
        PDCA_LOGIN=$other_login "$PDCA" --data-dir "$dir/other" --as "$other" sync >/dev/null
    }
    export PDCA_LOGIN=$login
    sync_one=$(timed change_mine "$PDCA" --data-dir "$dir/me" --as "$me" sync)
    sync_nothing=$(timed nothing "$PDCA" --data-dir "$dir/me" --as "$me" sync)
    sync_incoming=$(timed theirs_arrive "$PDCA" --data-dir "$dir/me" --as "$me" sync)
    # The hook's work alone: verify the last push (one commit, one file) again.
    mine=$(git -C "$dir/origin.git" log -1 --format=%H -- "cycles/2026/goals/$me.toml")
    verify_one=$(cd "$dir/origin.git" && timed nothing "$PDCA" verify --login "$login" "$mine~1" "$mine" refs/heads/master)
    unset PDCA_LOGIN
    # The first push into an empty repository, as HR: everything is validated.
    hr_login=$(sed -n '/roles = \["hr"\]/{x;p};h' "$gen/org.toml" | head -1 | sed 's/login = "\(.*\)"/\1/')
    git init --quiet --bare "$dir/empty.git"
    cp contrib/hooks/pre-receive-ssh "$dir/empty.git/hooks/pre-receive"
    start=$(now_ms)
    PDCA_LOGIN=$hr_login git -C "$dir/seed" push --quiet "$dir/empty.git" HEAD:refs/heads/master >/dev/null 2>&1 ||
        echo "first push refused or failed (hr login: $hr_login)" >&2
    first_push=$(($(now_ms) - start))
    echo "$people people: sync one change ${sync_one} ms, sync nothing ${sync_nothing} ms," \
        "sync with one change coming in ${sync_incoming} ms, verify one-file push ${verify_one} ms," \
        "first push of everything ${first_push} ms"
    rm -rf "$dir"
done
