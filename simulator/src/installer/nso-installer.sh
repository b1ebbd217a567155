#!/bin/sh
# nso-@VERSION@.linux.@ARCH@.installer.bin: installs the NSO simulator's release @VERSION@ as NSO's
# installer installs NSO, with the options of ncs-installer(1) (see simulator/README-tools.md,
# "Installers", and docs/system-install.md). A self-extracting shell script: the release is the
# tar.gz after the __NSO_PAYLOAD__ line.
VERSION='@VERSION@'
OS='linux'
ARCH='@ARCH@'
self=$0
name=nso-$VERSION.$OS.$ARCH.installer.bin

info() { printf 'INFO  %s\n' "$*"; }
die() { printf 'ERROR %s\n' "$*" >&2; exit 1; }

usage() {
    cat <<USAGE
Usage: $name [--local-install] LocalInstallDir
       $name --system-install [--install-dir InstallDir] [--config-dir ConfigDir]
           [--run-dir RunDir] [--log-dir LogDir] [--run-as-user User]
           [--keep-ncs-setup] [--non-interactive] [--ignore-init-scripts]
           [--ignore-systemd-script]

--local-install DIR     install the release in DIR (NCS_DIR), for development
--system-install        install for production: DIR/ncs-$VERSION with a 'current' link (made by the
                        first install only), config, run and log directories, environment script
                        and service files
--install-dir DIR       where releases go (default /opt/ncs)
--config-dir DIR        ncs.conf and SSH host keys (default /etc/ncs); the service files go to
                        DIR/../init.d, DIR/../systemd/system, DIR/../profile.d, DIR/../logrotate.d
--run-dir DIR           CDB, state, packages, backups (default /var/opt/ncs)
--log-dir DIR           logs (default /var/log/ncs)
--run-as-user USER      NSO runs as USER (the directories are given to USER when run as root)
--keep-ncs-setup        keep ncs-setup in a system install
--non-interactive       do not ask; replace an existing release directory and service file
--ignore-init-scripts   install no service files (containers)
--ignore-systemd-script install the SysV init script instead of the systemd unit
USAGE
}

need_arg() { [ $# -ge 2 ] && [ -n "$2" ] || die "$1 needs an argument"; }

mode='' local_dir='' install_dir=/opt/ncs config_dir=/etc/ncs run_dir=/var/opt/ncs log_dir=/var/log/ncs
run_as='' keep_setup=0 interactive=1 init=systemd
while [ $# -gt 0 ]; do
    case $1 in
        --local-install) mode=local
            if [ $# -ge 2 ] && [ "${2#-}" = "$2" ]; then local_dir=$2; shift; fi ;;
        --system-install) mode=system ;;
        --install-dir) need_arg "$@"; install_dir=$2; shift ;;
        --config-dir) need_arg "$@"; config_dir=$2; shift ;;
        --run-dir) need_arg "$@"; run_dir=$2; shift ;;
        --log-dir) need_arg "$@"; log_dir=$2; shift ;;
        --run-as-user) need_arg "$@"; run_as=$2; shift ;;
        --keep-ncs-setup) keep_setup=1 ;;
        --non-interactive) interactive=0 ;;
        --ignore-init-scripts) init=none ;;
        --ignore-systemd-script) [ "$init" = none ] || init=sysv ;;
        --fips-install) die "--fips-install is not supported by the NSO simulator" ;;
        -h|--help) usage; exit 0 ;;
        -*) usage >&2; die "unknown option $1" ;;
        *) [ -z "$local_dir" ] || die "more than one install directory: $local_dir and $1"
           [ -n "$mode" ] || mode=local
           local_dir=$1 ;;
    esac
    shift
done
[ -n "$mode" ] || { usage >&2; exit 1; }
[ "$mode" = system ] || [ -n "$local_dir" ] || die "--local-install needs a directory"

# The architecture check comes first: a release for another machine must not be unpacked at all.
host_os=$(uname -s | tr '[:upper:]' '[:lower:]')
host_arch=$(uname -m)
if [ "$host_os" != "$OS" ] || [ "$host_arch" != "$ARCH" ]; then
    die "$name is for $OS.$ARCH, but this host is $host_os.$host_arch; use nso-$VERSION.$host_os.$host_arch.installer.bin"
fi

