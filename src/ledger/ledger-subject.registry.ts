import { Injectable } from '@nestjs/common';
import { keysetPage, KeysetLedgerSubject, LedgerSubject } from './ledger-subject';

/** The kinds of records on the ledger; each feature registers its own at module init. */
@Injectable()
export class LedgerSubjectRegistry {
  private readonly subjects = new Map<string, LedgerSubject>();

  register(definition: LedgerSubject | KeysetLedgerSubject): void {
    if (this.subjects.has(definition.entityType)) {
      throw new Error(`ledger subject ${definition.entityType} registered twice`);
    }
    const subject: LedgerSubject =
      'keyset' in definition
        ? {
            entityType: definition.entityType,
            load: definition.load,
            loadPage: keysetPage(definition.keyset, definition.load),
            regionOf: definition.regionOf,
            alsoReadFrom: definition.alsoReadFrom,
          }
        : definition;
    this.subjects.set(subject.entityType, subject);
  }

  get(entityType: string): LedgerSubject {
    const subject = this.subjects.get(entityType);
    if (!subject) throw new Error(`no ledger subject registered for ${entityType}`);
    return subject;
  }

  has(entityType: string): boolean {
    return this.subjects.has(entityType);
  }

  all(): LedgerSubject[] {
    return [...this.subjects.values()].sort((a, b) => a.entityType.localeCompare(b.entityType));
  }
}
