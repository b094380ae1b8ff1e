#!/usr/bin/env bash
# Whole-process figures of issue 14's table, on data sets made by `pdca gen` (light and
# full fill), each with its ratio to "bare parse" (benches/bare_parse.rs: the same
# cycle's files read and parsed with the `toml` crate on all cores, measured in the
# same run):
#   - `pdca check`, `pdca show tree` (staff, department head, HR) and `pdca export`,
#     with the parse cache made beforehand ("nothing changed"), without one
#     (`PDCA_CACHE_DIR=` empty: "first run ever"), and with one goals file changed
#     before each run ("one file changed", see one_file_changed); median of $RUNS
#     runs (hyperfine when installed, else a loop with `date +%s%N`);
#   - the app's start to first frame (staff and HR; nothing changed, first run ever,
#     one file changed) and its peak memory: benches/first_frame.py runs it in a
#     160 x 48 pseudo-terminal of Python's own (no tmux needed), from start until the
#     top bar is drawn, then quits it with `q`; median of $FRAMES runs;
#   - peak memory (max RSS) of `show tree` and `export` (`/usr/bin/time -v`, when there).
# Fold, unfold, cursor moves and redraws are in-process figures: `cargo bench --bench
# app` (criterion; it prints each fold's ratio to building every row).
#
# Needs: cargo, python3, Linux (or another Unix). Optional: hyperfine, /usr/bin/time.
# Usage: benches/whole-process.sh                      (both sizes, both fills)
#        RUNS=5 SIZES="2000" FILLS="light" benches/whole-process.sh
# Data sets are generated once into target/bench-data/whole-process (PDCA_BENCH_DATA).
set -euo pipefail

cd "$(dirname "$0")/.."
RUNS=${RUNS:-10}
FRAMES=${FRAMES:-5}
SIZES=${SIZES:-2000 20000}
FILLS=${FILLS:-light full}
TODAY=2026-11-20                # in the Do phase of the generated cycle
DATA=${PDCA_BENCH_DATA:-$PWD/target/bench-data/whole-process}
CONFIG=$(mktemp -d)             # no user config.toml: the defaults
export PDCA_CONFIG_DIR=$CONFIG
unset PDCA_DATA_DIR

source benches/executable.sh

echo "building release…" >&2
PDCA=$(executable_of pdca --bin pdca)
BARE=$(executable_of bare_parse --bench bare_parse)
CACHE=$(mktemp -d)              # the parse cache of this run
trap 'rm -rf "$CONFIG" "$CACHE" "$CACHE.before" "$CACHE.after"' EXIT
export PDCA_CACHE_DIR=$CACHE
mkdir -p "$DATA"

# The data set of $1 people filled $2 (generated once), and its hr person in $HR.
dataset() {
    local people=$1 fill=$2 dir=$DATA/people-$1-$2
    if [[ ! -f $dir/pdca.toml || ! -f $dir.txt ]]; then
        rm -rf "$dir"
        echo "generating $people people ($fill)…" >&2
        "$PDCA" gen --people "$people" --fill "$fill" --out "$dir" >"$dir.txt"
    fi
    HR=$(sed -n 's/^hr: \([^ ]*\).*/\1/p' "$dir.txt")
    DIR=$dir
}

# Median wall time in ms of a command run $RUNS times (after one warm-up run); the
# shell command $PREPARE, when set, runs (untimed) before each run.
median_ms() {
    if command -v hyperfine >/dev/null; then
        local json
        json=$(mktemp)
        # -N runs commands without a shell, the --prepare one too: it gets its own.
        hyperfine --style none -N --warmup 1 --runs "$RUNS" \
            ${PREPARE:+--prepare "bash -c $(printf '%q' "$PREPARE")"} \
            --export-json "$json" -- "$(printf '%q ' "$@")" >&2
        python3 -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[1]))["results"][0]["median"] * 1000))' "$json"
        rm -f "$json"
        return
    fi
    "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; return 1; }
    local times=() start end
    for _ in $(seq "$RUNS"); do
        [[ -z ${PREPARE:-} ]] || bash -c "$PREPARE"
        start=$(date +%s%N)
        "$@" >/dev/null 2>&1
        end=$(date +%s%N)
        times+=($(((end - start) / 1000)))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1 }
        END { m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2; printf "%.1f\n", m / 1000 }'
}

# Peak resident memory in MB of a command.
max_rss_mb() {
    [[ -x /usr/bin/time ]] || { echo "n/a (no /usr/bin/time)"; return; }
    /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F: '/Maximum resident set size/ { printf "%.0f\n", $2 / 1024 }'
}

# "median-ms peak-MB" of the app started $FRAMES times ($FRAMES_NOW when set) in a
# pseudo-terminal until its top bar shows the organisation's name ($PREPARE before
# each run, untimed).
first_frame() {
    python3 benches/first_frame.py "${FRAMES_NOW:-$FRAMES}" '架空市役所' "${PREPARE:-}" -- "$@"
}

