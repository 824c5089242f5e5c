#!/usr/bin/env bash
# Rated calls per second through billing-service, with the bare Kafka and PostgreSQL ceilings measured in the same
# run on the same broker and database. Needs a running local stack and a built local-stack module: ./waihu up
# --services billing measures billing with only the broker and the database; ./waihu up, with every service reading.
# Usage: bench/pipeline/run.sh [calls=20000] [data-dir=.waihu-data]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
jar="$root/local-stack/target/local-stack.jar"
[[ -f "$jar" ]] || { echo "build first: mvn -DskipTests install" >&2; exit 2; }
exec java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$jar" io.waihu.localstack.bench.PipelineBench "${1:-20000}" "${2:-$root/.waihu-data}"
