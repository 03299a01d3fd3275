#!/usr/bin/env bash
# Runs the scripted fault checks in one go, sharing one local reference run (target/ops/reference):
# driver kill + resume, corrupt Parquet, --force, then the log scan for personal data (which also
# scans the cluster smoke's logs when scripts/cluster-smoke.sh ran before). The worker-kill fault
# needs the standalone cluster and runs inside scripts/cluster-smoke.sh.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
failed=()
for check in driver-kill corrupt-parquet force pii-logs; do
  echo "=== fault check: $check" >&2
  if ! "$here/$check.sh"; then failed+=("$check"); fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fault checks FAILED: ${failed[*]} (logs under target/ops/)" >&2
  exit 1
fi
echo "all fault checks passed" >&2
