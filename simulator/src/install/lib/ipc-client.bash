# Client side of the simulator's IPC protocol, shared by the command-line
# tools (ncs_cmd, ncs_cli, ncs_load and the control commands of ncs).
# Sourced, never run. The protocol is described in README-tools.md.
#
# Request: the line "NSOSIM-IPC 1", then fields "<K> <byte length>\n<bytes>\n"
# (T tool, A argument, E environment NAME=VALUE, D working directory,
# I standard input), then a line ".".
# Reply: the line "<exit code> <stderr length>", the stderr bytes, then the
# stdout bytes until the node closes the connection.

# Lengths are counted in bytes.
LC_ALL=C
# A peer that closes early makes writes fail instead of killing the tool.
trap '' PIPE

_ipc_req=$'NSOSIM-IPC 1\n'

ipc_field() {
    _ipc_req+="$1 ${#2}"$'\n'"$2"$'\n'
}

# ipc_env: send the NCS_* variables and USER, as the node may need them.
ipc_env() {
    local name
    for name in $(compgen -e); do
        case $name in
            NCS_*|USER|LOGNAME) ipc_field E "$name=${!name}" ;;
        esac
    done
}

# ipc_stdin: send everything on standard input.
ipc_stdin() {
    local data=''
    IFS= read -r -d '' data || true
    ipc_field I "$data"
}

# ipc_connect ADDR PORT: open fd 3, return 1 if nothing listens there.
ipc_connect() {
    { exec 3<>"/dev/tcp/$1/$2"; } 2>/dev/null
}

# ipc_exchange: send the request on fd 3, copy the reply to stdout/stderr and
# exit with the node's exit code. A connection that closes early exits with
# the code given as $1.
ipc_exchange() {
    local rc elen err=''
    _ipc_req+=$'.\n'
    printf '%s' "$_ipc_req" >&3 2>/dev/null
    if ! IFS=' ' read -r rc elen <&3 && [[ -z $rc ]]; then
        printf '%s: the node closed the connection\n' "${0##*/}" >&2
        exit "$1"
    fi
    if [[ ! $rc =~ ^[0-9]+$ || ! $elen =~ ^[0-9]+$ ]]; then
        printf '%s: the IPC port did not answer like an NSO simulator node\n' "${0##*/}" >&2
        exit "$1"
    fi
    if (( elen > 0 )); then
        IFS= read -r -d '' -N "$elen" err <&3
        printf '%s' "$err" >&2
    fi
    cat <&3
    exec 3<&-
    exit "$rc"
}

# How long a quick request waits for each part of the answer (seconds).
IPC_TIMEOUT=${NSOSIM_IPC_TIMEOUT:-30}

# ipc_quick ADDR PORT TOOL ARG...: one request whose reply is kept in
# IPC_RC, IPC_OUT and IPC_ERR instead of being printed. Returns 1 when
# nothing listens on ADDR:PORT, 2 when what listens closed the connection
# early or did not answer like a node, 3 when it gave no answer within
# IPC_TIMEOUT seconds (a hung node).
ipc_quick() {
    local addr=$1 port=$2 tool=$3 elen a
    shift 3
    _ipc_req=$'NSOSIM-IPC 1\n'
    ipc_field T "$tool"
    for a in "$@"; do ipc_field A "$a"; done
    ipc_field D "$PWD"
    ipc_env
    _ipc_req+=$'.\n'
    IPC_RC='' IPC_OUT='' IPC_ERR=''
    ipc_connect "$addr" "$port" || return 1
    # A quick request gets a quick answer; something else listening on the
    # port must not hang the caller.
    if ! printf '%s' "$_ipc_req" >&3 2>/dev/null; then
        exec 3<&-
        return 2
    fi
    IFS=' ' read -r -t "$IPC_TIMEOUT" IPC_RC elen <&3
    a=$?
    if (( a > 128 )); then
        exec 3<&-
        return 3
    fi
    if (( a != 0 )) || [[ ! $IPC_RC =~ ^[0-9]+$ || ! $elen =~ ^[0-9]+$ ]]; then
        exec 3<&-
        return 2
    fi
    if (( elen > 0 )); then
        IFS= read -r -t "$IPC_TIMEOUT" -d '' -N "$elen" IPC_ERR <&3
    fi
    IFS= read -r -t "$IPC_TIMEOUT" -d '' IPC_OUT <&3 || true
    exec 3<&-
    return 0
}
