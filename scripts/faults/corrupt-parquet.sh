#!/usr/bin/env bash
# Fault: a Parquet file of a completed stage's output is damaged after the run (bytes overwritten
# in place, same size). nightly over the completed date must detect it against the manifest, run
# that stage (and the later ones) again, and end with outputs identical to the reference run.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
source "$here/lib/ops.sh"
trap ops_cleanup EXIT
ops_init
ops_reference
name=corrupt-parquet
ops_copy_reference "$name"
dataset="${GRIDLENS_OPS_CORRUPT_DATASET:-customer_view}"
file=$(find "$OPS_DIR/$name/warehouse/$dataset/run_date=$OPS_DATE" -name '*.parquet' | sort | head -1)
[ -n "$file" ] || ops_fail "no Parquet file in $dataset to damage"
size=$(stat -c %s "$file")
printf 'GRIDLENS-CORRUPTION' | dd of="$file" bs=1 seek=$((size / 2)) conv=notrunc status=none
[ "$(stat -c %s "$file")" = "$size" ] || ops_fail "the damage changed the size"
stage=$(jq -r --arg ds "$dataset" '.stages[] | select(.outputs[$ds] != null) | .name' "$(ops_manifest "$name")")
ops_say "damaged $file (output of stage $stage)"
ops_local_nightly "$name" || ops_fail "nightly over the damaged date failed (exit $?)"
m=$(ops_manifest "$name")
[ "$(jq -r .resumed_from "$m")" = "$stage" ] || ops_fail "expected a re-run from $stage, manifest says $(jq -r .resumed_from "$m")"
grep -q "damaged output" "$OPS_DIR/$name"/nightly-1.log || ops_fail "the damage was not reported in the log"
ops_compare reference "$name"
ops_say "corrupt-parquet passed (stage $stage re-run)"
