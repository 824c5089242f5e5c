#!/usr/bin/env bash
# Times the upload of a generated tariff deck to a running local stack (./waihu up):
# N destinations x 2 bands x 2 rate groups (60/6), as CSV, through POST /api/v1/tariffs/{id}/versions.
# Usage: bench/deck-upload/run.sh [destinations=100000] [data-dir=.waihu-data]
set -euo pipefail
n=${1:-100000}
root=$(cd "$(dirname "$0")/../.." && pwd)
data=${2:-$root/.waihu-data}
billing=http://127.0.0.1:8083
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

token=$("$root/waihu" token --tenant "bench-$$" --role admin --data-dir "$data")
auth="Authorization: Bearer $token"
json='Content-Type: application/json'
id_of() { grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4; }

carrier=$(curl -sf -H "$auth" -H "$json" -d '{"code":"bench","name":"Bench carrier","kind":"VOIP_TRUNK","country":"CN"}' \
  "$billing/api/v1/carriers" | id_of)
tariff=$(curl -sf -H "$auth" -H "$json" -d '{"carrierId":"'"$carrier"'","name":"bench","currency":"CNY","zone":"Asia/Shanghai","defaultRegion":"CN",
  "bands":[{"name":"peak","days":["MONDAY","TUESDAY","WEDNESDAY","THURSDAY","FRIDAY"],"from":"08:00","to":"21:00"},
           {"name":"offpeak","days":["MONDAY","TUESDAY","WEDNESDAY","THURSDAY","FRIDAY"],"from":"00:00","to":"08:00"},
           {"name":"offpeak","days":["MONDAY","TUESDAY","WEDNESDAY","THURSDAY","FRIDAY"],"from":"21:00","to":"24:00"},
           {"name":"offpeak","days":["SATURDAY","SUNDAY"],"from":"00:00","to":"24:00"}]}' "$billing/api/v1/tariffs" | id_of)

# distinct 9-digit prefixes under a few country codes; classes and prices vary with the index
awk -v n="$n" 'BEGIN {
  print "prefix,destinationName,destinationClass,band,groupStartSeconds,rate,unitSeconds,incrementSeconds,connectFee";
  split("86 44 49 33 81 61 1 852", cc, " "); split("MOBILE NATIONAL INTERNATIONAL PREMIUM", cls, " ");
  for (i = 0; i < n; i++) {
    p = cc[i % 8 + 1] sprintf("%07d", i); c = cls[i % 4 + 1]; r = sprintf("0.%04d", 100 + i % 9000);
    printf "%s,Dest %d,%s,peak,0,%s,60,60,0.05\n%s,Dest %d,%s,peak,60,%s,60,6,0.05\n", p, i, c, r, p, i, c, r;
    printf "%s,Dest %d,%s,offpeak,0,%s,60,60,0.05\n%s,Dest %d,%s,offpeak,60,%s,60,6,0.05\n", p, i, c, r, p, i, c, r;
  } }' > "$work/deck.csv"
rows=$(($(wc -l < "$work/deck.csv") - 1))
bytes=$(wc -c < "$work/deck.csv")

seconds=$(curl -s -o "$work/response.json" -w '%{time_total}' -H "$auth" -H 'Content-Type: text/csv' \
  --data-binary @"$work/deck.csv" "$billing/api/v1/tariffs/$tariff/versions")
if ! grep -q '"version":1' "$work/response.json"; then
  echo "upload failed: $(head -c 500 "$work/response.json")" >&2
  exit 1
fi
echo "deck upload: $n destinations, $rows rows, $bytes bytes, stored as version 1 in ${seconds}s (goal: seconds)"
