#!/usr/bin/env bash
# Times a contact import of N generated rows (CSV, default 1,000,000) into campaign-service and samples the
# service's heap while it runs (jvm_memory_used_bytes{area="heap"} from /q/metrics, every 0.5 s).
#
# Uses the campaign-service on $CAMPAIGN_URL (default http://127.0.0.1:8081) when it is up, e.g. from ./waihu up
# (then the token comes from $WAIHU_DATA_DIR, default .waihu-data; the stack must have been started with
# QUARKUS_HTTP_LIMITS_MAX_BODY_SIZE=1G or campaign's application.properties must allow bodies that large).
# Otherwise it starts the local stack itself in a temporary data dir, with that limit, and stops it afterwards.
# It never builds: build first (mvn -B -o -DskipTests install, or ./waihu up once). Safe to run under
# flock /tmp/waihu-mvn.lock.
#
# Usage: bench/contact-import/run.sh [rows=1000000]
set -euo pipefail
rows=${1:-1000000}
root=$(cd "$(dirname "$0")/../.." && pwd)
campaign=${CAMPAIGN_URL:-http://127.0.0.1:8081}
export WAIHU_SKIP_BUILD=1
work=$(mktemp -d)
data=${WAIHU_DATA_DIR:-$root/.waihu-data}
stack_pid=""
sampler_pid=""
cleanup() {
  [[ -n "$sampler_pid" ]] && kill "$sampler_pid" 2>/dev/null || true
  if [[ -n "$stack_pid" ]]; then
    kill -TERM "$stack_pid" 2>/dev/null || true
    wait "$stack_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

if ! curl -sf "$campaign/q/health/ready" >/dev/null 2>&1; then
  data=$work/data
  echo "no campaign-service on $campaign: starting the local stack in $data"
  QUARKUS_HTTP_LIMITS_MAX_BODY_SIZE=${QUARKUS_HTTP_LIMITS_MAX_BODY_SIZE:-1G} "$root/waihu" up --data-dir "$data" >"$work/stack.log" 2>&1 &
  stack_pid=$!
  for _ in $(seq 1 300); do
    curl -sf "$campaign/q/health/ready" >/dev/null 2>&1 && break
    if ! kill -0 "$stack_pid" 2>/dev/null; then cat "$work/stack.log" >&2; exit 1; fi
    sleep 1
  done
  curl -sf "$campaign/q/health/ready" >/dev/null || { echo "campaign-service not ready" >&2; tail -30 "$work/stack.log" >&2; exit 1; }
fi

token=$("$root/waihu" token --tenant "bench-$$" --role admin --data-dir "$data")
auth="Authorization: Bearer $token"
list="bench-$$"
curl -sf -H "$auth" -H 'Content-Type: application/json' \
  -d '{"id":"'"$list"'","name":"contact import benchmark","defaultRegion":"CN"}' "$campaign/api/v1/contact-lists" >/dev/null

# national CN numbers (read in the list's region), a landline on every third row, consent and two attributes;
# one row in 1,000 carries a bad number so the error path is part of the run
awk -v n="$rows" 'BEGIN {
  print "externalId,name,phone1,phone1Type,phone2,phone2Type,zone,consentBasis,consentAt,consentSource,attr.tier,attr.city";
  split("gold silver bronze", tier, " "); split("Beijing Shanghai Shenzhen Chengdu", city, " ");
  for (i = 0; i < n; i++) {
    p1 = (i % 1000 == 999) ? "12345" : sprintf("13%d%08d", i % 10, i);
    p2 = (i % 3 == 0) ? sprintf("010 6%07d", i % 10000000) : "";
    printf "ext-%d,Contact %d,%s,MOBILE,%s,%s,Asia/Shanghai,EXPRESS_CONSENT,2026-01-%02dT09:00:00Z,web-form,%s,%s\n",
      i, i, p1, p2, (p2 == "" ? "" : "HOME"), i % 28 + 1, tier[i % 3 + 1], city[i % 4 + 1];
  } }' >"$work/contacts.csv"
bytes=$(wc -c <"$work/contacts.csv")

heap() {
  curl -sf "$campaign/q/metrics" | awk '/^jvm_memory_used_bytes\{.*area="heap"/ { sum += $NF } END { printf "%.0f\n", sum }'
}
heap_before=$(heap)
( while true; do heap >>"$work/heap.txt" || true; sleep 0.5; done ) &
sampler_pid=$!

start=$(date +%s.%N)
location=$(curl -s -o "$work/accepted.json" -w '%{http_code} %{redirect_url}' -D "$work/headers.txt" -H "$auth" \
  -H 'Content-Type: text/csv' -H 'Expect:' -T "$work/contacts.csv" -X POST "$campaign/api/v1/contact-lists/$list/imports")
code=${location%% *}
if [[ "$code" != "202" ]]; then
  echo "upload refused with HTTP $code: $(head -c 500 "$work/accepted.json")" >&2
  exit 1
fi
uploaded=$(date +%s.%N)
job_url=$(grep -i '^location:' "$work/headers.txt" | tr -d '\r' | awk '{print $2}')
while true; do
  curl -sf -H "$auth" "$job_url" >"$work/job.json"
  status=$(grep -o '"status":"[A-Z]*"' "$work/job.json" | cut -d'"' -f4)
  [[ "$status" == "COMPLETED" || "$status" == "FAILED" ]] && break
  sleep 0.5
done
done_at=$(date +%s.%N)
kill "$sampler_pid" 2>/dev/null || true
sampler_pid=""
heap_after=$(heap)

field() { grep -o "\"$1\":[^,}]*" "$work/job.json" | head -1 | cut -d: -f2- | tr -d '"'; }
mb() { awk -v b="$1" 'BEGIN { printf "%.0f MB", b / 1048576 }'; }
heap_max=$(sort -n "$work/heap.txt" | tail -1)
samples=$(wc -l <"$work/heap.txt")
total=$(awk -v a="$start" -v b="$done_at" 'BEGIN { printf "%.1f", b - a }')
upload=$(awk -v a="$start" -v b="$uploaded" 'BEGIN { printf "%.1f", b - a }')
echo "contact import: $rows rows, $bytes bytes, status $status"
echo "  rows read $(field rowsRead), accepted $(field rowsAccepted), rejected $(field rowsRejected)"
echo "  upload (stored, 202) ${upload}s; job $(field startedAt) -> $(field finishedAt): $(field rowsPerSecond) rows/s"
echo "  end to end ${total}s: $(awk -v r="$rows" -v t="$total" 'BEGIN { printf "%.0f", r / t }') rows/s (goal: >= 50000)"
echo "  heap used: before $(mb "$heap_before"), max $(mb "$heap_max") over $samples samples, after $(mb "$heap_after")"
echo "  machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GB RAM"
