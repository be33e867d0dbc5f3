#!/usr/bin/env bash
# Records public API changes in src/*/PublicAPI.Unshipped.txt from the PublicApiAnalyzers diagnostics
# (RS0016: new symbol, RS0017: removed symbol). Review the diff: it is the API change you are making.
set -euo pipefail
cd "$(dirname "$0")/.."
for proj in src/*/*.csproj; do
  dir=$(dirname "$proj")
  log=$(mktemp)
  dotnet build "$proj" --no-incremental -p:TreatWarningsAsErrors=false 2>&1 >"$log" || true
  python3 - "$dir/PublicAPI.Unshipped.txt" "$dir/PublicAPI.Shipped.txt" "$log" "$(realpath "$proj")" <<'PY'
import re, sys
unshipped, shipped, log, project = sys.argv[1:5]
# Only this project's diagnostics: a project that references another one also prints the other's.
text = "\n".join(l for l in open(log).read().splitlines() if l.rstrip().endswith("[" + project + "]"))
added = set(re.findall(r"RS0016: Symbol '(.+?)' is not part of the declared public API", text))
removed = set(re.findall(r"RS0017: Symbol '(.+?)' is part of the declared API, but is either not public or could not be found", text))
lines = [l.rstrip('\n') for l in open(unshipped)]
header = [l for l in lines if l.startswith('#')] or ['#nullable enable']
body = {l for l in lines if l and not l.startswith('#')}
body = (body | added) - removed
open(unshipped, 'w').write('\n'.join(header + sorted(body)) + '\n')
if removed - {l for l in lines}:
    print("note: removed symbols are in PublicAPI.Shipped.txt; edit it by hand:", *sorted(removed), sep='\n  ')
print(f"{unshipped}: +{len(added)} -{len(removed & {l for l in lines})}")
PY
  rm -f "$log"
done
