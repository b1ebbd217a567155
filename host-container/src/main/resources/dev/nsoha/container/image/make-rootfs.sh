#!/usr/bin/env bash
# Builds the two layers of an nso-sim image, as deterministic tar files (same input, same bytes, so that Docker's
# build cache shares the base layer between the images of every version):
#   OUT/base.tar         a jlink Java runtime, real bash and GNU make with their libraries, busybox for the rest of
#                        the shell tools, /run-nso.sh, /etc files and the volume mount points /nso and /log
#   OUT/install-V.tar    the simulator's install V as a system install lays it out: /opt/ncs/ncs-V and /opt/ncs/current,
#                        and the example packages' sources in /opt/ncs/examples/packages
# Usage: make-rootfs.sh OUT INSTALLS_DIR PACKAGE_SOURCES VERSION...   (JDK: $JLINK_JDK, else the JDK of the java on PATH)
# Nothing is downloaded: every file comes from this machine (JDK jmods, /bin/bash, /usr/bin/make, /bin/busybox).
set -euo pipefail
out=$1 installs=$2 pkgsrc=$3
shift 3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
jdk=${JLINK_JDK:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
[[ -x $jdk/bin/jlink && -d $jdk/jmods ]] || { echo "make-rootfs: $jdk has no jlink and jmods (install openjdk-17-jdk-headless)" >&2; exit 2; }
busybox=${BUSYBOX:-/bin/busybox}
[[ -x $busybox ]] && ! ldd "$busybox" >/dev/null 2>&1 || { echo "make-rootfs: no static busybox at $busybox (install busybox-static)" >&2; exit 2; }
for t in bash make tar; do command -v $t >/dev/null || { echo "make-rootfs: $t is missing on this machine" >&2; exit 2; }; done
mkdir -p "$out"
tarit() { tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --format=gnu -C "$1" -cf "$2" .; }

# The simulator's modules (jdeps), without java.desktop/java.rmi/jgss which only optional code paths reference.
modules=java.base,java.logging,java.management,java.naming,java.sql,java.xml,jdk.httpserver,jdk.crypto.ec,jdk.unsupported,jdk.zipfs
stamp="$modules|$(sha256sum "$here/make-rootfs.sh" "$here/run-nso.sh" | cut -c1-64 | tr '\n' ' ')|$jdk|$(readlink -f "$busybox")"
if [[ ! -f $out/base.tar || $(cat "$out/base.stamp" 2>/dev/null) != "$stamp" ]]; then
  root=$out/base-root
  rm -rf "$root" "$out/base.tar"
  mkdir -p "$root"/{opt,etc/ncs/pre-ncs-start.d,etc/ncs/post-ncs-start.d,tmp,lib64,root,bin,usr/bin,usr/sbin,sbin,nso/run,nso/etc,log,defaults}
  chmod 1777 "$root/tmp"
  "$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=2 \
    --output "$root/opt/jre"
  # Class-data sharing archive: every JVM in the container (node, ncsc) starts faster.
  "$root/opt/jre/bin/java" -Xshare:dump >/dev/null 2>&1 || true
  cp "$busybox" "$root/bin/busybox"
  for applet in $("$busybox" --list-full); do
    [[ -e $root/$applet || -L $root/$applet ]] || ln -s /bin/busybox "$root/$applet"
  done
  # Real bash (the NSO tools use bash features busybox's ash lacks), GNU make (package builds) and GNU tar
  # (ncs-backup's archives; busybox's tar does not detect compression when extracting).
  rm -f "$root/bin/bash" "$root/usr/bin/make" "$root/bin/sh" "$root/bin/tar"
  cp -L "$(readlink -f "$(command -v bash)")" "$root/bin/bash"
  cp -L "$(readlink -f "$(command -v make)")" "$root/usr/bin/make"
  cp -L "$(readlink -f "$(command -v tar)")" "$root/bin/tar"
  ln -s bash "$root/bin/sh"
  copy_libs() {
    for f; do ldd "$f" 2>/dev/null | awk '/=> \//{print $3} /^[[:space:]]*\/lib/{print $1}'; done | sort -u |
      while read -r l; do
        mkdir -p "$root$(dirname "$l")"
        cp -L "$l" "$root$l"
      done
  }
  copy_libs "$root/bin/bash" "$root/usr/bin/make" "$root/bin/tar" "$root"/opt/jre/bin/* $(find "$root/opt/jre/lib" -name '*.so')
  cp -L /lib64/ld-linux-x86-64.so.2 "$root/lib64/"
  printf 'root:x:0:0:root:/root:/bin/sh\nnso:x:1000:1000:nso:/nso:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/sh\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnso:x:1000:\nnogroup:x:65534:\n' >"$root/etc/group"
  printf 'hosts: files dns\n' >"$root/etc/nsswitch.conf"
  printf '127.0.0.1 localhost\n::1 localhost\n' >"$root/etc/hosts"
  install -m 0755 "$here/run-nso.sh" "$root/run-nso.sh"
  tarit "$root" "$out/base.tar"
  printf '%s' "$stamp" >"$out/base.stamp"
  rm -rf "$root"
fi

for v in "$@"; do
  src=$installs/nso-$v
  [[ -x $src/bin/ncs ]] || { echo "make-rootfs: no simulator install $src (build it: make build)" >&2; exit 2; }
  root=$out/install-$v-root
  rm -rf "$root"
  mkdir -p "$root/opt/ncs"
  cp -a "$src" "$root/opt/ncs/ncs-$v"
  sed -i "s|^    _ncsrc_file=.*/ncsrc\$|    _ncsrc_file=/opt/ncs/ncs-$v/ncsrc|" "$root/opt/ncs/ncs-$v/ncsrc"
  rm -rf "$root/opt/ncs/ncs-$v/etc/ncs/ssh/"*
  ln -s "ncs-$v" "$root/opt/ncs/current"
  mkdir -p "$root/opt/ncs/packages" "$root/opt/ncs/examples/packages"
  for p in "$pkgsrc"/*/; do
    [[ -f $p/package-meta-data.xml ]] && cp -a "${p%/}" "$root/opt/ncs/examples/packages/"
  done
  rm -rf "$root"/opt/ncs/examples/packages/*/load-dir
  tarit "$root" "$out/install-$v.tar"
  rm -rf "$root"
done
