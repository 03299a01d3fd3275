#!/usr/bin/env bash
# Fault: the driver is killed (SIGKILL) in the middle of a stage, then nightly runs again.
# Checks: while it is dead no half-written dataset is visible (every run_date folder is complete)
# and nothing is exported; the re-run takes over the stale lock, resumes at the killed stage
# (not from the start) and ends with outputs identical to the reference run.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
source "$here/lib/ops.sh"
trap ops_cleanup EXIT
ops_init
ops_reference
name=driver-kill
rm -rf "${OPS_DIR:?}/$name"
ops_local_nightly_bg "$name"
stage=$(ops_wait_for_stage "$name" "${GRIDLENS_OPS_KILL_STAGE:-view}")
sleep "${GRIDLENS_OPS_KILL_DELAY:-1}"
ops_say "killing the driver (pid $OPS_BG_PID) during stage $stage"
kill -KILL "$OPS_BG_PID" 2>/dev/null || ops_fail "the run ended before it could be killed; log $OPS_BG_LOG"
wait "$OPS_BG_PID" 2>/dev/null || true
wh="$OPS_DIR/$name/warehouse"
m=$(ops_manifest "$name")

# what the killed run left visible
[ "$(jq -r .status "$m")" = running ] || ops_fail "the killed run's manifest should still say running"
[ -f "$wh/_runs/lock" ] || ops_fail "the killed run should have left its lock"
while IFS= read -r d; do
  [ -f "$d/_SUCCESS" ] || ops_fail "half-written dataset visible after the kill: $d"
done < <(find "$wh" -type d -name 'run_date=*' -not -path '*/_*' -not -path '*/.*')
[ ! -e "$OPS_DIR/$name/exports/$OPS_DATE" ] || ops_fail "exports were published by a run that did not finish"
# the first stage not completed is where the re-run must start (the killed one, or the next if
# the kill fell between two stages)
killed_stage=""
for s in ingest grids assign view segment score uplift targets; do
  st=$(jq -r --arg s "$s" '[.stages[] | select(.name == $s) | .status][0] // "absent"' "$m")
  if [ "$st" != succeeded ]; then killed_stage=$s; break; fi
done
[ -n "$killed_stage" ] && [ "$killed_stage" != ingest ] || ops_fail "the kill did not fall in the middle of the run (first incomplete stage: ${killed_stage:-none})"

# the re-run resumes
ops_local_nightly "$name" || ops_fail "the re-run after the kill failed (exit $?); see $OPS_DIR/$name"
[ "$(jq -r .resumed_from "$m")" = "$killed_stage" ] || ops_fail "the re-run resumed from $(jq -r .resumed_from "$m"), not $killed_stage"
[ "$(jq -r .attempt "$m")" = 2 ] || ops_fail "expected attempt 2, manifest says $(jq -r .attempt "$m")"
grep -q "taking over a stale lock" "$OPS_DIR/$name"/nightly-*.log || ops_fail "the re-run did not report taking over the stale lock"
[ ! -e "$wh/_runs/lock" ] || ops_fail "the lock is still there after the re-run"
ops_compare reference "$name"
ops_say "driver-kill passed (killed in $killed_stage, resumed there)"
