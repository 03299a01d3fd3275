# Shared helpers of scripts/cluster-smoke.sh and scripts/faults/*.sh (sourced, not run).
# Everything they write stays under target/ops/ (logs included, for CI artefacts); processes they
# start are recorded by PID and stopped by PID on exit, never by name.
# Environment: GRIDLENS_OPS_DATE (default 2026-10-31), GRIDLENS_OPS_INPUT (default sample-data/input),
# GRIDLENS_OPS_TIMEOUT (seconds per nightly run, default 900), GRIDLENS_HEAP (default 2g here).
source "$(dirname "${BASH_SOURCE[0]}")/jvm-flags.sh"
source "$(dirname "${BASH_SOURCE[0]}")/build.sh"

OPS_DATE="${GRIDLENS_OPS_DATE:-2026-10-31}"
OPS_TIMEOUT="${GRIDLENS_OPS_TIMEOUT:-900}"
export GRIDLENS_HEAP="${GRIDLENS_HEAP:-2g}"
export SPARK_LOCAL_IP=127.0.0.1
OPS_PIDS=()

ops_say() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }
ops_fail() { echo "FAIL: $*" >&2; exit 1; }

# Builds the application if needed (before anything is written under target/: a rebuild cleans it).
ops_init() {
  gridlens_build
  OPS_DIR="$GRIDLENS_HOME/target/ops"
  OPS_INPUT="${GRIDLENS_OPS_INPUT:-$GRIDLENS_HOME/sample-data/input}"
  mkdir -p "$OPS_DIR"
  [ -d "$OPS_INPUT" ] || ops_fail "input folder $OPS_INPUT does not exist (set GRIDLENS_OPS_INPUT)"
  command -v jq >/dev/null || ops_fail "jq is required to read run manifests"
}

# Stops every process this script started, children (Spark executors) first. Used as an EXIT trap.
ops_cleanup() {
  local pid child
  for pid in "${OPS_PIDS[@]}"; do
    for child in $(pgrep -P "$pid" 2>/dev/null); do kill -TERM "$child" 2>/dev/null || true; done
    kill -TERM "$pid" 2>/dev/null || true
  done
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    local alive=0
    for pid in "${OPS_PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ $alive = 0 ] && break
    sleep 1
  done
  for pid in "${OPS_PIDS[@]}"; do
    for child in $(pgrep -P "$pid" 2>/dev/null); do kill -KILL "$child" 2>/dev/null || true; done
    kill -KILL "$pid" 2>/dev/null || true
  done
}

# First free TCP port on 127.0.0.1 at or above $1.
ops_free_port() {
  local p=$1
  while [ "$p" -lt $(($1 + 200)) ]; do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
    p=$((p + 1))
  done
  ops_fail "no free port in $1..$(($1 + 199))"
}