# "nothing-ms changed-ms peak-MB": the app's first frame with nothing changed and
# with one file changed, started in turn $FRAMES times each, as the target compares
# the two; the peak is that of the starts with nothing changed. Measured one after
# the other, the second paid for what ran before it on this virtual machine (the
# starts with no cache before it: 10-20 ms at 20,000 people in three whole runs,
# none when the two were measured in turn). Both put a copy of the cache back
# before each start, untimed: one from after the edit, one from before it.
first_frames_in_turn() {
    local changed nothing=() edited=() peak=0 ms mb
    changed=$(one_file_changed)
    "${run[@]}" check >/dev/null 2>&1 || true      # the edit in the cache too
    rm -rf "$CACHE.after"
    cp -a "$CACHE" "$CACHE.after"
    for _ in $(seq "$FRAMES"); do
        read -r ms mb < <(FRAMES_NOW=1 PREPARE="rm -rf '$CACHE' && cp -a '$CACHE.after' '$CACHE'" first_frame "$@")
        nothing+=("$ms")
        peak=$((mb > peak ? mb : peak))
        read -r ms _ < <(FRAMES_NOW=1 PREPARE=$changed first_frame "$@")
        edited+=("$ms")
    done
    echo "$(median "${nothing[@]}") $(median "${edited[@]}") $peak"
}

# The median of the numbers given.
median() {
    python3 -c 'import statistics, sys; print("%.1f" % statistics.median(map(float, sys.argv[1:])))' "$@"
}

STAFF=P00010    # a team member in every generated set: sees their own chain
HEAD=P00001     # the first department head: sees their department

# "$1 ms (ratio to bare parse)".
ratio() {
    python3 -c 'import sys; t, b = float(sys.argv[1]), float(sys.argv[2]); print("%.0f ms (%.2f×)" % (t, t / b))' "$1" "$BARE_MS"
}

# Changes one goals file (a comment at its end) once and waits out the parse cache's
# two seconds once (a file changed more recently is not cached yet), so that it is an
# edit made before the start; prints a shell command that puts the cache back as it
# was before the edit. Run before each start, each then finds the file changed,
# parses it again and writes its cache back, as the first start after an edit does.
# Not a new edit and a pause before each run: an idle pause alone slows the next
# start of this virtual machine by 100-330 ms, which the other rows, run back to
# back, do not pay.
one_file_changed() {
    rm -rf "$CACHE.before"
    cp -a "$CACHE" "$CACHE.before"
    printf '# %s\n' "$(date +%s%N)" >>"$DIR/cycles/2026/goals/P00010.toml"
    sleep 2.1
    printf 'rm -rf %q && cp -a %q %q' "$CACHE" "$CACHE.before" "$CACHE"
}

echo "machine: $(nproc) cores, $(uname -sr)"
echo
echo "| fill | people | what | median (× bare parse) |"
echo "|---|---:|---|---:|"
for fill in $FILLS; do
for people in $SIZES; do
    dataset "$people" "$fill"
    row() { echo "| $fill | $people | $1 | $2 |"; }
    BARE_MS=$(median_ms "$BARE" "$DIR")
    run=("$PDCA" --data-dir "$DIR" --today "$TODAY" --lang ja)
    cold=(env PDCA_CACHE_DIR= "${run[@]}")
    "${run[@]}" check >/dev/null 2>&1 || true        # makes the cache
    row "bare parse (\`toml\` crate, all cores)" "$BARE_MS ms (1.00×)"
    row "\`pdca check\`" "$(ratio "$(median_ms "${run[@]}" check)")"
    for who in "staff $STAFF" "department head $HEAD" "hr $HR"; do
        row "\`pdca show tree\` ($who), nothing changed" \
            "$(ratio "$(median_ms "${run[@]}" --as "${who##* }" show tree --width 160)")"
    done
    row "\`pdca show tree\` (hr), first run ever (no cache)" \
        "$(ratio "$(median_ms "${cold[@]}" --as "$HR" show tree --width 160)")"
    row "\`pdca show tree\` (hr), one file changed" \
        "$(ratio "$(PREPARE=$(one_file_changed) median_ms "${run[@]}" --as "$HR" show tree --width 160)")"
    row "\`pdca export\` (hr, TOML to stdout), nothing changed" "$(ratio "$(median_ms "${run[@]}" --as "$HR" export)")"
    row "\`pdca export\` (hr, TOML), first run ever" "$(ratio "$(median_ms "${cold[@]}" --as "$HR" export)")"
    row "\`pdca export --format csv\` (hr)" "$(ratio "$(median_ms "${run[@]}" --as "$HR" export --format csv)")"
    app=("$PDCA" --data-dir "$DIR" --lang ja --today "$TODAY" --as)
    for who in "$STAFF" "$HR"; do
        read -r ms changed_ms mb < <(first_frames_in_turn "${app[@]}" "$who")
        row "app ($who): start to first frame, nothing changed" "$(ratio "$ms")"
        row "app ($who): peak memory" "$mb MB"
        read -r ms _ < <(first_frame env PDCA_CACHE_DIR= "${app[@]}" "$who")
        row "app ($who): start to first frame, first run ever" "$(ratio "$ms")"
        row "app ($who): start to first frame, one file changed" "$(ratio "$changed_ms")"
    done
    for who in "$STAFF" "$HEAD" "$HR"; do
        row "peak memory, \`pdca --as $who show tree\`" \
            "$(max_rss_mb "$PDCA" --data-dir "$DIR" --today "$TODAY" --as "$who" show tree --width 160) MB"
    done
    row "peak memory, \`pdca --as $HR export\`" "$(max_rss_mb "$PDCA" --data-dir "$DIR" --today "$TODAY" --as "$HR" export) MB"
done
done
