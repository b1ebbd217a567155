# Helpers shared by the example-style cluster scripts, sourced after the caller has set IPC (the nodes' IPC
# ports, index 1..3). Like NSO's examples keep theirs in a common/ directory.

say() { printf '\n##### %s\n' "$*"; }
fail() { printf '\nFAILED: %s\n' "$*" >&2; exit 1; }

# Every tool reaches a node through 127.0.0.1 and the node's own IPC port.
export NCS_IPC_ADDR=127.0.0.1
on() { local n=$1; shift; NCS_IPC_PORT=${IPC[$n]} "$@"; }

# wait_for DESCRIPTION SECONDS EXPECTED COMMAND...: poll until COMMAND prints
# EXPECTED, failing with the last output after SECONDS.
wait_for() {
    local what=$1 secs=$2 want=$3 got='' deadline
    shift 3
    deadline=$(( SECONDS + secs ))
    while :; do
        got=$("$@" 2>&1) || true
        [[ $got == "$want" ]] && return 0
        (( SECONDS < deadline )) || fail "$what: expected '$want' within ${secs}s, last saw '$got'"
        sleep 0.2
    done
}

# Stops the three nodes; nodes already down are fine.
stop_all() {
    for n in 1 2 3; do on "$n" ncs --stop >/dev/null 2>&1 || true; done
}
