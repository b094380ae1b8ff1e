#!/usr/bin/env bash
# Whole-process timings for DESIGN §7, on data sets made by `pdca gen`:
#   - `pdca check`, `pdca show tree` and `pdca export` at 2,000 and 20,000 people
#     (median of 10 runs: hyperfine when installed, else a loop with `date +%s%N`);
#   - peak memory (max RSS, `/usr/bin/time -v`) of `pdca show tree` at 20,000;
#   - time to the first frame of the app in a 160 × 48 tmux pane: from the key that
#     starts `pdca` until a capture shows the top bar (polled, so ± a few ms).
# The in-process figures (load, redraw, cursor, export build) are criterion benches:
# `cargo bench`.
#
# Usage: benches/whole-process.sh            (data sets cached in target/bench-data/whole-process)
#        RUNS=5 benches/whole-process.sh
set -euo pipefail

cd "$(dirname "$0")/.."
RUNS=${RUNS:-10}
TODAY=2026-11-20                # in the Do phase of the generated cycle
DATA=${PDCA_BENCH_DATA:-$PWD/target/bench-data/whole-process}
CONFIG=$(mktemp -d)             # no user config.toml: the defaults
trap 'rm -rf "$CONFIG"' EXIT
export PDCA_CONFIG_DIR=$CONFIG
unset PDCA_DATA_DIR

echo "building release…" >&2
cargo build --release --quiet
PDCA=$PWD/target/release/pdca
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

echo "machine: $(nproc) cores, $(uname -sr)"
echo
echo "| people | command | median ms |"
echo "|---:|---|---:|"
echo "| – | tmux measuring overhead (a shell \`printf\` of the name) | $(first_frame_ms "printf '架空市役所'; sleep 60" 5) |"
for people in 2000 20000; do
    dataset "$people"
    run=("$PDCA" --data-dir "$DIR" --today "$TODAY" --lang ja)
    echo "| $people | \`pdca check\` | $(median_ms "${run[@]}" check) |"
    echo "| $people | \`pdca show tree --width 160\` (staff $STAFF) | $(median_ms "${run[@]}" --as "$STAFF" show tree --width 160) |"
    echo "| $people | \`pdca show tree --width 160\` (department head $HEAD) | $(median_ms "${run[@]}" --as "$HEAD" show tree --width 160) |"
    echo "| $people | \`pdca show tree --width 160\` (hr $HR: everything) | $(median_ms "${run[@]}" --as "$HR" show tree --width 160) |"
    echo "| $people | \`pdca export\` (hr $HR, TOML to stdout) | $(median_ms "${run[@]}" --as "$HR" export) |"
    echo "| $people | \`pdca export --format csv\` (hr $HR) | $(median_ms "${run[@]}" --as "$HR" export --format csv) |"
    app="$PDCA --data-dir $DIR --lang ja --today $TODAY --as"
    echo "| $people | app: start to first frame in tmux (staff $STAFF) | $(first_frame_ms "$app $STAFF" 5) |"
    echo "| $people | app: start to first frame in tmux (hr $HR) | $(first_frame_ms "$app $HR" 5) |"
done
echo
echo "| people | command | max RSS MB |"
echo "|---:|---|---:|"
for people in 2000 20000; do
    dataset "$people"
    for who in "$STAFF" "$HEAD" "$HR"; do
        echo "| $people | \`pdca --as $who show tree\` | $(max_rss_mb "$PDCA" --data-dir "$DIR" --today "$TODAY" --as "$who" show tree --width 160) |"
    done
    echo "| $people | \`pdca --as $HR export\` | $(max_rss_mb "$PDCA" --data-dir "$DIR" --today "$TODAY" --as "$HR" export) |"
done
