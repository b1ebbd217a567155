#!/usr/bin/env bash
# The distribution's test: unpack the archive into a temporary directory as a user would, run --help and
# --version, then NSO's upgrade example over each transport with the bundled simulator. The example runs on
# loopback addresses and IPC ports of its own, so a cluster started with 'make upgrade-nso' is left alone.
set -euo pipefail
archive=$1
work=$(mktemp -d)
home=
# Any install's ncs stops a node over its IPC port, whatever version the node runs.
stop_nodes() {
    local port ncs
    [ -n "$home" ] && [ -n "$ipc1" ] || return 0
    ncs=$(ls -d "$home"/installs/nso-*/bin/ncs | head -n 1)
    for port in $ipc1 $((ipc1 + 1)) $((ipc1 + 2)); do
        NCS_IPC_ADDR=127.0.0.1 NCS_IPC_PORT=$port "$ncs" --stop >/dev/null 2>&1 || true
    done
}
ipc1=
cleanup() { stop_nodes; rm -rf "$work"; }
trap cleanup EXIT

# Three consecutive IPC ports on 127.0.0.1 that nothing answers on.
free_base() {
    local base p taken
    for _ in $(seq 1 50); do
        base=$((20000 + RANDOM % 30000)); taken=0
        for p in $base $((base + 1)) $((base + 2)); do
            if (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null; then taken=1; fi
        done
        [ $taken = 0 ] && { echo $base; return; }
    done
    echo "no free IPC ports found" >&2; exit 1
}

tar -xzf "$archive" -C "$work"
home=$(echo "$work"/nso-ha-upgrade-*)
bin=$home/bin/nso-ha-upgrade
ipc1=$(free_base)
# NSO's CLI port 2024 may be held on every address by the machine itself; use a free one.
cli_port=2024
while [ -n "$(ss -Hltn "sport = :$cli_port" 2>/dev/null)" ] || (exec 3<>/dev/tcp/127.0.0.1/$cli_port) 2>/dev/null; do
    cli_port=$((20000 + RANDOM % 30000))
done

echo "== $bin --help"
out=$("$bin" --help)
for word in example upgrade-nso upgrade-pkgs-sys status plan; do
    grep -q -- "$word" <<<"$out" || { echo "--help does not mention $word" >&2; exit 1; }
done
"$bin" --version | grep -q '^Java 1[7-9]\|^Java [2-9][0-9]' || { echo "--version does not name the Java runtime" >&2; exit 1; }

echo "== bash completion from bin/nso-ha-upgrade-completion.bash"
completions=$(bash --norc --noprofile -c '
  source "$1"
  COMP_WORDS=(nso-ha-upgrade upgrade-); COMP_CWORD=1; COMP_LINE="nso-ha-upgrade upgrade-"; COMP_POINT=${#COMP_LINE}
  compopt() { :; }  # works only inside a completion bash itself started
  fn=$(complete -p nso-ha-upgrade | sed -E "s/.*-F ([^ ]+).*/\1/")
  "$fn" nso-ha-upgrade upgrade- nso-ha-upgrade
  printf "%s\n" "${COMPREPLY[@]}"' _ "$home/bin/nso-ha-upgrade-completion.bash")
grep -qx upgrade-nso <<<"$completions" && grep -qx upgrade-pkgs-sys <<<"$completions" \
  || { echo "completion of 'upgrade-' gave: $completions" >&2; exit 1; }

echo "== unknown transport is refused"
set +e
msg=$("$bin" status -t carrier-pigeon 2>&1); code=$?
set -e
[ $code = 2 ] && grep -q "valid transports: cli, restconf" <<<"$msg" || { echo "unexpected: $code $msg" >&2; exit 1; }

# Loopback addresses of this run's own, so that nothing left over anywhere can collide with it.
block=127.$((100 + RANDOM % 150)).$((RANDOM % 200))
n=0
for transport in cli restconf; do
    n=$((n + 1))
    echo "== example upgrade-nso over $transport"
    "$bin" example upgrade-nso -t "$transport" -a $block.$((10 * n + 1)) -b $block.$((10 * n + 2)) -c $block.$((10 * n + 3)) \
        --ipc-port "$ipc1" --cli-port "$cli_port" --run-root "$work/run-$transport" --report "$work/report-$transport.json" \
        --html "$work/report-$transport.html"
    grep -q '"succeeded": true' "$work/report-$transport.json"
    grep -q '<svg id="timeline"' "$work/report-$transport.html"
    stop_nodes
done
echo "distribution test passed"
