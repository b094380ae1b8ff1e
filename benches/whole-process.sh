#!/usr/bin/env bash
# Whole-process timings of issue 14's table, on data sets made by `pdca gen`, with each
# figure's ratio to "bare parse" (benches/bare_parse.rs: the same cycle's files read and
# parsed with the `toml` crate on all cores, measured in the same run):
#   - bare parse, `pdca check`, `pdca show tree` (staff, department head, HR) and
#     `pdca export` at 2,000 and 20,000 people, with the parse cache made beforehand
#     ("nothing changed"), without one (`PDCA_CACHE_DIR=` empty: "first run ever"),
#     and after one file changed (median of $RUNS runs: hyperfine when installed, else
#     a loop with `date +%s%N`);
#   - peak memory (max RSS, `/usr/bin/time -v`);
#   - time to the first frame of the app in a 160 × 48 tmux pane (tmux is used because
#     this is a benchmark, not a test): from the key that starts `pdca` until a capture
#     shows the top bar (polled, so ± a few ms), with and without the cache.
# The in-process figures (load, redraw, cursor, fold, export build) are criterion
# benches: `cargo bench`.
#
# Usage: benches/whole-process.sh            (data sets cached in target/bench-data/whole-process)
#        RUNS=5 SIZES="2000" benches/whole-process.sh
set -euo pipefail

cd "$(dirname "$0")/.."
RUNS=${RUNS:-10}
SIZES=${SIZES:-2000 20000}
TODAY=2026-11-20                # in the Do phase of the generated cycle
DATA=${PDCA_BENCH_DATA:-$PWD/target/bench-data/whole-process}
CONFIG=$(mktemp -d)             # no user config.toml: the defaults
export PDCA_CONFIG_DIR=$CONFIG
unset PDCA_DATA_DIR

echo "building release…" >&2
cargo build --release --quiet
PDCA=$PWD/target/release/pdca
BARE=$(cargo build --release --quiet --bench bare_parse --message-format=json |
    python3 -c 'import json,sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "bare_parse" and m.get("executable"):
        print(m["executable"])')
CACHE=$(mktemp -d)              # the parse cache of this run
trap 'rm -rf "$CONFIG" "$CACHE"' EXIT
export PDCA_CACHE_DIR=$CACHE
mkdir -p "$DATA"

# The data set of $1 people (generated once), and its hr person in $HR.
dataset() {
    local people=$1 dir=$DATA/people-$1
    if [[ ! -f $dir/pdca.toml || ! -f $dir.txt ]]; then
        rm -rf "$dir"
        echo "generating $people people…" >&2
        "$PDCA" gen --people "$people" --out "$dir" >"$dir.txt"
    fi
    HR=$(sed -n 's/^hr: \([^ ]*\).*/\1/p' "$dir.txt")
    DIR=$dir
}

# Median wall time in ms of a command run $RUNS times (after one warm-up run).
median_ms() {
    if command -v hyperfine >/dev/null; then
        local json
        json=$(mktemp)
        hyperfine --style none -N --warmup 1 --runs "$RUNS" --export-json "$json" -- "$(printf '%q ' "$@")" >&2
        python3 -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[1]))["results"][0]["median"] * 1000))' "$json"
        rm -f "$json"
        return
    fi
    "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; return 1; }
    local times=() start end
    for _ in $(seq "$RUNS"); do
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
    /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F: '/Maximum resident set size/ { printf "%.0f\n", $2 / 1024 }'
}

# Median ms from starting a command in a 160 × 48 tmux pane until the pane shows the
# organisation's name (the top bar of the app).
first_frame_ms() {
    local command=$1 runs=$2 times=() socket start end
    command -v tmux >/dev/null || { echo "n/a (no tmux)"; return; }
    for _ in $(seq "$runs"); do
        socket=$(mktemp -u /tmp/pdca-bench-tmux.XXXXXX)
        # The pane waits for a key, so that timing starts when pdca does, not tmux.
        tmux -S "$socket" new-session -d -x 160 -y 48 "read go; $command"
        sleep 0.3
        start=$(date +%s%N)
        tmux -S "$socket" send-keys Enter
        # Poll gently: a busy loop would take one of the two cores from pdca.
        until tmux -S "$socket" capture-pane -p 2>/dev/null | grep -q '架空市役所'; do
            sleep 0.005
            (($(date +%s%N) - start < 60000000000)) || { echo "no first frame within 60 s" >&2; break; }
        done
        end=$(date +%s%N)
        times+=($(((end - start) / 1000)))
        tmux -S "$socket" send-keys q
        sleep 0.2
        tmux -S "$socket" kill-server 2>/dev/null || true
        rm -f "$socket"
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1 }
        END { m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2; printf "%.1f\n", m / 1000 }'
}

