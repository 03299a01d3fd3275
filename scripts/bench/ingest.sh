#!/usr/bin/env bash
# Benchmark of the ingest stage (not a test): ingest rows/s on a generated city, and its ratio to
# the floor — Spark's own CSV reader with an explicit all-string schema writing the same files
# straight to Parquet — both in one JVM, best of N rounds each. Goal: ratio <= 1.5.
# Usage: scripts/bench/ingest.sh [input-root] [rounds]
#   input-root defaults to the first of /work/bench-cache/city-1m|city-300k|city-100k/input that
#   exists; else the committed sample city (sample-data/input); with BENCH_CUSTOMERS set, a synthetic city of BENCH_CUSTOMERS (default 50000) customers is
#   generated into target/bench-ingest/input (20 CDR rows, 5 VAS rows, 3 bills per customer).
# Environment: GRIDLENS_HEAP (default 3g), BENCH_CUSTOMERS, BENCH_MASTER (default local[2]).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/jvm-flags.sh
rounds=${2:-2}
input=${1:-}
if [ -z "$input" ]; then
  for size in city-1m city-300k city-100k; do
    if [ -d "/work/bench-cache/$size/input" ]; then
      load=$(cut -d' ' -f1 /proc/loadavg)
      if [ "$size" = city-1m ] && awk "BEGIN{exit !($load > 2.5)}"; then
        echo "bench: load $load > 2.5, skipping city-1m" >&2; continue
      fi
      input=/work/bench-cache/$size/input; break
    fi
  done
fi
mvn -B -q -o -pl pipeline test-compile
mvn -B -q -o -pl pipeline dependency:build-classpath -Dmdep.outputFile=target/bench-ingest.cp -Dmdep.includeScope=test >/dev/null
cp="pipeline/target/classes:pipeline/target/test-classes:$(cat pipeline/target/bench-ingest.cp)"
export SPARK_LOCAL_IP=127.0.0.1
run() {
  # shellcheck disable=SC2086
  java -Xmx"${GRIDLENS_HEAP:-3g}" $SPARK_JVM_FLAGS -Dspark.master="${BENCH_MASTER:-local[2]}" \
    -Dspark.driver.bindAddress=127.0.0.1 -Dspark.driver.host=127.0.0.1 -Dspark.ui.enabled=false \
    -Dlog4j2.configurationFile="$PWD/conf/log4j2.properties" -Dgridlens.conf=conf/gridlens.yaml \
    -cp "$cp" org.gridlens.pipeline.ingest.IngestBenchmark "$@"
}
if [ -z "$input" ] && [ -d sample-data/input ] && [ -z "${BENCH_CUSTOMERS:-}" ]; then
  echo "bench: no city in /work/bench-cache; using the committed sample city (sample-data/input)" >&2
  input=sample-data/input
fi
if [ -z "$input" ]; then
  input=target/bench-ingest/input
  if [ ! -d "$input" ]; then
    echo "bench: no city in /work/bench-cache; generating ${BENCH_CUSTOMERS:-50000} customers into $input" >&2
    run --generate "${BENCH_CUSTOMERS:-50000}" "$input"
  fi
fi
echo "bench: input $input ($(du -sh "$input" | cut -f1)), rounds $rounds, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "bench: java $(java -version 2>&1 | head -1), spark $(grep -m1 '<spark.version>' pom.xml | sed -E 's/.*>([0-9.]+)<.*/\1/')"
run "$input" target/bench-ingest/work "$rounds"
