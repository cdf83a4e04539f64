import { Injectable } from '@nestjs/common';
import { LedgerSubject } from './ledger-subject';

/** The kinds of records on the ledger; each feature registers its own at module init. */
@Injectable()
export class LedgerSubjectRegistry {
  private readonly subjects = new Map<string, LedgerSubject>();

  register(subject: LedgerSubject): void {
    if (this.subjects.has(subject.entityType)) {
      throw new Error(`ledger subject ${subject.entityType} registered twice`);
    }
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