STAFF=P00010    # a team member in every generated set: sees their own chain
HEAD=P00001     # the first department head: sees their department

# "$1 ms (ratio to bare parse)".
ratio() {
    python3 -c 'import sys; t, b = float(sys.argv[1]), float(sys.argv[2]); print("%.0f ms (%.2f×)" % (t, t / b))' "$1" "$BARE_MS"
}

# Changes one goals file (a comment at its end) so that it must be parsed again.
touch_one() {
    local file=$DIR/cycles/2026/goals/P00010.toml
    printf '# %s\n' "$(date +%s%N)" >>"$file"
}

echo "machine: $(nproc) cores, $(uname -sr)"
echo
echo "| people | what | median (× bare parse) |"
echo "|---:|---|---:|"
echo "| – | tmux measuring overhead (a shell \`printf\` of the name) | $(first_frame_ms "printf '架空市役所'; sleep 60" 5) ms |"
for people in $SIZES; do
    dataset "$people"
    BARE_MS=$(median_ms "$BARE" "$DIR")
    run=("$PDCA" --data-dir "$DIR" --today "$TODAY" --lang ja)
    cold=(env PDCA_CACHE_DIR= "${run[@]}")
    "${run[@]}" check >/dev/null 2>&1 || true        # makes the cache
    echo "| $people | bare parse (\`toml\` crate, all cores) | $BARE_MS ms (1.00×) |"
    echo "| $people | \`pdca check\` | $(ratio "$(median_ms "${run[@]}" check)") |"
    for who in "staff $STAFF" "department head $HEAD" "hr $HR"; do
        echo "| $people | \`pdca show tree\` ($who), nothing changed | $(ratio "$(median_ms "${run[@]}" --as "${who##* }" show tree --width 160)") |"
    done
    echo "| $people | \`pdca show tree\` (hr), no cache (first run ever) | $(ratio "$(median_ms "${cold[@]}" --as "$HR" show tree --width 160)") |"
    touch_one
    echo "| $people | \`pdca show tree\` (hr), one file changed | $(ratio "$(median_ms "${run[@]}" --as "$HR" show tree --width 160)") |"
    echo "| $people | \`pdca export\` (hr, TOML to stdout) | $(ratio "$(median_ms "${run[@]}" --as "$HR" export)") |"
    echo "| $people | \`pdca export\` (hr, TOML), no cache | $(ratio "$(median_ms "${cold[@]}" --as "$HR" export)") |"
    echo "| $people | \`pdca export --format csv\` (hr) | $(ratio "$(median_ms "${run[@]}" --as "$HR" export --format csv)") |"
    app="$PDCA --data-dir $DIR --lang ja --today $TODAY --as"
    for who in "$STAFF" "$HR"; do
        echo "| $people | app: start to first frame ($who), nothing changed | $(ratio "$(first_frame_ms "$app $who" 5)") |"
        echo "| $people | app: start to first frame ($who), first run ever | $(ratio "$(first_frame_ms "PDCA_CACHE_DIR= $app $who" 5)") |"
    done
done
echo
echo "| people | command | max RSS MB |"
echo "|---:|---|---:|"
for people in $SIZES; do
    dataset "$people"
    for who in "$STAFF" "$HEAD" "$HR"; do
        echo "| $people | \`pdca --as $who show tree\` | $(max_rss_mb "$PDCA" --data-dir "$DIR" --today "$TODAY" --as "$who" show tree --width 160) |"
    done
    echo "| $people | \`pdca --as $HR export\` | $(max_rss_mb "$PDCA" --data-dir "$DIR" --today "$TODAY" --as "$HR" export) |"
done
