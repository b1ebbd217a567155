#!/bin/bash
# /run-nso.sh: the entrypoint of an nso-sim image, after cisco-nso-prod's conventions. It starts the simulated NSO
# node in the foreground from /nso/run and stops it cleanly (ncs --stop) on SIGTERM, so `docker stop` is a clean
# stop. Arguments and $EXTRA_ARGS are extra `ncs` start options (e.g. --with-package-reload).
#
# The configuration is the first of /etc/ncs/ncs.conf (baked into a derived image), /nso/etc/ncs.conf (the volume)
# and, on a node's first start, one generated into /nso/etc/ncs.conf from the install's default and these variables:
#   NSO_ADDRESS        the address every listener (CLI, RESTCONF, HA) binds, e.g. 127.0.1.1 (default 127.0.0.1)
#   NCS_IPC_PORT       the node's IPC port on 127.0.0.1 (default 4569); containers on the host network share
#                      127.0.0.1, so every node needs its own
#   NSO_CLI_PORT       CLI SSH port (default 2024)       NSO_RESTCONF_PORT  RESTCONF port (default 8080)
#   NSO_NODE_NAME      the name in the CLI prompt (default ncs)
# NSO_EXAMPLE_PACKAGES (an nso-sim addition, e.g. "dummy-1.0"): on a start with an empty /nso/run/packages, copy
# these example packages from /opt/ncs/examples/packages and build them with this image's ncsc.
# A copy of the configuration in use is kept as /nso/run/ncs.conf, so that ncs-backup includes it.
set -u
. /opt/ncs/current/ncsrc
export NCS_RUN_DIR=/nso/run NCS_LOG_DIR=/log NCS_CONFIG_DIR=/etc/ncs

fail() { printf 'run-nso.sh: %s\n' "$*" >&2; exit 2; }

# The simulator knows one user, admin with password admin (its local authentication). ADMIN_USERNAME and
# ADMIN_PASSWORD are accepted as on cisco-nso-prod, but may only name that user.
if [[ -n ${ADMIN_PASSWORD:-} || -n ${ADMIN_USERNAME:-} ]]; then
  [[ ${ADMIN_USERNAME:-admin} == admin && ${ADMIN_PASSWORD:-admin} == admin ]] ||
    fail "the simulator has the single user admin (password admin); ADMIN_USERNAME/ADMIN_PASSWORD cannot add another"
fi

mkdir -p /nso/etc /nso/etc/ssh /nso/run/{ncs-cdb,packages,state,scripts,backups} /log || fail "cannot write to /nso or /log"
[[ -e /nso/run/logs ]] || ln -s /log /nso/run/logs

