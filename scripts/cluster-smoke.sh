#!/usr/bin/env bash
# spark-submit on a real Spark standalone cluster, without a Spark download: starts a master and
# two workers on 127.0.0.1 from the Spark jars Maven already holds, submits `nightly` for the sample
# city with --master spark://127.0.0.1:<port>, and checks the outputs are identical to a local run
# (every Parquet dataset's rows and every export file byte for byte). Unless --no-worker-kill, one
# worker (and its executor) is killed in the middle of a stage: the run must still complete on the
# other worker with identical outputs.
# Stops exactly the processes it started (by PID, on any exit). Logs: target/ops/cluster/.
#   scripts/cluster-smoke.sh [--no-worker-kill]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib/ops.sh"
worker_kill=1
[ "${1:-}" = "--no-worker-kill" ] && worker_kill=0
trap ops_cleanup EXIT
ops_init

# --- the Spark runtime, as Maven resolved it (copied once, kept outside target/ so `mvn clean` keeps it)
jars="$GRIDLENS_HOME/scripts/lib/sparkjars/target/jars"
if [ ! -f "$jars/.complete" ]; then
  ops_say "copying the Spark runtime jars from the local Maven repository to $jars"
  rm -rf "$jars"
  copy() { mvn -B -q "$@" -f "$GRIDLENS_HOME/scripts/lib/sparkjars/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$jars"; }
  # offline first (the build already resolved Spark into ~/.m2); online only if something is missing
  copy -o || copy || ops_fail "could not copy the Spark jars from Maven (see the output above)"
  touch "$jars/.complete"
fi
cluster="$OPS_DIR/cluster"
rm -rf "$cluster"; mkdir -p "$cluster/spark-home"
ln -s "$jars" "$cluster/spark-home/jars"
if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  export JAVA_HOME
fi

# --- the local reference run (shared with scripts/faults/*)
ops_reference

# --- master and two workers
mport=$(ops_free_port 7077)
mui=$(ops_free_port 8080)
# shellcheck disable=SC2086
java -Xmx512m $SPARK_JVM_FLAGS -cp "$jars/*" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "$mport" --webui-port "$mui" >"$cluster/master.log" 2>&1 &
master=$!; OPS_PIDS+=("$master")
ops_wait_port "$mport" 120 "$master" || { tail -20 "$cluster/master.log" >&2; ops_fail "master did not start on port $mport"; }
workers=()
for i in 1 2; do
  wui=$(ops_free_port $((mui + 1 + i)))
  mkdir -p "$cluster/work-$i"
  # shellcheck disable=SC2086
  SPARK_HOME="$cluster/spark-home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 \
    java -Xmx512m $SPARK_JVM_FLAGS -cp "$jars/*" org.apache.spark.deploy.worker.Worker "spark://127.0.0.1:$mport" \
    --host 127.0.0.1 --cores 1 --memory 1536m --webui-port "$wui" --work-dir "$cluster/work-$i" \
    >"$cluster/worker-$i.log" 2>&1 &
  workers+=($!); OPS_PIDS+=($!)
done
t=0
until [ "$(curl -s --max-time 5 "http://127.0.0.1:$mui/json/" | jq -r '.aliveworkers // 0' 2>/dev/null)" = 2 ]; do
  [ $t -ge 120 ] && { tail -20 "$cluster"/worker-*.log >&2; ops_fail "the workers did not register with the master in 120 s"; }
  sleep 1; t=$((t + 1))
done
ops_say "standalone cluster up: master spark://127.0.0.1:$mport (UI $mui), workers ${workers[*]}"

submit() { # $1 = run name; nightly's output goes to $OPS_DIR/$1, log to $OPS_DIR/$1/submit.log
  local out="$OPS_DIR/$1"
  # shellcheck disable=SC2086
  timeout "$OPS_TIMEOUT" java -Xmx"$GRIDLENS_HEAP" $SPARK_JVM_FLAGS -cp "$jars/*" \
    -Dlog4j2.configurationFile="$GRIDLENS_HOME/conf/log4j2.properties" \
    org.apache.spark.deploy.SparkSubmit --master "spark://127.0.0.1:$mport" --deploy-mode client \
    --class org.gridlens.jobs.GridLens --name "gridlens-cluster-smoke-$1" \
    --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
    --conf spark.executor.memory=1g --conf spark.cores.max=2 --conf spark.ui.showConsoleProgress=false \
    --conf spark.task.maxFailures=8 \
    "$GRIDLENS_APP_JAR" nightly --date "$OPS_DATE" --input "$OPS_INPUT" \
    --warehouse "$out/warehouse" --exports "$out/exports" >"$out/submit.log" 2>&1
}

# --- submit nightly to the cluster; unless --no-worker-kill, kill worker 2 (and its executor) in
# the middle of a stage. Either way the run must complete with outputs identical to the local run.
# (One cluster run covers both checks: CI time matters more than separating them.)
out="$OPS_DIR/cluster-run"
rm -rf "$out"; mkdir -p "$out"
ops_say "spark-submit nightly $OPS_DATE to spark://127.0.0.1:$mport (worker kill: $worker_kill)"
( submit cluster-run ) &
sub=$!; OPS_PIDS+=("$sub")
OPS_BG_PID=$sub; OPS_BG_LOG="$out/submit.log"
if [ $worker_kill = 1 ]; then
  stage=$(ops_wait_for_stage cluster-run "${GRIDLENS_OPS_KILL_STAGE:-assign}")
  victim=${workers[1]}
  executors=$(pgrep -P "$victim" || true)
  [ -n "$executors" ] || ops_fail "worker 2 (pid $victim) runs no executor: the application did not use both workers"
  ops_say "killing worker 2 (pid $victim) and its executor (pid $executors) during stage $stage"
  kill -KILL "$victim" $executors 2>/dev/null || true
fi
rc=0; wait "$sub" || rc=$?
[ $rc = 0 ] || { tail -30 "$out/submit.log" >&2; ops_fail "cluster nightly failed with exit code $rc; log $out/submit.log"; }
master_of=$(jq -r .spark_master "$(ops_manifest cluster-run)")
[ "$master_of" = "spark://127.0.0.1:$mport" ] || ops_fail "the manifest says master $master_of, not the cluster"
ops_compare reference cluster-run
ops_say "cluster smoke passed"
