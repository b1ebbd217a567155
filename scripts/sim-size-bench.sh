#!/usr/bin/env bash
# The simulator at production size: times ncs_load, haStatus, read-only, a one-entry write, a
# secondary's restart and full resync with N dummy entries on an in-process three-node cluster.
# Usage: scripts/sim-size-bench.sh [--docs docs/simulator.md] [N...]   (default 20000 100000 1000000)
# HEAP sets the JVM's -Xmx (default 8g: three nodes share the one JVM).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl simulator test-compile -Dspotless.check.skip=true
cp_file=simulator/target/size-bench.classpath
mvn -B -q -pl simulator dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$cp_file" >/dev/null
exec java -Xmx"${HEAP:-8g}" -cp "simulator/target/test-classes:simulator/target/classes:$(cat "$cp_file")" \
  dev.nsoha.sim.bench.DatastoreSizeBench "$@"