abs() { case $1 in /*) printf '%s\n' "$1" ;; *) printf '%s/%s\n' "$PWD" "$1" ;; esac; }
local_dir=${local_dir:+$(abs "$local_dir")}
install_dir=$(abs "$install_dir"); config_dir=$(abs "$config_dir")
run_dir=$(abs "$run_dir"); log_dir=$(abs "$log_dir")

confirm() {
    [ "$interactive" = 0 ] && return 0
    printf '%s [y/N] ' "$1"
    read -r answer || answer=''
    case $answer in [yY]*) return 0 ;; *) die "cancelled" ;; esac
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/nso-installer.XXXXXX") || die "cannot create a temporary directory"
trap 'rm -rf "$tmp"' EXIT
info "Using temporary directory $tmp"
line=$(awk '/^__NSO_PAYLOAD__$/ { print NR + 1; exit }' "$self")
[ -n "$line" ] || die "$self is damaged: no payload"
mkdir "$tmp/release" || exit 1
tail -n +"$line" "$self" | tar -xzf - -C "$tmp/release" || die "$self is damaged: cannot unpack its payload"
info "Unpacked ncs-$VERSION in $tmp"

# place DIR: move the unpacked release to DIR, which names itself in ncsrc.
place() {
    dest=$1
    if [ -e "$dest" ] || [ -L "$dest" ]; then
        confirm "$dest exists; replace it?"
        rm -rf "$dest" || die "cannot remove $dest"
    fi
    mkdir -p "$(dirname "$dest")" || die "cannot create $(dirname "$dest")"
    mv "$tmp/release" "$dest" || die "cannot move the release to $dest"
    sed "s#^\\(    _ncsrc_file=\\).*/ncsrc\$#\\1$dest/ncsrc#" "$dest/ncsrc" > "$dest/ncsrc.new" \
        && mv "$dest/ncsrc.new" "$dest/ncsrc" || die "cannot write $dest/ncsrc"
    printf '%s\n' "$VERSION" > "$dest/VERSION"
}

if [ "$mode" = local ]; then
    place "$local_dir"
    info "NCS installation complete"
    exit 0
fi

# ---- system install
release=$install_dir/ncs-$VERSION
etc=$(dirname "$config_dir")
place "$release"
[ "$keep_setup" = 1 ] || rm -f "$release/bin/ncs-setup"
info "Installed ncs-$VERSION in $release"
if [ ! -e "$install_dir/current" ] && [ ! -L "$install_dir/current" ]; then
    ln -s "ncs-$VERSION" "$install_dir/current" || die "cannot create $install_dir/current"
    info "Created $install_dir/current -> ncs-$VERSION"
else
    info "Kept $install_dir/current -> $(readlink "$install_dir/current")"
fi
for d in "$install_dir/packages" "$config_dir/ssh" "$config_dir/ssl/cert" "$run_dir/cdb" \
         "$run_dir/packages" "$run_dir/state" "$run_dir/rollbacks" "$run_dir/backups" \
         "$run_dir/scripts/command" "$run_dir/scripts/policy" "$log_dir"; do
    mkdir -p "$d" || die "cannot create $d"
done

cat > "$install_dir/installdirs" <<EOF
NCS_CONFIG_DIR=$config_dir
NCS_RUN_DIR=$run_dir
NCS_LOG_DIR=$log_dir
export NCS_CONFIG_DIR NCS_RUN_DIR NCS_LOG_DIR
EOF

if [ -f "$config_dir/ncs.conf" ]; then
    info "Kept the existing $config_dir/ncs.conf"
else
    sed -e "s#\\./ncs-cdb#$run_dir/cdb#g" \
        -e "s#\\./state#$run_dir/state#g" \
        -e "s#\\./packages#$run_dir/packages#g" \
        -e "s#\\./scripts#$run_dir/scripts#g" \
        -e "s#\\./rollbacks#$run_dir/rollbacks#g" \
        -e "s#\\./logs#$log_dir#g" \
        -e "s#\${NCS_DIR}/etc/ncs/ssh#$config_dir/ssh#g" \
        "$release/etc/ncs/ncs.conf" > "$config_dir/ncs.conf" || die "cannot write $config_dir/ncs.conf"
    info "Wrote $config_dir/ncs.conf"
fi
if [ ! -f "$config_dir/ssh/ssh_host_ecdsa_key" ] && command -v ssh-keygen >/dev/null 2>&1; then
    info "Generating default SSH hostkey (this may take some time)"
    ssh-keygen -q -t ecdsa -b 256 -N '' -C "nso@$(uname -n)" -f "$config_dir/ssh/ssh_host_ecdsa_key" \
        || die "ssh-keygen failed"
fi

