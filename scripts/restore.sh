#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into an EMPTY database. See docs/operations.md.
#
#   scripts/restore.sh <backup directory> <database URL, as the role that is to own the tables>
#
# Environment:
#   LEDGER_SIGNING_KEY_FILE  where the app will read the signing key: the backup's key is put there
#                            (an existing different key is never overwritten)
#   FILES_DIR                where the app will read evidence files: the backup's files are copied there
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

[ -f "$src/MANIFEST" ] && [ -f "$src/database.dump" ] || die "$src is not a backup (no MANIFEST or database.dump)"
(cd "$src" && grep -v '^#' MANIFEST | sha256sum --check --quiet --strict) || die "$src is damaged: MANIFEST does not match"

tables=$("$psql" "$url" --no-psqlrc --tuples-only --no-align --set ON_ERROR_STOP=1 \
  --command "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p', 'v', 'S')")
[ "$tables" = "0" ] || die "the target database is not empty ($tables relations in public): restore into a new one"

if [ -n "${LEDGER_SIGNING_KEY_FILE:-}" ]; then
  if [ -e "$LEDGER_SIGNING_KEY_FILE" ]; then
    cmp -s "$LEDGER_SIGNING_KEY_FILE" "$src/ledger-signing.key" ||
      die "$LEDGER_SIGNING_KEY_FILE exists and is another key: move it away first"
  fi
fi

# Everything in one transaction: a failure leaves the target empty. Objects belong to the role of
# the URL; privileges are granted again by the app when it starts (the roles may differ from the source).
"$pg_restore" --exit-on-error --single-transaction --no-owner --no-privileges --dbname="$url" "$src/database.dump"

if [ -n "${LEDGER_SIGNING_KEY_FILE:-}" ] && [ ! -e "$LEDGER_SIGNING_KEY_FILE" ]; then
  mkdir -p "$(dirname "$LEDGER_SIGNING_KEY_FILE")"
  cp "$src/ledger-signing.key" "$LEDGER_SIGNING_KEY_FILE"
  chmod 600 "$LEDGER_SIGNING_KEY_FILE"
fi
if [ -d "$src/files/sha256" ]; then
  [ -n "${FILES_DIR:-}" ] || die "the backup has evidence files: set FILES_DIR"
  mkdir -p "$FILES_DIR"
  cp -R "$src/files/sha256" "$FILES_DIR/"
fi
echo "restore: done. Start the app on it (MIGRATIONS_DATABASE_URL=<this URL>, DATABASE_URL=<the app role>), then check verifyLedger and reconcile."
