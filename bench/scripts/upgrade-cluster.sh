#!/usr/bin/env bash
# The bench's shell-script baseline: the sequential NSO version upgrade of NSO's upgrade-cluster
# example (reset and set up three nodes, start them and enable HA, add config, read-only mode and a
# backup, then node 1, node 2 and node 3 upgraded one after the other with failover, and the final
# display), written for this project from the steps the example's README lists and driven only by
# the NSO command-line tools. `make bench` runs it side by side with `example upgrade-nso --strategy
# fast` on the same installs and prints the ratio of the two times. It runs unchanged against real
# NSO local installs.
#
#   upgrade-cluster.sh -o OLD_NCS_DIR -n NEW_NCS_DIR -w WORK_DIR
#                      [-a IP1] [-b IP2] [-c IP3] [-P PORT1,PORT2,PORT3] [-C CLI_PORT]
#
# Exit code 0 means every node ended on the new version, in its nominal role, with the config intact.
set -eu

IP1=127.0.1.1 IP2=127.0.2.1 IP3=127.0.3.1
PORTS=4561,4562,4563
INTERVAL=1 ATTEMPTS=2 CLI_PORT=2024
OLD_DIR='' NEW_DIR='' WORK=''
while getopts "o:n:w:a:b:c:P:C:h" opt; do
    case $opt in
        o) OLD_DIR=$OPTARG ;;
        n) NEW_DIR=$OPTARG ;;
        w) WORK=$OPTARG ;;
        a) IP1=$OPTARG ;;
        b) IP2=$OPTARG ;;
        c) IP3=$OPTARG ;;
        P) PORTS=$OPTARG ;;
        C) CLI_PORT=$OPTARG ;;
        h) sed -n '2,14p' "$0"; exit 0 ;;
        *) exit 2 ;;
    esac
done
[[ -n $OLD_DIR && -n $NEW_DIR && -n $WORK ]] || { echo "need -o, -n and -w" >&2; exit 2; }
OLD_DIR=$(cd "$OLD_DIR" && pwd)
NEW_DIR=$(cd "$NEW_DIR" && pwd)
IFS=, read -r PORT1 PORT2 PORT3 <<<"$PORTS"
IPS=("" "$IP1" "$IP2" "$IP3")
IPC=("" "$PORT1" "$PORT2" "$PORT3")


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

ha_mode() { on "$1" ncs_cmd -o -c 'mrtrans; mget "/high-availability/status/mode"'; }
secondaries() { on 1 ncs_cmd -o -c 'mrtrans; maapi_num_instances "/high-availability/status/connected-secondary"'; }
d1_value() { on "$1" ncs_cmd -c 'mrtrans; mget "/dummies/dummy{d1}/dummy"'; }

# On failure the nodes are stopped; on success they keep running, as after the example.
trap 'rc=$?; (( rc == 0 )) || stop_all' EXIT

mkdir -p "$WORK"
cd "$WORK"
. "$OLD_DIR/ncsrc"
OLD_VERSION=$(ncs --version)
say "Cluster on $OLD_VERSION at $IP1 $IP2 $IP3 (IPC ports $PORT1 $PORT2 $PORT3)"

say "Build the dummy package with $OLD_VERSION"
rm -rf packages cdb-init nso-node*
mkdir -p packages cdb-init
ncs-make-package --service-skeleton template --dest packages/dummy-1.0 --no-test --root-container dummies dummy
make -C packages/dummy-1.0/src all
(cd packages && tar czf dummy-1.0.tar.gz dummy-1.0 && rm -rf dummy-1.0)

cat > cdb-init/init.xml <<XML
<config xmlns="http://tail-f.com/ns/config/1.0">
  <high-availability xmlns="http://tail-f.com/ns/ncs">
    <token>super-secret</token>
    <ha-node>
      <id>n1</id>
      <address>$IP1</address>
      <nominal-role>primary</nominal-role>
    </ha-node>
    <ha-node>
      <id>n2</id>
      <address>$IP2</address>
      <nominal-role>secondary</nominal-role>
      <failover-primary>true</failover-primary>
    </ha-node>
    <ha-node>
      <id>n3</id>
      <address>$IP3</address>
      <nominal-role>secondary</nominal-role>
    </ha-node>
    <settings>
      <start-up>
        <assume-nominal-role>true</assume-nominal-role>
        <join-ha>true</join-ha>
      </start-up>
      <enable-failover>true</enable-failover>
      <reconnect-interval>$INTERVAL</reconnect-interval>
      <reconnect-attempts>$ATTEMPTS</reconnect-attempts>
    </settings>
  </high-availability>
</config>
XML

say "Set up, start and enable HA on node 1-3"
for n in 1 2 3; do
    d=nso-node$n
    ncs-setup --dest "$d"
    # Take out the HA block and the closing tag, add HA and IPC settings and
    # close again; then give every listener the node's own address.
    sed -i.bak -e '/<ha>/,/<\/ha>/d' -e '/<\/ncs-config>/d' "$d/ncs.conf"
    cat >> "$d/ncs.conf" <<XML
  <ha>
    <enabled>true</enabled>
    <ip>0.0.0.0</ip>
  </ha>
  <ncs-ipc-address>
    <port>4569</port>
  </ncs-ipc-address>