mkdir -p "$etc/profile.d" "$etc/logrotate.d" || die "cannot create $etc/profile.d"
cat > "$etc/profile.d/ncs.sh" <<EOF
# NSO's environment for login shells (written by $name)
. $install_dir/current/ncsrc
. $install_dir/installdirs
EOF
cat > "$etc/logrotate.d/ncs" <<EOF
$log_dir/*.log {
    missingok
    notifempty
    copytruncate
}
EOF

# fill FILE: replace the placeholders of a service file template.
fill() {
    sed -e "s#@NCSDIR@#$install_dir/current#g" -e "s#@CONFDIR@#$config_dir#g" \
        -e "s#@RUNDIR@#$run_dir#g" -e "s#@LOGDIR@#$log_dir#g" -e "s#@RUNAS@#$run_as#g"
}

case $init in
    systemd)
        unit=$etc/systemd/system/ncs.service
        if [ -e "$etc/init.d/ncs" ]; then
            confirm "$etc/init.d/ncs (SysV) exists; install the systemd unit beside it?"
            unit=$unit.prepare
            info "$etc/init.d/ncs exists: wrote $unit, not enabled; rename it to ncs.service and remove the SysV script"
        fi
        mkdir -p "$(dirname "$unit")" || die "cannot create $(dirname "$unit")"
        fill > "$unit" <<'EOF'
[Unit]
Description=Cisco NSO (simulated by nso-ha-upgrade's NSO simulator)
After=network-online.target

[Service]
Type=forking
EnvironmentFile=-@CONFDIR@/ncs.systemd.conf
Environment=NCS_DIR=@NCSDIR@ NCS_CONFIG_DIR=@CONFDIR@ NCS_RUN_DIR=@RUNDIR@ NCS_LOG_DIR=@LOGDIR@
ExecStart=@NCSDIR@/bin/ncs --cd @RUNDIR@ --heart -c @CONFDIR@/ncs.conf $NCS_EXTRA_ARGS
ExecStop=@NCSDIR@/bin/ncs --stop
TimeoutStartSec=600
TimeoutStopSec=300

[Install]
WantedBy=multi-user.target
EOF
        if [ ! -f "$config_dir/ncs.systemd.conf" ]; then
            cat > "$config_dir/ncs.systemd.conf" <<'EOF'
# Environment of the ncs systemd unit.
# NCS_RELOAD_PACKAGES=true|force reloads the packages at every start while it is set.
# NCS_EXTRA_ARGS=--ignore-initial-validation
EOF
        fi
        info "Installed $unit (run 'systemctl daemon-reload; systemctl enable ncs'; not started)" ;;
    sysv)
        mkdir -p "$etc/init.d" || die "cannot create $etc/init.d"
        fill > "$etc/init.d/ncs" <<'EOF'
#!/bin/sh
### BEGIN INIT INFO
# Provides:          ncs
# Required-Start:    $local_fs $network $remote_fs
# Required-Stop:     $local_fs $network $remote_fs
# Default-Start:     2 3 4 5
# Default-Stop:      0 1 6
# Short-Description: Cisco NSO (simulated by nso-ha-upgrade's NSO simulator)
### END INIT INFO
ncsdir=@NCSDIR@
confdir=@CONFDIR@
rundir=@RUNDIR@
logdir=@LOGDIR@
ncs=${ncsdir}/bin/ncs
conf="-c ${confdir}/ncs.conf"
NCS_DIR=$ncsdir
PATH=$ncsdir/bin:$PATH
NCS_CONFIG_DIR=$confdir
NCS_RUN_DIR=$rundir
NCS_LOG_DIR=$logdir
export NCS_DIR PATH NCS_CONFIG_DIR NCS_RUN_DIR NCS_LOG_DIR

start() {
    printf 'Starting ncs: '
    if $ncs --cd "${rundir}" --heart ${conf}; then echo .; else echo failed; return 1; fi
}

stop() {
    printf 'Stopping ncs: '
    if $ncs --stop; then echo .; else return 1; fi
}

case $1 in
    start) start ;;
    stop) stop ;;
    restart) stop; start ;;
    reload) $ncs --reload ;;
    status) $ncs --status ;;
    start-with-package-reload)
        NCS_RELOAD_PACKAGES=true; export NCS_RELOAD_PACKAGES; start ;;
    restart-with-package-reload)
        stop; NCS_RELOAD_PACKAGES=true; export NCS_RELOAD_PACKAGES; start ;;
    *) echo "Usage: ncs {start|stop|restart|reload|status|start-with-package-reload|restart-with-package-reload}"
       exit 1 ;;
esac
EOF
        chmod 755 "$etc/init.d/ncs" || exit 1
        info "Installed $etc/init.d/ncs" ;;
    none)
        info "No init scripts installed (--ignore-init-scripts)" ;;
esac

if [ -n "$run_as" ]; then
    if [ "$(id -u)" = 0 ] && id "$run_as" >/dev/null 2>&1; then
        chown -R "$run_as" "$config_dir" "$run_dir" "$log_dir" || die "cannot give the directories to $run_as"
        info "NSO runs as $run_as"
    else
        info "--run-as-user $run_as: not root or no such user; the directories keep their owner"
    fi
fi
info "NCS installation complete"
exit 0
__NSO_PAYLOAD__
