#!/usr/bin/env bash
# Backs up what Asset Registry cannot do without: the database, the ledger signing key and the evidence
# files. See docs/operations.md.
#
#   scripts/backup.sh <backup directory>
#
# Environment:
#   BACKUP_DATABASE_URL      the app database as its owner (default: MIGRATIONS_DATABASE_URL, then DATABASE_URL)
#   LEDGER_SIGNING_KEY_FILE  the signing key (default: $DATA_DIR/ledger-signing.key, DATA_DIR default .data)
#   FILES_DIR                the evidence files directory (default: $DATA_DIR/files, as the app's); copied
#                            when it holds any file
#   PG_BIN                   folder of pg_dump (default: the one on PATH); its major version must be the server's
#
# Writes into the (new or empty) directory: database.dump (pg_dump custom format), ledger-signing.key
# (mode 0600), files/ and MANIFEST (SHA-256 of every file, checked by scripts/restore.sh).
set -euo pipefail
umask 077

die() { echo "backup: $*" >&2; exit 1; }
[ $# -eq 1 ] || die "usage: scripts/backup.sh <backup directory>"
dest=$1
url=${BACKUP_DATABASE_URL:-${MIGRATIONS_DATABASE_URL:-${DATABASE_URL:-}}}
[ -n "$url" ] || die "set BACKUP_DATABASE_URL (the app database, as its owner)"
key=${LEDGER_SIGNING_KEY_FILE:-${DATA_DIR:-.data}/ledger-signing.key}
[ -r "$key" ] || die "cannot read the ledger signing key $key (set LEDGER_SIGNING_KEY_FILE)"
files=${FILES_DIR:-${DATA_DIR:-.data}/files}
pg_dump=${PG_BIN:+$PG_BIN/}pg_dump

mkdir -p "$dest"
[ -z "$(ls -A "$dest")" ] || die "$dest is not empty"

# One consistent snapshot of every table (the ledger and the records it protects agree).
"$pg_dump" --format=custom --compress=6 --file="$dest/database.dump" "$url"
cp "$key" "$dest/ledger-signing.key"
chmod 600 "$dest/ledger-signing.key"
if [ -d "$files/sha256" ]; then
  mkdir -p "$dest/files"
  cp -R "$files/sha256" "$dest/files/"
else
  echo "backup: no evidence files under $files (set FILES_DIR if the app keeps them elsewhere)"
fi
(
  cd "$dest"
  {
    echo "# asset-registry backup $(date -u +%Y-%m-%dT%H:%M:%SZ), $("$pg_dump" --version)"
    find . -type f ! -name MANIFEST -print0 | sort -z | xargs -0 sha256sum
  } > MANIFEST
)
echo "backup: written to $dest ($(du -sh "$dest" | cut -f1))"
