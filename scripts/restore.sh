#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into an EMPTY database. See docs/operations.md.
#
#   scripts/restore.sh <backup directory> <database URL, as the role that is to own the tables>
#
# Environment:
#   LEDGER_SIGNING_KEY_FILE  where the app will read the signing key (default: $DATA_DIR/ledger-signing.key,
#                            DATA_DIR default .data, as the app's): the backup's key is put there (an
#                            existing different key is never overwritten)
#   FILES_DIR                where the app will read evidence files (default: $DATA_DIR/files, as the
#                            app's): the backup's files are copied there
#   PG_BIN                   folder of pg_restore and psql (default: those on PATH)
#
# Then start the app with MIGRATIONS_DATABASE_URL=<that URL> and DATABASE_URL=<the app role>: the owner
# grants the app role at start; verifyLedger and reconcile must be ok.
set -euo pipefail
umask 077

die() { echo "restore: $*" >&2; exit 1; }
[ $# -eq 2 ] || die "usage: scripts/restore.sh <backup directory> <target database URL>"
src=$1
url=$2
pg_restore=${PG_BIN:+$PG_BIN/}pg_restore
psql=${PG_BIN:+$PG_BIN/}psql
key=${LEDGER_SIGNING_KEY_FILE:-${DATA_DIR:-.data}/ledger-signing.key}
files=${FILES_DIR:-${DATA_DIR:-.data}/files}

[ -f "$src/MANIFEST" ] && [ -f "$src/database.dump" ] || die "$src is not a backup (no MANIFEST or database.dump)"
(cd "$src" && grep -v '^#' MANIFEST | sha256sum --check --quiet --strict) || die "$src is damaged: MANIFEST does not match"

tables=$("$psql" "$url" --no-psqlrc --tuples-only --no-align --set ON_ERROR_STOP=1 \
  --command "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p', 'v', 'S')")
[ "$tables" = "0" ] || die "the target database is not empty ($tables relations in public): restore into a new one"

if [ -e "$key" ]; then
  cmp -s "$key" "$src/ledger-signing.key" || die "$key exists and is another key: move it away first"
fi

# Everything in one transaction: a failure leaves the target empty. Objects belong to the role of
# the URL; privileges are granted again by the app when it starts (the roles may differ from the source).
"$pg_restore" --exit-on-error --single-transaction --no-owner --no-privileges --dbname="$url" "$src/database.dump"

if [ ! -e "$key" ]; then
  mkdir -p "$(dirname "$key")"
  cp "$src/ledger-signing.key" "$key"
  chmod 600 "$key"
fi
if [ -d "$src/files/sha256" ]; then
  mkdir -p "$files"
  cp -R "$src/files/sha256" "$files/"
fi
echo "restore: the signing key is $key, the evidence files are under $files"
echo "restore: done. Start the app on it (MIGRATIONS_DATABASE_URL=<this URL>, DATABASE_URL=<the app role>), then check verifyLedger and reconcile."