</ncs-config>
XML
    sed -i.bak -e "s/0\.0\.0\.0/${IPS[$n]}/g" -e "s/127\.0\.0\.1/${IPS[$n]}/g" \
        -e "s/4569/${IPC[$n]}/g" -e "s/u@ncs/u@n$n/g" \
        -e 's|<webui>|<webui><match-host-name>false</match-host-name>|g' "$d/ncs.conf"
    if [[ $CLI_PORT != 2024 ]]; then
        sed -i.bak -e "s|<port>2024</port>|<port>$CLI_PORT</port>|" "$d/ncs.conf"
    fi
    (cd "$d/packages" && ln -sf ../../packages/* ./)
    (cd "$d/ncs-cdb" && ln -sf ../../cdb-init/*.xml ./)
    echo "sname=ncsd$n; export sname" > "$d/run.env"
done
for n in 1 2 3; do
    (cd nso-node$n && . ./run.env && on "$n" ncs)
    on "$n" ncs_cmd -c 'maction /high-availability/enable'
done
wait_for "node 2 and 3 connected to node 1" 60 2 secondaries
on 1 ncs --status | grep -E '^(vsn|status):'

say "HA configuration of node 1"
on 1 ncs_load -W -Fp -p /high-availability

say "Add dummy config to node 1; it is replicated to node 2 and 3"
out=$(on 1 ncs_cli -n -u admin -C <<CLI
config
dummies dummy d1 dummy 1.2.3.4
commit
end
show high-availability | notab | nomore
show running-config dummies | nomore
CLI
)
printf '%s\n' "$out"
[[ $out == *"Commit complete."* ]] || fail "commit on node 1"
for n in 2 3; do
    on "$n" ncs_cli -n -u admin -C <<CLI
show high-availability status | notab | nomore
show running-config dummies | nomore
CLI
    wait_for "d1 on node $n" 10 1.2.3.4 d1_value "$n"
done

say "Read-only mode on node 1 and 2, then back up every node"
for n in 1 2; do
    on "$n" ncs_cli -n -u admin -C <<CLI
high-availability read-only mode true
CLI
done
wait_for "node 1 read-only" 10 true on 1 ncs_cmd -o -c 'mrtrans; mget "/high-availability/status/read-only-mode"'
for n in 1 2 3; do
    (cd nso-node$n && ncs-backup)
done
tar czf backup.tar.gz nso-node*

. "$NEW_DIR/ncsrc"
NEW_VERSION=$(ncs --version)
[[ $NEW_VERSION != "$OLD_VERSION" ]] || fail "old and new install have the same version $NEW_VERSION"
say "Upgrade from $OLD_VERSION to $NEW_VERSION"

rebuild() {
    (cd "nso-node$1/packages" && tar xzf dummy-1.0.tar.gz && rm dummy-1.0.tar.gz)
    make -C "nso-node$1/packages/dummy-1.0/src" clean all
}
restart() {
    on "$1" ncs --stop
    . "nso-node$1/run.env"
    on "$1" ncs --cd "nso-node$1" -c "$(pwd)/nso-node$1/ncs.conf" --with-package-reload
}

say "Disable HA on node 3"
on 3 ncs_cli -n -u admin -C <<CLI
high-availability disable
CLI

say "Disable HA on node 1; node 2 takes over as primary, read-only"
on 1 ncs_cli -n -u admin -C <<CLI
high-availability disable
CLI
wait_for "node 2 primary" 60 primary ha_mode 2

say "Rebuild node 1's package with $NEW_VERSION and restart node 1 on it"
rebuild 1
restart 1
on 1 ncs --status | grep -E '^vsn:'

say "Disable HA on node 2; enable it on node 1, which becomes primary"
on 2 ncs_cli -n -u admin -C <<CLI
high-availability disable
CLI
on 1 ncs_cli -n -u admin -C <<CLI
high-availability enable
CLI
wait_for "node 1 primary" 60 primary ha_mode 1

say "Rebuild and restart node 2; enable HA, it becomes secondary"
rebuild 2
restart 2
on 2 ncs_cli -n -u admin -C <<CLI
high-availability enable
CLI
wait_for "node 2 secondary" 60 secondary ha_mode 2

say "Rebuild and restart node 3; enable HA, it becomes secondary"
rebuild 3
restart 3
on 3 ncs_cli -n -u admin -C <<CLI
high-availability enable
CLI
wait_for "node 2 and 3 connected to node 1" 60 2 secondaries

say "Final state"
for n in 1 2 3; do
    vsn=$(on "$n" ncs --status | sed -n 's/^vsn: //p')
    [[ $vsn == "$NEW_VERSION" ]] || fail "node $n runs $vsn, not $NEW_VERSION"
    wait_for "d1 on node $n" 10 1.2.3.4 d1_value "$n"
    on "$n" ncs_cli -n -u admin -C <<CLI
show high-availability | notab | nomore
show running-config dummies | nomore
show packages package dummy oper-status | nomore
CLI
done
[[ $(ha_mode 1) == primary && $(ha_mode 2) == secondary && $(ha_mode 3) == secondary ]] \
    || fail "roles after the upgrade: $(ha_mode 1) $(ha_mode 2) $(ha_mode 3)"

say "Done: all nodes on $NEW_VERSION in their nominal roles"
