#!/usr/bin/env bash
# build-cds-archive.bash INSTALL_DIR: builds the install's class-data sharing archive lib/nsosim.jsa
# from one training start of a node (dev.nsoha.sim.node.CdsTraining), so that later node starts and
# ncsc runs map the classes they need instead of loading them from the jars. The archive is only
# valid for this install's path; lib/nsosim.jsa.home records it, and bin/ncs and bin/ncsc use the
# archive only where it matches. Run by the build and by the distribution's bin/build-cds-archives.
set -u
install=$(cd "${1:?usage: build-cds-archive.bash INSTALL_DIR}" && pwd -P)
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
jsa=$install/lib/nsosim.jsa
rm -f "$jsa" "$jsa.home" "$jsa.log"
if "$java" -XX:ArchiveClassesAtExit="$jsa" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k \
        -cp "$install/lib/*" dev.nsoha.sim.node.CdsTraining "$install" >"$jsa.log" 2>&1 \
        && [[ -s $jsa ]]; then
    printf '%s\n' "$install" >"$jsa.home"
    rm -f "$jsa.log"
else
    printf 'warning: no class-data sharing archive for %s (see %s); its nodes start without one\n' \
        "$install" "$jsa.log" >&2
fi
