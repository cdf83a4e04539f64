import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { entityTypeLabels, ledgerActionLabels } from '../../web/src/shared/labels/ledger';
import { LedgerAction } from './ledger-actions';
import {
  LEDGER_ACTION_LABELS,
  LEDGER_ENTITY_TYPE_LABELS,
  ledgerActionLabel,
  ledgerEntityTypeLabel,
} from './ledger-labels';

const SRC = path.resolve(__dirname, '..');
const HAN = /^[\u4e00-\u9fff（）]+$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return file.endsWith('.ts') && !file.endsWith('.spec.ts') ? [file] : [];
  });
}

/**
 * The entity types the features register as ledger subjects (`this.subjects.register({ entityType: X`),
 * read from the source: X is a string or a constant declared in the same file.
 */
function registeredSubjects(): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bsubjects\.register\(\{\s*entityType:\s*([A-Za-z_][\w]*|'[^']*')/g)) {
      const ref = m[1];
      if (ref.startsWith("'")) {
        found.push(ref.slice(1, -1));
        continue;
      }
      const constant = new RegExp(`\\bconst ${ref}\\s*=\\s*'([^']+)'`).exec(text);
      if (!constant) throw new Error(`${path.relative(SRC, file)}: cannot read the value of ${ref}`);
      found.push(constant[1]);
    }
  }
  return found.sort();
}

describe('the Chinese names of the ledger', () => {
  it('name every action', () => {
    const actions = Object.values(LedgerAction);
    expect(actions.length).toBeGreaterThan(70);
    expect(actions.filter((action) => !HAN.test(LEDGER_ACTION_LABELS[action] ?? ''))).toEqual([]);
    expect(Object.keys(LEDGER_ACTION_LABELS).sort()).toEqual([...actions].sort());
  });

  it('name every kind of record a feature registers on the ledger, and no other', () => {
    const subjects = registeredSubjects();
    expect(subjects.length).toBeGreaterThan(20);
    expect(subjects).toEqual(
      expect.arrayContaining(['Asset', 'OwnershipProposal', 'IncomeRecord', 'Witness']),
    );
    expect(subjects.filter((type) => !HAN.test(LEDGER_ENTITY_TYPE_LABELS[type] ?? ''))).toEqual([]);
    expect(Object.keys(LEDGER_ENTITY_TYPE_LABELS).sort()).toEqual(subjects);
  });

  it('are the console’s: the dossier and the asset’s history use the same words', () => {
    expect(LEDGER_ACTION_LABELS).toEqual(ledgerActionLabels);
    expect(LEDGER_ENTITY_TYPE_LABELS).toEqual(entityTypeLabels);
  });

  it('call what they do not know 其他变更 and 其他记录, as the console does', () => {
    expect(ledgerActionLabel('ASSET_REGISTERED')).toBe('登记资产');
    expect(ledgerActionLabel('SOMETHING_NEW')).toBe('其他变更');
    expect(ledgerEntityTypeLabel('OwnershipProposal')).toBe('确权方案');
    expect(ledgerEntityTypeLabel('Something')).toBe('其他记录');
  });
});
