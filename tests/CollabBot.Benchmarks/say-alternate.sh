#!/bin/bash
# One-shot `say` on a shared machine: runs `help`, the baseline build's `say` and the changed build's `say` one after
# the other, N rounds, so that both builds meet the same load, and prints per command the minimum and median of wall
# time and CPU time (user + sys), as /usr/bin/time measures them.
#
# usage: say-alternate.sh BEFORE_DIR AFTER_DIR DATABASE_FILE [ROUNDS]
#   e.g. say-alternate.sh /tmp/h17say/pub-main /tmp/h17say/pub-after /tmp/h17say/db/demo.db 10
set -euo pipefail
before=$1 after=$2 db=$3 rounds=${4:-10}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for _ in $(seq "$rounds"); do
  /usr/bin/time -f "help %e %U %S" -a -o "$log" dotnet "$before/CollabBot.dll" help > /dev/null
  for build in before after; do
    dir=$before; [ "$build" = after ] && dir=$after
    /usr/bin/time -f "$build %e %U %S" -a -o "$log" \
      dotnet "$dir/CollabBot.dll" say "/wg list" --as console:amara --ConnectionStrings:CollabBot "Data Source=$db" > /dev/null
  done
done
python3 - "$log" <<'PY'
import statistics, sys, collections
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    name, wall, user, system = line.split()
    runs[name].append((float(wall), float(user) + float(system)))
for name, xs in runs.items():
    wall = [x[0] for x in xs]; cpu = [x[1] for x in xs]
    print(f"{name:6} n={len(xs)}  wall min {min(wall):.2f} s, median {statistics.median(wall):.2f} s | "
          f"CPU min {min(cpu):.2f} s, median {statistics.median(cpu):.2f} s")
PY
