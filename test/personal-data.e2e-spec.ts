import { makeHousehold } from './support/factories';
import { TestApp } from './support/test-app';

const PHONE = '13800005678';
const MASKED = '138****5678';

/**
 * Phone numbers are personal data like ID numbers: in full only for the village clerk and the township
 * officer of the household's village, masked for everyone else, and on the ledger only as a mask and a
 * salted digest.
 */
describe('personal data: phone numbers (e2e)', () => {
  let t: TestApp;
  let householdId: string;
  beforeAll(async () => {
    t = await TestApp.start();
    const clerk = await t.as('wutong');
    householdId = (await makeHousehold(clerk, '500101151201', { phone: PHONE, idNumber: null })).id;
  });
  afterAll(() => t.close());

  const phoneAs = async (username: string) => {
    const res = await t.gql<{ household: { phone: string | null } }>(
      'query($id: ID!) { household(id: $id) { phone } }',
      { id: householdId },
      await t.token(username),
    );
    return res.data?.household.phone ?? res.errors![0].extensions.code;
  };

  it('in full for the village and its township, masked for the district, the auditor and the admin', async () => {
    const seen: Record<string, string> = {};
    for (const u of ['wutong', 'longju', 'district', 'auditor', 'admin', 'luotian', 'yuhe'])
      seen[u] = await phoneAs(u);
    expect(seen).toEqual({
      wutong: PHONE,
      longju: PHONE,
      district: MASKED,
      auditor: MASKED,
      admin: MASKED,
      luotian: 'FORBIDDEN',
      yuhe: 'FORBIDDEN',
    });
    const list = await t.gql<{
      households: { edges: Array<{ node: { id: string; phone: string | null } }> };
    }>('{ households(first: 200) { edges { node { id phone } } } }', {}, await t.token('auditor'));
    const phones = list
      .data!.households.edges.map((e) => e.node.phone)
      .filter((p): p is string => p !== null);
    expect(phones.length).toBeGreaterThan(10);
    for (const p of phones) expect(p).toMatch(/^\d{3}\*+\d{4}$|^[\d*+ -]*\*[\d*+ -]*$/);
  });

  it('the ledger holds a mask and a salted digest, never the number; an edit changes the digest', async () => {
    const auditor = await t.token('auditor');
    const history = async () =>
      (
        await t.gql<{ history: Array<{ canonical: string; after: Record<string, unknown> }> }>(
          'query($id: String!) { history(entityType: "Household", entityId: $id) { canonical after } }',
          { id: householdId },
          auditor,
        )
      ).data!.history;
    const [registered] = await history();
    expect(registered.canonical).not.toContain(PHONE);
    expect(registered.after).toMatchObject({
      phoneMasked: MASKED,
      phoneDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(registered.after).not.toHaveProperty('phone');

    const clerk = await t.as('wutong');
    const changed = await clerk.gql(
      'mutation($id: ID!) { updateHousehold(id: $id, expectedVersion: 1, changes: { phone: "13800009999" }) { version } }',
      { id: householdId },
    );
    expect(changed.errors).toBeUndefined();
    const [, updated] = await history();
    expect(updated.canonical).not.toContain('13800009999');
    expect(updated.after).toMatchObject({ phoneMasked: '138****9999' });
    expect(updated.after.phoneDigest).not.toBe(registered.after.phoneDigest);
  });

  it('no ledger entry of any household holds its phone number', async () => {
    const [{ households, leaking }] = await t.sql<{ households: string; leaking: string }>(
      `SELECT (SELECT count(*) FROM household WHERE phone IS NOT NULL) AS households,
              count(*) AS leaking
         FROM ledger_entry e JOIN household h ON e.entity_type = 'Household' AND e.entity_id = h.id::text
        WHERE h.phone IS NOT NULL AND position(h.phone IN convert_from(e.canonical, 'UTF8')) > 0`,
    );
    expect(Number(households)).toBeGreaterThan(50);
    expect(Number(leaking)).toBe(0);
  });
});
