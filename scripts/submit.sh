#!/usr/bin/env bash
# Runs a GridLens job through a real spark-submit: SPARK_HOME must point at a Spark 4.1 (Scala 2.13)
# installation. Extra spark-submit options go in SPARK_SUBMIT_OPTS_GRIDLENS, e.g.
#   SPARK_SUBMIT_OPTS_GRIDLENS="--master spark://host:7077 --executor-memory 4g" scripts/submit.sh nightly --date 2026-11-21
set -euo pipefail
: "${SPARK_HOME:?set SPARK_HOME to a Spark 4.1 installation (scripts/gridlens runs without one)}"
source "$(dirname "$0")/lib/build.sh"
gridlens_build
# shellcheck disable=SC2086
exec "$SPARK_HOME/bin/spark-submit" --class org.gridlens.jobs.GridLens \
  --conf spark.driver.extraJavaOptions="-Dlog4j2.configurationFile=$GRIDLENS_HOME/conf/log4j2.properties" \
  ${SPARK_SUBMIT_OPTS_GRIDLENS:-} "$GRIDLENS_APP_JAR" "$@"
