#!/usr/bin/env bash
# Benchmark of the view stage against a plain Spark scan-and-aggregate of the same clean Parquet,
# alternated in one JVM (see docs/benchmarks.md, "## view").
# Usage: scripts/bench/view.sh [city dir | synthetic:N] [repeats]
#   default: /work/bench-cache/city-1m when present, else synthetic:100000.
#   A city dir is read as CSV (<city>/input/<extract>/) and cast to the CLEAN schemas (a stand-in
#   for the ingest stage); the grid assignment is synthetic (a stand-in for the assign stage).
# The session is set up as every GridLens session is (SparkSessions): adaptive coalescing off, so
#   every shuffle has exactly 16 partitions; whole-stage codegen capped at HotSpot's 8000-byte limit.
# Environment: GRIDLENS_HEAP (default 6g), BENCH_WORK (default target/bench/view-<source>),
#   GRIDLENS_MASTER (default local[2]), BENCH_JAVA_OPTS (extra JVM options, e.g. -Dbench.parts=all to
#   time each source's aggregation alone first).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/jvm-flags.sh
SRC=${1:-}
if [ -z "$SRC" ]; then
  if [ -d /work/bench-cache/city-1m/input ]; then SRC=/work/bench-cache/city-1m; else SRC=synthetic:100000; fi
fi
REPEATS=${2:-2}
load=$(cut -d' ' -f1 /proc/loadavg)
echo "load average: $load (cores: $(nproc))"
if [[ "$SRC" == *1m* ]] && awk "BEGIN {exit !($load > 2.5)}"; then
  echo "load above 2.5: not running a 1M benchmark; pass a smaller city or synthetic:N" >&2
  exit 2
fi
WORK=${BENCH_WORK:-target/bench/view-$(basename "${SRC//:/-}")}
mkdir -p "$WORK"
mvn -B -q -o -pl pipeline test-compile
CP_FILE=pipeline/target/bench-classpath.txt
[ -f "$CP_FILE" ] || mvn -B -q -o -pl pipeline dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$CP_FILE"
export SPARK_LOCAL_IP=127.0.0.1
echo "java $(java -version 2>&1 | head -1); source $SRC; work $WORK; $(date -u +%FT%TZ)"
# shellcheck disable=SC2086
java -Xmx"${GRIDLENS_HEAP:-6g}" $SPARK_JVM_FLAGS ${BENCH_JAVA_OPTS:-} \
  -Dspark.master="${GRIDLENS_MASTER:-local[2]}" -Dspark.driver.bindAddress=127.0.0.1 -Dspark.driver.host=127.0.0.1 \
  -Dspark.ui.enabled=false -Dspark.sql.shuffle.partitions=16 -Dspark.sql.adaptive.coalescePartitions.enabled=false -Dspark.sql.codegen.hugeMethodLimit=8000 \
  -Dspark.ui.showConsoleProgress=false \
  -Dlog4j2.configurationFile="$PWD/pipeline/src/test/resources/log4j2-test.properties" \
  -cp "pipeline/target/classes:pipeline/target/test-classes:$(cat "$CP_FILE")" \
  org.gridlens.pipeline.features.ViewBenchmark "$WORK" "$SRC" "$REPEATS" 2>&1 | tee "$WORK/bench.log" | grep -E "^(rows|prepare|run [0-9]|RESULT|part )"
