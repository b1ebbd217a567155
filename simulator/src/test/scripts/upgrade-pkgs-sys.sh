#!/usr/bin/env bash
# Package upgrade of a three-node rule-based HA cluster that emulates an NSO
# system install, driven only by the NSO command-line tools. Written for this
# project in the style of NSO's upgrade-cluster example: the nodes' load path
# is var/opt/ncs/packages, opt/ncs/current points at the install, and the
# primary fetches and installs dummy-1.1 and inert-1.0 from a package store,
# then syncs them to the secondaries with packages ha sync and-reload.
#
#   upgrade-pkgs-sys.sh -o NCS_DIR -w WORK_DIR [-a IP1] [-b IP2] [-c IP3]
#                       [-P PORT1,PORT2,PORT3] [-C CLI_PORT]
set -eu

IP1=127.0.1.1 IP2=127.0.2.1 IP3=127.0.3.1
PORTS=4561,4562,4563 CLI_PORT=2024
INSTALL='' WORK=''
while getopts "o:w:a:b:c:P:C:h" opt; do
    case $opt in
        o) INSTALL=$OPTARG ;;
        w) WORK=$OPTARG ;;
        a) IP1=$OPTARG ;;
        b) IP2=$OPTARG ;;
        c) IP3=$OPTARG ;;
        P) PORTS=$OPTARG ;;
        C) CLI_PORT=$OPTARG ;;
        h) sed -n '2,11p' "$0"; exit 0 ;;
        *) exit 2 ;;
    esac
done
[[ -n $INSTALL && -n $WORK ]] || { echo "need -o and -w" >&2; exit 2; }
INSTALL=$(cd "$INSTALL" && pwd)
IFS=, read -r PORT1 PORT2 PORT3 <<<"$PORTS"
IPS=("" "$IP1" "$IP2" "$IP3")
IPC=("" "$PORT1" "$PORT2" "$PORT3")

. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
trap stop_all EXIT

mkdir -p "$WORK"
cd "$WORK"
. "$INSTALL/ncsrc"
say "Packages and package store for $(ncs --version)"
rm -rf packages package-store cdb-init nso-node*
mkdir -p packages package-store cdb-init
# dummy-1.0 for the nodes; dummy-1.1 (a description leaf more) and inert-1.0
# for the store, each from a fresh skeleton.
ncs-make-package --service-skeleton template --dest packages/dummy-1.0 --no-test --root-container dummies dummy
make -s -C packages/dummy-1.0/src all
ncs-make-package --service-skeleton template --dest package-store/dummy-1.1 --no-test --root-container dummies dummy
sed -i.bak 's/1\.0/1.1/' package-store/dummy-1.1/package-meta-data.xml
rm package-store/dummy-1.1/package-meta-data.xml.bak
sed -i 's|// replace with your own stuff here|leaf description {\n      type string;\n    }|' \
    package-store/dummy-1.1/src/yang/dummy.yang
make -s -C package-store/dummy-1.1/src clean all
ncs-make-package --service-skeleton template --dest package-store/inert-1.0 --no-test --build --root-container inerts inert >/dev/null
(cd packages && tar czf dummy-1.0.tar.gz dummy-1.0 && rm -rf dummy-1.0)
(cd package-store && for p in dummy-1.1 inert-1.0; do tar czf "$p.tar.gz" "$p" && rm -rf "$p"; done)
ls packages package-store

cat > cdb-init/init.xml <<XML
<config xmlns="http://tail-f.com/ns/config/1.0">
  <high-availability xmlns="http://tail-f.com/ns/ncs">
    <token>super-secret</token>
    <ha-node><id>n1</id><address>$IP1</address><nominal-role>primary</nominal-role></ha-node>
    <ha-node><id>n2</id><address>$IP2</address><nominal-role>secondary</nominal-role>
      <failover-primary>true</failover-primary></ha-node>
    <ha-node><id>n3</id><address>$IP3</address><nominal-role>secondary</nominal-role></ha-node>
    <settings>
      <start-up><assume-nominal-role>true</assume-nominal-role><join-ha>true</join-ha></start-up>
      <enable-failover>true</enable-failover>
      <reconnect-interval>1</reconnect-interval>
      <reconnect-attempts>2</reconnect-attempts>
    </settings>
  </high-availability>
</config>
XML

