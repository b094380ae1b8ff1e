# Sourced by the benches' scripts.
#
# The executable named $1 that `cargo build --release` (given the rest) made,
# wherever its target folder is (CARGO_TARGET_DIR, a cargo config): never a stale
# one left in ./target.
executable_of() {
    local name=$1
    shift
    cargo build --release --quiet --message-format=json "$@" |
        python3 -c 'import json,sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == sys.argv[1] and m.get("executable"):
        print(m["executable"])' "$name"
}
