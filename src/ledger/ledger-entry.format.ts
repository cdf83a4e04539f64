import { Json } from './ledger-subject';

/** Version of the entry format; bumped if the set of fields ever changes. */
export const ENTRY_FORMAT_VERSION = 1;

export interface LedgerActor {
  userId: string | null;
  username: string | null;
  role: string;
  regionCode: string | null;
}

/**
 * The JSON object behind every leaf. Serialised with RFC 8785 and hashed as
 * leaf = SHA-256(0x00 ‖ canonical bytes). `index` and `ledger` bind the entry to its position.
 */
export interface EntryDocument {
  v: number;
  ledger: string;
  index: number;
  time: string;
  action: string;
  entityType: string;
  entityId: string;
  regionCode: string | null;
  actor: LedgerActor;
  requestId: string;
  before: Json;
  after: Json;
  details: Json;
  [key: string]: Json | LedgerActor;
}
