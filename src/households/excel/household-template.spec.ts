import { idNumberCheckCharacter } from '../id-number';
import { HouseholdColumnKey, parseHouseholdRow } from './household-template';

/** Full-width ASCII, as a Chinese input method types it in its full-width mode. */
const fullWidth = (text: string): string =>
  text.replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));

describe('a household row of the import', () => {
  const first17 = '50010119800704123';
  const idNumber = `${first17}${idNumberCheckCharacter(first17)}`;

  function parse(cells: Partial<Record<HouseholdColumnKey, string>>) {
    const problems: Array<[HouseholdColumnKey, string]> = [];
    const values = parseHouseholdRow(
      (key) => cells[key] ?? null,
      (key, message) => problems.push([key, message]),
      '2026-12-01',
    );
    return { values, problems };
  }

  const row = {
    registryNo: '500101151201-I0001',
    headName: '冉光荣',
    village: '500101151201',
    status: '脱贫户',
    startedOn: '2020-06-30',
  };

  it('reads ID numbers, telephones, counts and dates typed in full-width digits as the same digits', () => {
    const typed = parse({
      ...row,
      membersCount: '３',
      idNumber: fullWidth(idNumber),
      phone: fullWidth('023-58000000'),
      startedOn: fullWidth('2020-06-30'),
    });
    expect(typed.problems).toEqual([]);
    expect(typed.values).toMatchObject({
      membersCount: 3,
      idNumber,
      phone: '023-58000000',
      startedOn: '2020-06-30',
      headName: '冉光荣',
    });
    // The same row in ASCII reads the same.
    const plain = parse({ ...row, membersCount: '3', idNumber, phone: '023-58000000' });
    expect(plain).toEqual(typed);
  });

  it('still refuses what no width makes right, quoting what was typed', () => {
    const { problems } = parse({
      ...row,
      membersCount: '３',
      idNumber: fullWidth(idNumber.slice(0, 17)),
      phone: '电话',
    });
    expect(problems.map(([key]) => key).sort()).toEqual(['idNumber', 'phone']);
    expect(problems.find(([key]) => key === 'phone')![1]).toMatch(/"电话" is not a telephone number/);
  });
});