generate_conf() {
  local addr=${NSO_ADDRESS:-127.0.0.1} ipc=${NCS_IPC_PORT:-4569} cli=${NSO_CLI_PORT:-2024}
  local rc=${NSO_RESTCONF_PORT:-8080} name=${NSO_NODE_NAME:-ncs}
  [[ $addr =~ ^127\.[0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "NSO_ADDRESS=$addr: nodes bind loopback addresses (127.x.y.z) only"
  sed -e '/<!-- Rule-based HA is off/,/-->/d' -e '/<\/ncs-config>/d' \
      -e "s|0\.0\.0\.0|$addr|g" -e "s|127\.0\.0\.1|$addr|g" \
      -e "s|<port>2024</port>|<port>$cli</port>|" -e "s|<port>8080</port>|<port>$rc</port>|" \
      -e "s|\\\\u@ncs|\\\\u@$name|g" \
      -e 's|<webui>|<webui><match-host-name>false</match-host-name>|' \
      -e 's|<ssh-server-key-dir>.*</ssh-server-key-dir>|<ssh-server-key-dir>/nso/etc/ssh</ssh-server-key-dir>|' \
      "$NCS_DIR/etc/ncs/ncs.conf" >/nso/etc/ncs.conf.new || fail "cannot write /nso/etc/ncs.conf"
  printf '  <ha>\n    <enabled>true</enabled>\n    <ip>%s</ip>\n  </ha>\n  <ncs-ipc-address>\n    <ip>127.0.0.1</ip>\n    <port>%s</port>\n  </ncs-ipc-address>\n</ncs-config>\n' \
    "$addr" "$ipc" >>/nso/etc/ncs.conf.new
  mv /nso/etc/ncs.conf.new /nso/etc/ncs.conf
}

if [[ -f /etc/ncs/ncs.conf ]]; then
  conf=/etc/ncs/ncs.conf
else
  [[ -f /nso/etc/ncs.conf ]] || generate_conf
  conf=/nso/etc/ncs.conf
fi
cp "$conf" /nso/run/ncs.conf

# The IPC port in the configuration is the one the tools (ncs --stop, the health check's ncs_cmd) must use.
text=$(<"$conf")
if [[ $text =~ \<ncs-ipc-address\>[^\<]*(\<ip\>[^\<]*\</ip\>[^\<]*)?\<port\>[[:space:]]*([0-9]+) ]]; then
  port=${BASH_REMATCH[2]}
  if [[ -n ${NCS_IPC_PORT:-} && $NCS_IPC_PORT != "$port" ]]; then
    fail "NCS_IPC_PORT=$NCS_IPC_PORT, but $conf sets IPC port $port; the health check and docker exec use NCS_IPC_PORT"
  fi
  export NCS_IPC_PORT=$port
fi
export NCS_IPC_ADDR=127.0.0.1

if [[ -n ${NSO_EXAMPLE_PACKAGES:-} && -z $(ls -A /nso/run/packages) ]]; then
  for p in $NSO_EXAMPLE_PACKAGES; do
    [[ -d /opt/ncs/examples/packages/$p ]] || fail "no example package $p in /opt/ncs/examples/packages"
    cp -r "/opt/ncs/examples/packages/$p" /nso/run/packages/ && make -s -C "/nso/run/packages/$p/src" all >&2 ||
      fail "cannot build example package $p"
  done
fi

# The run-directory markers of ha-hcc's node set-up, which its HA Raft upgrade relies on: the node
# announces it got this far with $NCS_RUN_DIR/initialized; while $NCS_RUN_DIR/upgrade exists it is held
# (the upgrade swaps packages and the release meanwhile); then package_reload_force starts it with
# --with-package-reload-force, package_reload with --with-package-reload (the markers stay until removed).
touch /nso/run/initialized
if [[ -e /nso/run/upgrade ]]; then
  echo "run-nso.sh: /nso/run/upgrade exists: holding the start until it is removed"
  while [[ -e /nso/run/upgrade ]]; do sleep 0.5; done
  . /opt/ncs/current/ncsrc
fi
reload_marker=''
if [[ -e /nso/run/package_reload_force ]]; then reload_marker=--with-package-reload-force
elif [[ -e /nso/run/package_reload ]]; then reload_marker=--with-package-reload; fi

for hook in "$NCS_CONFIG_DIR"/pre-ncs-start.d/*; do [[ -x $hook ]] && { "$hook" || fail "pre-start hook $hook failed"; }; done

child=0
stop() {
  trap '' TERM INT QUIT
  echo "run-nso.sh: stopping NSO (signal $1)"
  ncs --stop >/dev/null 2>&1 || kill -TERM "$child" 2>/dev/null
  wait "$child"
  exit "$((128 + $1))"
}
trap 'stop 15' TERM
trap 'stop 2' INT
trap 'stop 3' QUIT

# shellcheck disable=SC2086
ncs --cd /nso/run -c "$conf" --foreground -v ${reload_marker:+$reload_marker} ${EXTRA_ARGS:-} "$@" &
child=$!
echo "run-nso.sh: NSO $(ncs --version) starting (pid $child, config $conf, IPC port ${NCS_IPC_PORT:-4569}${EXTRA_ARGS:+, extra: $EXTRA_ARGS}${*:+ $*})"
(
  if ncs --wait-started 600 >/dev/null 2>&1; then
    echo "run-nso.sh: NSO started"
    for hook in "$NCS_CONFIG_DIR"/post-ncs-start.d/*; do [[ -x $hook ]] && "$hook"; done
  fi
) &
wait "$child"
rc=$?
# A trapped signal interrupts wait; the trap handler exits. Here NSO ended by itself.
echo "run-nso.sh: NSO exited with status $rc"
exit "$rc"
