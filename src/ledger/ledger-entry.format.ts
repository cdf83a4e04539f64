import { Json } from './ledger-subject';

/**
 * Version of the entry format; bumped if the set of fields ever changes. Version 2 added `entityVersion`
 * and `previousLeafHash` (a record's history is a chain); version 1 entries stay valid as they are.
 */
export const ENTRY_FORMAT_VERSION = 2;

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
  /** (v2) The record's version: 1 for its first entry, then 2, 3 … (counting its v1 entries too). */
  entityVersion?: number;
  /** (v2) base64 leaf hash of the record's previous entry; null for its first entry. */
  previousLeafHash?: string | null;
  [key: string]: Json | LedgerActor | undefined;
}
