#!/usr/bin/env bash
# Fault: nightly over a completed date does nothing; with --force it runs every stage again and
# writes identical bytes: every Parquet file of the warehouse (footers included: the warehouse
# sorts parquet-java's encoding lists, see ParquetFooters), every dataset's rows (count +
# order-free row hash) and every export file.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
source "$here/lib/ops.sh"
trap ops_cleanup EXIT
ops_init
ops_reference
name=force
ops_copy_reference "$name"
m=$(ops_manifest "$name")
before=$(jq -r .attempt "$m")
ops_local_nightly "$name" || ops_fail "nightly over a completed date failed (exit $?)"
grep -q "already complete" "$OPS_DIR/$name/nightly-1.log" || ops_fail "nightly over a completed date did not say it was complete"
[ "$(jq -r .attempt "$m")" = "$before" ] || ops_fail "nightly over a completed date ran again without --force"
ops_local_nightly "$name" --force || ops_fail "nightly --force failed (exit $?)"
[ "$(jq -r .attempt "$m")" = $((before + 1)) ] || ops_fail "--force did not run again"
[ "$(jq -r '[.stages[] | select(.status == "succeeded")] | length' "$m")" = 8 ] || ops_fail "--force did not run all 8 stages"
ops_compare_parquet_bytes reference "$name"
ops_compare reference "$name"
ops_say "force passed"
