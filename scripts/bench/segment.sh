#!/usr/bin/env bash
# Benchmark of the segment stage (docs/benchmarks.md, "## segment").
# usage: scripts/bench/segment.sh [CUSTOMERS] [GRIDS] [MLLIB_GRIDS]   (default 1000000 2000 10)
# BENCH_JAVA_OPTS="-Dbench.restarts=4 -Dbench.selectionRestarts=1" runs the stage with other restart counts.
# Data is generated (planted archetypes) under ${BENCH_DIR:-/tmp/gridlens-bench-segment}.
set -euo pipefail
cd "$(dirname "$0")/../.."
CUSTOMERS=${1:-1000000}
GRIDS=${2:-2000}
MLLIB_GRIDS=${3:-10}
BENCH_DIR=${BENCH_DIR:-/tmp/gridlens-bench-segment}
HEAP=${GRIDLENS_HEAP:-6g}
load=$(cut -d' ' -f1 /proc/loadavg)
echo "load average: $load  (brief: no 1M run above 2.5)"
mvn -B -q -o -pl pipeline compile
B=scripts/bench/segment
mvn -B -q -f $B/pom.xml dependency:build-classpath -Dmdep.outputFile=target/cp.txt
mkdir -p $B/target/classes
javac -nowarn -d $B/target/classes -cp "pipeline/target/classes:$(cat $B/target/cp.txt)" \
  $(find $B/src/main/java -name '*.java')
FLAGS=$(sed -n 's:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p' pom.xml)
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), Spark 4.1.1, MLlib 4.1.0, Smile 3.1.1"
SPARK_LOCAL_IP=127.0.0.1 java $FLAGS ${BENCH_JAVA_OPTS:-} -Xmx$HEAP -Dlog4j2.configurationFile=conf/log4j2.properties \
  -cp "$B/target/classes:pipeline/target/classes:$(cat $B/target/cp.txt)" \
  org.gridlens.bench.SegmentBench "$BENCH_DIR" "$CUSTOMERS" "$GRIDS" "$MLLIB_GRIDS"
