#!/usr/bin/env bash
# private-sshd.sh start DIR ADDRESS... | stop DIR
#
# start: runs OpenSSH's sshd for the system-install example on a free port on each loopback ADDRESS, with
# everything of its own in DIR: host key, client key (id_ed25519) and authorized_keys, known_hosts for the
# client, sshd_config, pid file, log. Prints the port (also in DIR/port). Key authentication only.
# stop: stops the sshd that DIR's pid file names.
set -euo pipefail
SSHD=${SSHD:-/usr/sbin/sshd}
cmd=${1:-}
dir=${2:-}
[[ -n $cmd && -n $dir ]] || { echo "usage: $0 start DIR ADDRESS... | stop DIR" >&2; exit 2; }

case $cmd in
start)
    shift 2
    (( $# > 0 )) || { echo "$0: give at least one address to listen on" >&2; exit 2; }
    for a in "$@"; do
        [[ $a == 127.* ]] || { echo "$0: $a is not a loopback address (127.0.0.0/8)" >&2; exit 2; }
    done
    if [[ ! -x $SSHD ]] || ! command -v ssh-keygen >/dev/null; then
        echo "OpenSSH's sshd is not installed ($SSHD). Install it, e.g. on Debian or Ubuntu:" >&2
        echo "    apt-get install openssh-server openssh-client" >&2
        exit 2
    fi
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd -P)
    if [[ -f $dir/sshd.pid ]] && kill -0 "$(<"$dir/sshd.pid")" 2>/dev/null; then
        kill "$(<"$dir/sshd.pid")" || true
    fi
    [[ -f $dir/ssh_host_ed25519_key ]] || ssh-keygen -q -t ed25519 -N '' -C private-sshd -f "$dir/ssh_host_ed25519_key"
    [[ -f $dir/id_ed25519 ]] || ssh-keygen -q -t ed25519 -N '' -C private-sshd-client -f "$dir/id_ed25519"
    cp "$dir/id_ed25519.pub" "$dir/authorized_keys"
    # sshd started by root needs its privilege separation directory (Debian's service creates it).
    if [[ $(id -u) == 0 && ! -d /run/sshd ]]; then mkdir -p /run/sshd; fi
    port=''
    for _ in $(seq 1 100); do
        p=$(( 20000 + RANDOM % 30000 ))
        busy=0
        for a in 127.0.0.1 "$@"; do
            if (exec 3<>"/dev/tcp/$a/$p") 2>/dev/null; then busy=1; break; fi
        done
        (( busy )) || { port=$p; break; }
    done
    [[ -n $port ]] || { echo "$0: no free port found" >&2; exit 1; }
    {
        echo "Port $port"
        for a in "$@"; do echo "ListenAddress $a:$port"; done
        echo "HostKey $dir/ssh_host_ed25519_key"
        echo "PidFile $dir/sshd.pid"
        echo "AuthorizedKeysFile $dir/authorized_keys"
        echo "PubkeyAuthentication yes"
        echo "PasswordAuthentication no"
        echo "KbdInteractiveAuthentication no"
        echo "PermitRootLogin prohibit-password"
        echo "StrictModes no"
        echo "UsePAM no"
        echo "Subsystem sftp internal-sftp"
    } > "$dir/sshd_config"
    rm -f "$dir/sshd.pid"
    "$SSHD" -f "$dir/sshd_config" -E "$dir/sshd.log"
    deadline=$(( SECONDS + 15 ))
    until (exec 3<>"/dev/tcp/$1/$port") 2>/dev/null; do
        if (( SECONDS >= deadline )); then
            echo "$0: sshd does not listen on $1:$port; its log:" >&2
            cat "$dir/sshd.log" >&2
            exit 1
        fi
        sleep 0.1
    done
    key=$(cut -d' ' -f1,2 "$dir/ssh_host_ed25519_key.pub")
    : > "$dir/known_hosts"
    for a in "$@"; do echo "[$a]:$port $key" >> "$dir/known_hosts"; done
    echo "$port" > "$dir/port"
    echo "$port"
    ;;
stop)
    if [[ -f $dir/sshd.pid ]]; then
        pid=$(<"$dir/sshd.pid")
        kill "$pid" 2>/dev/null || true
        rm -f "$dir/sshd.pid"
        echo "stopped the private sshd (pid $pid)"
    fi
    ;;
*)
    echo "usage: $0 start DIR ADDRESS... | stop DIR" >&2
    exit 2
    ;;
esac