say "Set up node 1-3 as simulated system installs, start them and enable HA"
for n in 1 2 3; do
    d=nso-node$n
    ncs-setup --dest "$d"
    sed -i.bak -e '/<ha>/,/<\/ha>/d' -e '/<\/ncs-config>/d' "$d/ncs.conf"
    printf '%s\n' '  <ha><enabled>true</enabled><ip>0.0.0.0</ip></ha>' \
        '  <ncs-ipc-address><port>4569</port></ncs-ipc-address>' '</ncs-config>' >> "$d/ncs.conf"
    sed -i.bak -e "s/0\.0\.0\.0/${IPS[$n]}/g" -e "s/127\.0\.0\.1/${IPS[$n]}/g" \
        -e "s/4569/${IPC[$n]}/g" -e "s/u@ncs/u@n$n/g" \
        -e 's|<webui>|<webui><match-host-name>false</match-host-name>|g' "$d/ncs.conf"
    [[ $CLI_PORT == 2024 ]] || sed -i.bak -e "s|<port>2024</port>|<port>$CLI_PORT</port>|" "$d/ncs.conf"
    (cd "$d/packages" && ln -sf ../../packages/* ./)
    (cd "$d/ncs-cdb" && ln -sf ../../cdb-init/*.xml ./)
    # The system-install layout: the install as opt/ncs/current, the store as
    # opt/ncs/packages, the active packages as links in var/opt/ncs/packages.
    mkdir -p "$d/opt/ncs" "$d/var/opt/ncs/packages"
    ln -s "$NCS_DIR" "$d/opt/ncs/current"
    ln -s ../../packages "$d/opt/ncs/"
    ln -s "$PWD/$d/opt/ncs/packages/dummy-1.0.tar.gz" "$d/var/opt/ncs/packages/dummy-1.0.tar.gz"
    sed -i.bak -e 's|<dir>${NCS_DIR}/etc/ncs|<dir>opt/ncs/current/etc/ncs|g' \
        -e 's|<dir>./packages|<dir>var/opt/ncs/packages|' "$d/ncs.conf"
    cat > "$d/run.env" <<ENV
export NCS_DIR=$PWD/$d/opt/ncs/current
export NCS_CONFIG_DIR=$PWD/$d
export NCS_RUN_DIR=$PWD/$d
export sname=ncsd$n
ENV
done
for n in 1 2 3; do
    (cd nso-node$n && . ./run.env && on "$n" ncs)
    on "$n" ncs_cmd -c 'maction /high-availability/enable'
done
wait_for "node 2 and 3 connected to node 1" 60 2 \
    on 1 ncs_cmd -o -c 'mrtrans; maapi_num_instances "/high-availability/status/connected-secondary"'

say "Dummy config on node 1, replicated to node 2 and 3"
on 1 ncs_cli --cwd nso-node1 -n -u admin -C <<CLI
config
dummies dummy d1 dummy 1.2.3.4
commit
end
show packages package dummy package-version | nomore
CLI

say "Backup before upgrading"
tar czf backup.tar.gz nso-node*

say "Install dummy-1.1 and inert-1.0 on node 1, sync them to node 2 and 3, add config"
out=$(on 1 ncs_cli --cwd nso-node1 -n -u admin -C <<CLI
software packages list
software packages fetch package-from-file $PWD/package-store/inert-1.0.tar.gz
software packages fetch package-from-file $PWD/package-store/dummy-1.1.tar.gz
software packages list
software packages install package inert-1.0
software packages install package dummy-1.1 replace-existing
software packages list
packages ha sync and-reload { wait-commit-queue-empty }
config
dummies dummy d1 description "hello world"
top
inerts inert i1 dummy 4.3.2.1
commit
CLI
)
printf '%s\n' "$out"
[[ $out == *"Commit complete."* ]] || fail "commit of the new config on node 1"

say "Every node runs dummy 1.1 and inert 1.0 and has the new config"
for n in 1 2 3; do
    on "$n" ncs_cli --cwd "nso-node$n" -n -u admin -C <<CLI
show running-config dummies | nomore
show running-config inerts | nomore
show packages package dummy package-version | notab | nomore
CLI
    wait_for "dummy version on node $n" 30 1.1 on "$n" ncs_cmd -o -c 'mrtrans; mget "/packages/package{dummy}/package-version"'
    wait_for "d1 description on node $n" 30 "hello world" on "$n" ncs_cmd -c 'mrtrans; mget "/dummies/dummy{d1}/description"'
    wait_for "i1 on node $n" 30 4.3.2.1 on "$n" ncs_cmd -c 'mrtrans; mget "/inerts/inert{i1}/dummy"'
done
wait_for "node 2 and 3 still connected to node 1" 30 2 \
    on 1 ncs_cmd -o -c 'mrtrans; maapi_num_instances "/high-availability/status/connected-secondary"'

say "Done: dummy 1.1 and inert 1.0 on all nodes"
