#!/usr/bin/env bash
# Adds up the Surefire and Failsafe reports of every module and example project into one closing line:
#   tests: 412 passed, 0 failed, 0 skipped
set -euo pipefail
cd "$(dirname "$0")/.."
total=0 failed=0 skipped=0
for f in */target/surefire-reports/TEST-*.xml */target/failsafe-reports/TEST-*.xml \
         examples/*/target/surefire-reports/TEST-*.xml; do
    [ -f "$f" ] || continue
    head=$(grep -o -m1 '<testsuite [^>]*>' "$f")
    attr() { sed -nE "s/.* $1=\"([0-9]+)\".*/\\1/p" <<<"$head"; }
    total=$((total + $(attr tests)))
    failed=$((failed + $(attr failures) + $(attr errors)))
    skipped=$((skipped + $(attr skipped)))
done
echo "tests: $((total - failed - skipped)) passed, $failed failed, $skipped skipped"
