#!/usr/bin/env bash
# Check: no personal data in logs. Scans every log the ops checks wrote (the reference run, the
# fault runs, the cluster runs and their executors) for the sample city's phone numbers, ID
# numbers and names, read from the customers extract.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
source "$here/lib/ops.sh"
ops_init
ops_reference
python3 - "$OPS_INPUT/customers" "$OPS_DIR" <<'PY'
import csv, gzip, io, os, sys
src, logs = sys.argv[1], sys.argv[2]
secrets = {}
for f in sorted(os.listdir(src)):
    p = os.path.join(src, f)
    if not (f.endswith(".csv") or f.endswith(".csv.gz")):
        continue
    opener = gzip.open if f.endswith(".gz") else open
    # the sample plants a line that is not valid UTF-8: read past it, it holds no usable value
    with opener(p, "rt", encoding="utf-8", errors="replace", newline="") as fh:
        for row in csv.DictReader(fh):
            for col in ("msisdn", "id_number", "name"):
                v = (row.get(col) or "").strip()
                if len(v) >= (2 if col == "name" else 7):
                    secrets[v] = col
if not secrets:
    sys.exit("FAIL: read no phone numbers, ID numbers or names from " + src)
files = []
for root, _, names in os.walk(logs):
    for n in names:
        if n.endswith(".log") or n in ("stderr", "stdout"):
            files.append(os.path.join(root, n))
if not files:
    sys.exit("FAIL: no logs to scan under " + logs)
bad = []
for p in files:
    with open(p, encoding="utf-8", errors="replace") as fh:
        text = fh.read()
    for v, col in secrets.items():
        if v in text:
            bad.append(f"{p}: contains a customer's {col}")
            break
if bad:
    print("\n".join(bad), file=sys.stderr)
    sys.exit("FAIL: personal data in logs")
print(f"pii-logs passed: {len(files)} log files free of {len(secrets)} phone numbers, ID numbers and names", file=sys.stderr)
PY
