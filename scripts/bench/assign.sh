#!/usr/bin/env bash
# Benchmark of customer-to-grid assignment (see docs/benchmarks.md, "## assign"): N random points
# against ~2,000 and ~20,000 hexagonal grids, the assign stage's broadcast GridIndex + mapPartitions
# side by side in one JVM with a plain Spark cross join filtered by a contains UDF (on a subset,
# extrapolated to points/s).
# Usage: scripts/bench/assign.sh [points] [grid counts] [cross-join UDF calls per run] [repeats]
#   defaults: 1000000 "2000,20000" 20000000 2. A 1M run is refused while the load average is
#   above 2.5 (the machine is shared): pass a smaller point count and say so in the figures.
# Environment: GRIDLENS_HEAP (default 3g), GRIDLENS_MASTER (default local[2]).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/jvm-flags.sh
POINTS=${1:-1000000}
GRIDS=${2:-2000,20000}
CROSS=${3:-20000000}
REPEATS=${4:-2}
load=$(cut -d' ' -f1 /proc/loadavg)
echo "load average: $load (cores: $(nproc))"
if [ "$POINTS" -ge 1000000 ] && awk "BEGIN {exit !($load > 2.5)}"; then
  echo "load above 2.5: not running a 1M benchmark; pass a smaller point count" >&2
  exit 2
fi
mvn -B -q -o -pl pipeline test-compile
CP_FILE=pipeline/target/bench-classpath.txt
[ -f "$CP_FILE" ] || mvn -B -q -o -pl pipeline dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$CP_FILE"
# geotools-wrapper carries unrelocated slf4j 1.7 classes: put it last so Spark's slf4j 2 wins
CP=$(tr ':' '\n' < "$CP_FILE" | awk '/geotools-wrapper/ {late = late ":" $0; next} {printf "%s%s", sep, $0; sep=":"} END {printf "%s", late}')
export SPARK_LOCAL_IP=127.0.0.1
mkdir -p target/bench
echo "java $(java -version 2>&1 | head -1); points $POINTS; grids $GRIDS; $(date -u +%FT%TZ)"
# shellcheck disable=SC2086
java -Xmx"${GRIDLENS_HEAP:-3g}" $SPARK_JVM_FLAGS \
  -Dspark.master="${GRIDLENS_MASTER:-local[2]}" -Dspark.driver.bindAddress=127.0.0.1 -Dspark.driver.host=127.0.0.1 \
  -Dspark.ui.enabled=false -Dspark.ui.showConsoleProgress=false \
  -Dlog4j2.configurationFile="$PWD/pipeline/src/test/resources/log4j2-test.properties" \
  -cp "pipeline/target/classes:pipeline/target/test-classes:$CP" \
  org.gridlens.pipeline.geo.AssignBenchmark "$POINTS" "$GRIDS" "$CROSS" "$REPEATS" 2>&1 \
  | tee target/bench/assign.log | grep -E "^(points|grids|run [0-9]|RESULT)"
