#!/usr/bin/env bash
# The fan-out benchmark (docs/benchmarks.md): builds the EAR and the harness, then runs every
# server in the order A B C C B A, each pinned to the server core, the load generator pinned to
# the client core, and writes docs/benchmarks.md and its charts. Options (all optional) are
# listed in docs/benchmarks.md; the defaults are the full-size workloads of issue #5.
#
#   bench/run.sh                                   # the documented full run (about two hours)
#   bench/run.sh --connections 2000 --rates 100,200 --workloads throughput --order ABC --repeats 1
set -euo pipefail
cd "$(dirname "$0")/.."

server_core=0
client_core=1
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[$i]}" in
    -h|--help)
      # Before the build, which takes a minute: the options themselves are checked by the runner.
      sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
      echo "Options and their defaults: docs/benchmarks.md, \"How to run it\"."
      exit 0 ;;
    --server-core) server_core="${args[$((i + 1))]}" ;;
    --client-core) client_core="${args[$((i + 1))]}" ;;
  esac
done
command -v taskset >/dev/null || { echo "taskset (util-linux) is needed to pin the servers and the generator" >&2; exit 1; }
command -v node >/dev/null || { echo "Node.js 20 or later is needed for peer B" >&2; exit 1; }

mvn -q -B -Pbench-servers -pl bench,publisher -am package -DskipTests
(cd bench && { [ -d node_modules/ws ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund --loglevel=error; })

# The generator holds up to 19,000 sockets: stay clear of the usual 1024-file limit where the
# machine allows it (ulimit -n is a ceiling here, not raised by this script beyond it).
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

exec taskset -c "$client_core" java -Xms1g -Xmx2g -XX:+UseParallelGC \
  -Dquotecast.bench.command="bench/run.sh $*" \
  -cp "bench/target/classes:bench/target/lib/*" \
  io.quotecast.bench.run.Run --server-core "$server_core" --client-core "$client_core" "$@"
