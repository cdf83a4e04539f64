#!/usr/bin/env bash
# Runs every `sh` example of docs/api.md, in order, in one bash shell, against a running demo, and stops at
# the first one that fails (a GraphQL answer with errors, a failed download, a verification that fails).
#
#   docs/examples/run-api-examples.sh                     # npm start's demo: localhost:3000, .data/demo-password
#   API=http://localhost:3950 PW=… docs/examples/run-api-examples.sh
#
# The examples are written for a fresh demo (see "Running the examples" in docs/api.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
script=$(mktemp)
trap 'rm -f "$script"' EXIT
# Each block is preceded by a banner with its line in docs/api.md.
awk '
  /^```sh$/ { inside = 1; printf "printf %s\n", "\"\\n=== docs/api.md:" NR + 1 " ===\\n\""; next }
  /^```/ && inside { inside = 0; next }
  inside { print }
' docs/api.md > "$script"
bash -e -o pipefail "$script"
echo
echo "All examples of docs/api.md ran."