# Waits until something listens on port $1 (timeout $2 s) while process $3 is alive.
ops_wait_port() {
  local t=0
  until (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; do
    kill -0 "$3" 2>/dev/null || return 1
    [ $t -ge "$2" ] && return 1
    sleep 1; t=$((t + 1))
  done
}

# Runs `gridlens nightly` on the sample city into $OPS_DIR/$1 (extra nightly options after it);
# log in $OPS_DIR/$1/nightly-<n>.log; returns nightly's exit code.
ops_local_nightly() {
  local name=$1; shift
  local out="$OPS_DIR/$name"
  mkdir -p "$out"
  local n; n=$(ls "$out"/nightly-*.log 2>/dev/null | wc -l)
  local log="$out/nightly-$((n + 1)).log"
  ops_say "local nightly $OPS_DATE -> $out ($*) log $log"
  timeout "$OPS_TIMEOUT" "$GRIDLENS_HOME/scripts/gridlens" nightly --date "$OPS_DATE" --input "$OPS_INPUT" \
    --warehouse "$out/warehouse" --exports "$out/exports" "$@" >"$log" 2>&1
}

# Starts `gridlens nightly` in the background (same layout); sets OPS_BG_PID and OPS_BG_LOG.
ops_local_nightly_bg() {
  local name=$1; shift
  local out="$OPS_DIR/$name"
  mkdir -p "$out"
  OPS_BG_LOG="$out/nightly-bg-$(date -u +%H%M%S).log"
  "$GRIDLENS_HOME/scripts/gridlens" nightly --date "$OPS_DATE" --input "$OPS_INPUT" \
    --warehouse "$out/warehouse" --exports "$out/exports" "$@" >"$OPS_BG_LOG" 2>&1 &
  OPS_BG_PID=$!
  OPS_PIDS+=("$OPS_BG_PID")
}

ops_manifest() { echo "$OPS_DIR/$1/warehouse/_runs/$OPS_DATE.json"; }

# The stage the run in $OPS_DIR/$1 is running now (empty when none).
ops_running_stage() {
  local m; m=$(ops_manifest "$1")
  [ -f "$m" ] || return 0
  jq -r '.stages[]? | select(.status == "running") | .name' "$m" 2>/dev/null | head -1
}

# Waits until the background run of $1 is inside stage $2 (or any later one); echoes the stage.
ops_wait_for_stage() {
  local name=$1 want=$2 t=0 order="ingest grids assign view segment score uplift targets" s
  local wanted_rank; wanted_rank=$(echo $order | tr ' ' '\n' | grep -nx "$want" | cut -d: -f1)
  while [ $t -lt $((OPS_TIMEOUT * 5)) ]; do
    kill -0 "$OPS_BG_PID" 2>/dev/null || ops_fail "the run ended before reaching stage $want; log $OPS_BG_LOG"
    s=$(ops_running_stage "$name")
    if [ -n "$s" ]; then
      local rank; rank=$(echo $order | tr ' ' '\n' | grep -nx "$s" | cut -d: -f1)
      if [ "$rank" -ge "$wanted_rank" ]; then echo "$s"; return 0; fi
    fi
    sleep 0.2; t=$((t + 1))
  done
  ops_fail "timed out waiting for stage $want"
}

# The reference run every check compares with: one local nightly, reused while it is newer than
# the application jar and its manifest says succeeded.
ops_reference() {
  local m; m=$(ops_manifest reference)
  if [ -f "$m" ] && [ "$(jq -r .status "$m")" = succeeded ] && [ "$m" -nt "$GRIDLENS_APP_JAR" ] \
     && [ "$(jq -r .config_hash "$m")" != "" ]; then
    ops_say "reusing the reference run $OPS_DIR/reference"
    return 0
  fi
  rm -rf "$OPS_DIR/reference"
  ops_local_nightly reference || ops_fail "the reference nightly failed (exit $?); log $OPS_DIR/reference/nightly-1.log"
  [ "$(jq -r .status "$m")" = succeeded ] || ops_fail "reference manifest $m does not say succeeded"
}

# Copies the reference run's warehouse and exports to $OPS_DIR/$1 (fresh).
ops_copy_reference() {
  rm -rf "${OPS_DIR:?}/$1"; mkdir -p "$OPS_DIR/$1"
  cp -a "$OPS_DIR/reference/warehouse" "$OPS_DIR/reference/exports" "$OPS_DIR/$1/"
}

# Per dataset: name, rows and order-independent row hash, from a manifest (sorted).
ops_dataset_table() {
  jq -r '[.stages[] | .outputs // {} | to_entries[]] | sort_by(.key)[] | "\(.key) rows=\(.value.rows) hash=\(.value.row_hash)"' "$1"
}

# Compares run $1 with run $2: every Parquet dataset's rows (count + row hash from the manifests,
# which nightly computed from the files) and every export file byte for byte.
ops_compare() {
  local a="$OPS_DIR/$1" b="$OPS_DIR/$2"
  local ma mb; ma=$(ops_manifest "$1"); mb=$(ops_manifest "$2")
  [ "$(jq -r .status "$mb")" = succeeded ] || ops_fail "$2: manifest does not say succeeded"
  if ! diff <(ops_dataset_table "$ma") <(ops_dataset_table "$mb") >"$b/compare-datasets.diff"; then
    cat "$b/compare-datasets.diff" >&2
    ops_fail "$2: datasets differ from $1 (rows or row hashes; see $b/compare-datasets.diff)"
  fi
  local n; n=$(ops_dataset_table "$mb" | wc -l)
  [ "$n" -gt 0 ] || ops_fail "$2: the manifest lists no datasets"
  if ! diff -r --exclude='.*' "$a/exports" "$b/exports" >"$b/compare-exports.diff" 2>&1; then
    head -20 "$b/compare-exports.diff" >&2
    ops_fail "$2: export files differ from $1 (see $b/compare-exports.diff)"
  fi
  ops_say "$2 matches $1: $n datasets (rows + row hash), $(find "$b/exports" -type f -not -name '.*' | wc -l) export files byte for byte"
}

# Compares every Parquet file of two warehouses byte for byte (same names, same bytes).
ops_compare_parquet_bytes() {
  local a="$OPS_DIR/$1/warehouse" b="$OPS_DIR/$2/warehouse"
  if ! diff -r --exclude='.*' --exclude='_runs' --exclude='reports' "$a" "$b" >"$OPS_DIR/$2/compare-parquet.diff" 2>&1; then
    head -20 "$OPS_DIR/$2/compare-parquet.diff" >&2
    ops_fail "$2: Parquet files differ from $1 byte for byte (see $OPS_DIR/$2/compare-parquet.diff)"
  fi
  ops_say "$2: $(find "$b" -name '*.parquet' | wc -l) Parquet files identical to $1 byte for byte"
}
