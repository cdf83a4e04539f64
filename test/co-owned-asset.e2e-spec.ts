import { randomUUID } from 'node:crypto';
import {
  AssetRef,
  confirmVillageOwners,
  daysAgo,
  makeOwnedOperatingAsset,
  noticeScan,
} from './support/factories';
import { Caller, errorCode, errorReason, TestApp } from './support/test-app';

const ASSET = `query($id: ID!, $asOf: DateTime) { asset(id: $id, asOf: $asOf) {
  id code version locationCode location { name } owners { ownerRef sharePercent } contracts { code }
  ownershipProposals { id } } }`;
const HISTORY = `query($id: String!) { history(entityType: "Asset", entityId: $id) { index action } }`;
const DISPOSALS = `query($f: DisposalFilter) { disposalRequests(filter: $f) { totalCount edges { node { id assetId } } } }`;
const PROOF = `query($i: Int!, $n: Int!) { inclusionProof(index: $i, treeSize: $n) { rootHash } }`;
const ENTRY = `query($i: Int!) { ledgerEntry(index: $i) { index entityId } }`;
const LIST = `query($f: AssetFilter) { assets(filter: $f, first: 100) { totalCount edges { node { id } } } }`;

/**
 * An asset several villages own is read by each of them and by their townships, wherever it is: its
 * record, its history, its disposal requests and its contracts (a village's 台账 holds what it owns). It is
 * kept, and changed, only where it is; a village that stops owning it stops reading it. The demo's 梧桐村
 * (龙驹镇) keeps a greenhouse that 大坪村 (罗田镇) co-owns; 玉合村 (龙驹镇) owns none of it.
 */
describe('an asset co-owned by a village elsewhere (e2e)', () => {
  let t: TestApp;
  let wutong: Caller; // where the asset is, 60 %
  let daping: Caller; // co-owner, 40 %, in another township
  let luotian: Caller; // 大坪村's township
  let yuhe: Caller; // a village of the asset's township that owns none of it
  let longju: Caller; // the asset's township
  let shared: AssetRef;
  let own: AssetRef; // 梧桐村's alone
  let disposalId: string;
  let checkpointSize: number;

  const read = (caller: Caller, id: string, asOf?: string) =>
    caller.gql<{ asset: Record<string, unknown> }>(ASSET, { id, asOf });
  const ids = async (caller: Caller, filter: object): Promise<string[]> => {
    const res = await caller.gql<{ assets: { totalCount: number; edges: Array<{ node: { id: string } }> } }>(
      LIST,
      { f: filter },
    );
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    expect(res.data.assets.totalCount).toBe(res.data.assets.edges.length);
    return res.data.assets.edges.map((e) => e.node.id);
  };
  const disposals = async (caller: Caller, filter: object): Promise<string[]> => {
    const res = await caller.gql<{ disposalRequests: { edges: Array<{ node: { id: string } }> } }>(
      DISPOSALS,
      {
        f: filter,
      },
    );
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.disposalRequests.edges.map((e) => e.node.id);
  };
  const history = async (caller: Caller, id: string) => {
    const res = await caller.gql<{ history: Array<{ index: number; action: string }> }>(HISTORY, { id });
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.history;
  };
  const ledgerSize = async (): Promise<string> =>
    (await t.sql<{ n: string }>('SELECT count(*)::text AS n FROM ledger_entry'))[0].n;

  beforeAll(async () => {
    t = await TestApp.start();
    [wutong, daping, luotian, yuhe, longju] = await Promise.all(
      ['wutong', 'daping', 'luotian', 'yuhe', 'longju'].map((u) => t.as(u)),
    );
    shared = await makeOwnedOperatingAsset(wutong, longju, '500101151201', {}, [
      ['500101151201', '60'],
      ['500101153201', '40'],
    ]);
    own = await makeOwnedOperatingAsset(wutong, longju, '500101151201');
    // A lease of the greenhouse, and a request to dispose of it, both kept in 梧桐村.
    const operator = await wutong.gql<{ registerOperator: { id: string } }>(
      'mutation($input: RegisterOperatorInput!) { registerOperator(input: $input) { id } }',
      {
        input: {
          kind: 'ENTERPRISE',
          name: '万州区梧桐农业开发有限公司',
          uscc: '91350100M000100Y43',
          contactPerson: '李经理',
          contactPhone: '13812345678',
          idempotencyKey: randomUUID(),
        },
      },
    );
    if (!operator.data) throw new Error(JSON.stringify(operator.errors));
    const lease = await wutong.gql(
      'mutation($input: SignContractInput!) { signContract(input: $input) { id } }',
      {
        input: {
          code: 'HT-CO-OWNED-1',
          kind: 'LEASE',
          operatorId: operator.data.registerOperator.id,
          ownerName: '梧桐村股份经济合作联合社',
          assetIds: [shared.id],
          startDate: '2020-01-01',
          endDate: '2040-12-31',
          amount: '1000.00',
          schedule: 'ANNUAL',
          idempotencyKey: randomUUID(),
        },
      },
    );
    if (lease.errors) throw new Error(JSON.stringify(lease.errors));
    const scan = await noticeScan(wutong);
    const disposal = await wutong.gql<{ requestDisposal: { id: string } }>(
      'mutation($input: RequestDisposalInput!) { requestDisposal(input: $input) { id } }',
      {
        input: {
          assetId: shared.id,
          method: 'SCRAP',
          reasonCode: 'END_OF_LIFE',
          reasonText: '大棚钢架锈蚀严重，已达使用年限',
          appraisedValue: '3000.00',
          evidence: { appraisalFileIds: [scan], resolutionFileIds: [scan] },
        },
      },
    );
    if (!disposal.data) throw new Error(JSON.stringify(disposal.errors));
    disposalId = disposal.data.requestDisposal.id;
  }, 90_000);
  afterAll(() => t?.close());

  it('大坪村 and 罗田镇 read the greenhouse in 梧桐村, as it is now and as it was; 玉合村 reads neither asset', async () => {
    const seen = await read(wutong, shared.id);
    expect(seen.errors).toBeUndefined();
    expect(seen.data!.asset).toMatchObject({
      locationCode: '500101151201',
      location: { name: '梧桐村' },
      owners: [
        { ownerRef: '500101151201', sharePercent: '60.00' },
        { ownerRef: '500101153201', sharePercent: '40.00' },
      ],
      contracts: [{ code: 'HT-CO-OWNED-1' }],
    });
    for (const caller of [daping, luotian]) {
      const res = await read(caller, shared.id);
      expect(res.errors).toBeUndefined();
      expect(res.data!.asset).toEqual(seen.data!.asset);
      const past = await read(caller, shared.id, new Date().toISOString());
      expect(past.data?.asset).toMatchObject({ id: shared.id, locationCode: '500101151201' });
      const upkeep = await caller.gql('query($id: ID!) { assetUpkeep(assetId: $id) { responsibleBody } }', {
        id: shared.id,
      });
      expect(upkeep.errors).toBeUndefined();
      // What 梧桐村's plans set aside for upkeep is 梧桐村's.
      const allocations = await caller.gql('query($id: ID!) { upkeepAllocations(assetId: $id) { planId } }', {
        id: shared.id,
      });
      expect([errorCode(allocations), errorReason(allocations)]).toEqual(['FORBIDDEN', 'OUT_OF_SCOPE']);
      // Its evidence files and its dossier are kept where it is.
      const evidence = await caller.gql(
        'query($id: String!) { recordEvidence(entityType: "Asset", entityId: $id) { file { id } } }',
        { id: shared.id },
      );
      expect(errorCode(evidence)).toBe('NOT_FOUND');
      const dossier = await t.http
        .get(`/assets/${shared.id}/dossier`)
        .set('authorization', `Bearer ${caller.token}`);
      expect(dossier.status).toBe(404);
      // The confirmation that made it a co-owner, and its printed 公示 notice.
      const proposals = res.data!.asset.ownershipProposals as Array<{ id: string }>;
      expect(proposals).toHaveLength(1);
      const proposal = await caller.gql<{ ownershipProposal: { id: string } }>(
        'query($id: ID!) { ownershipProposal(id: $id) { id } }',
        { id: proposals[0].id },
      );
      expect(proposal.data?.ownershipProposal.id).toBe(proposals[0].id);
      const notice = (await caller.download(`/print/ownership-proposals/${proposals[0].id}`)).toString(
        'utf8',
      );
      expect(notice).toContain(shared.code);
    }
    // An asset 梧桐村 owns alone, and the greenhouse for a village that owns none of it: no such asset.
    for (const [caller, id] of [
      [daping, own.id],
      [luotian, own.id],
      [yuhe, shared.id],
    ] as const) {
      const res = await read(caller, id);
      expect([errorCode(res), errorReason(res)]).toEqual(['NOT_FOUND', 'ASSET_NOT_FOUND']);
      const past = await read(caller, id, new Date().toISOString());
      expect(errorReason(past)).toBe('ASSET_NOT_FOUND');
      const upkeep = await caller.gql('query($id: ID!) { assetUpkeep(assetId: $id) { responsibleBody } }', {
        id,
      });
      expect(errorReason(upkeep)).toBe('ASSET_NOT_FOUND');
      const [proposal] = (await read(wutong, id)).data!.asset.ownershipProposals as Array<{ id: string }>;
      const byId = await caller.gql('query($id: ID!) { ownershipProposal(id: $id) { id } }', {
        id: proposal.id,
      });
      expect(errorReason(byId)).toBe('OWNERSHIP_PROPOSAL_NOT_FOUND');
    }
  });

  it('its history, each entry’s inclusion proof and its disposal requests, not the rest of 梧桐村’s', async () => {
    const kept = await history(wutong, shared.id);
    expect(kept.length).toBeGreaterThan(1);
    expect(await history(daping, shared.id)).toEqual(kept);
    expect(await history(luotian, shared.id)).toEqual(kept);
    expect(await history(yuhe, shared.id)).toEqual([]);
    expect(await history(daping, own.id)).toEqual([]);

    // A browser checks each entry of a history it shows against the latest checkpoint.
    const admin = await t.as('admin');
    const { createCheckpoint: checkpoint } = (
      await admin.gql<{ createCheckpoint: { treeSize: number; rootHash: string } }>(
        'mutation { createCheckpoint { treeSize rootHash } }',
      )
    ).data!;
    checkpointSize = checkpoint.treeSize;
    for (const caller of [daping, luotian]) {
      for (const entry of kept) {
        const proof = await caller.gql<{ inclusionProof: { rootHash: string } }>(PROOF, {
          i: entry.index,
          n: checkpoint.treeSize,
        });
        expect(proof.data?.inclusionProof.rootHash).toBe(checkpoint.rootHash);
      }
    }
    // One entry by its index (审计账本's 查看条目, /ledger?entry=N): the same scope as its record's history.
    for (const caller of [daping, luotian]) {
      for (const entry of kept) {
        const one = await caller.gql<{ ledgerEntry: { index: number; entityId: string } }>(ENTRY, {
          i: entry.index,
        });
        expect(one.data?.ledgerEntry).toEqual({ index: entry.index, entityId: shared.id });
      }
    }
    const ownEntry = (await history(wutong, own.id))[0].index;
    for (const [caller, index] of [
      [yuhe, kept[0].index],
      [daping, ownEntry],
    ] as const) {
      const refused = await caller.gql(PROOF, { i: index, n: checkpoint.treeSize });
      expect([errorCode(refused), errorReason(refused)]).toEqual(['FORBIDDEN', 'OUT_OF_SCOPE']);
      const entry = await caller.gql(ENTRY, { i: index });
      expect([errorCode(entry), errorReason(entry)]).toEqual(['FORBIDDEN', 'OUT_OF_SCOPE']);
    }

    expect(await disposals(wutong, { assetId: shared.id })).toEqual([disposalId]);
    expect(await disposals(daping, { assetId: shared.id })).toEqual([disposalId]);
    expect(await disposals(luotian, { assetId: shared.id })).toEqual([disposalId]);
    expect(await disposals(yuhe, { assetId: shared.id })).toEqual([]);
    // Its region's list holds the requests of its region only.
    expect(await disposals(daping, {})).not.toContain(disposalId);
    // By id, the request stays where it is kept.
    const byId = await daping.gql('query($id: ID!) { disposalRequest(id: $id) { id } }', { id: disposalId });
    expect(errorCode(byId)).toBe('NOT_FOUND');
  });

  it('a co-owner changes nothing: every write is refused as OUT_OF_SCOPE and writes nothing; a non-owner still finds nothing', async () => {
    const version = (await read(wutong, shared.id)).data!.asset.version as number;
    const scan = await noticeScan(daping);
    const before = await ledgerSize();
    const writes: Array<[string, Record<string, unknown>]> = [
      [
        'mutation($id: ID!, $v: Int!) { updateAsset(id: $id, expectedVersion: $v, changes: { name: "改名" }) { id } }',
        { id: shared.id, v: version },
      ],
      [
        'mutation($input: RecordInspectionInput!) { recordUpkeepInspection(input: $input) { id } }',
        {
          input: { assetId: shared.id, inspectedOn: daysAgo(1), inspector: '张三', condition: 'GOOD' },
        },
      ],
      [
        'mutation($input: ProposeOwnershipInput!) { proposeOwnership(input: $input) { id } }',
        {
          input: {
            assetId: shared.id,
            owners: [
              {
                ownerType: 'VILLAGE_COLLECTIVE',
                ownerRef: '500101153201',
                name: '大坪村',
                sharePercent: '100',
              },
            ],
            managementEntity: '大坪村股份经济合作联合社',
            publicityStart: daysAgo(1),
            noticeEvidenceFileIds: [scan],
          },
        },
      ],
      [
        'mutation($input: RequestDisposalInput!) { requestDisposal(input: $input) { id } }',
        {
          input: {
            assetId: shared.id,
            method: 'TRANSFER',
            reasonCode: 'IDLE_OR_POOR_RETURNS',
            reasonText: '大坪村想转让',
            appraisedValue: '1000.00',
            evidence: { appraisalFileIds: [scan], resolutionFileIds: [scan] },
          },
        },
      ],
    ];
    for (const [query, variables] of writes) {
      for (const caller of [daping, luotian]) {
        const res = await caller.gql(query, variables);
        expect([errorCode(res), errorReason(res)]).toEqual(['FORBIDDEN', 'OUT_OF_SCOPE']);
      }
      const res = await yuhe.gql(query, variables);
      expect([errorCode(res), errorReason(res)]).toEqual(['NOT_FOUND', 'ASSET_NOT_FOUND']);
    }
    expect(await ledgerSize()).toBe(before);
    expect((await read(wutong, shared.id)).data!.asset.version).toBe(version);
  });

  it('assets(filter: { includeCoOwned: true }) adds what the region’s villages co-own elsewhere; the default list is where assets are', async () => {
    expect(await ids(daping, {})).not.toContain(shared.id);
    const withCoOwned = await ids(daping, { includeCoOwned: true });
    expect(withCoOwned).toContain(shared.id);
    expect(withCoOwned).not.toContain(own.id);
    // The co-owned asset on top of the village's own, and nothing else.
    expect(withCoOwned.filter((id) => id !== shared.id).sort()).toEqual((await ids(daping, {})).sort());
    expect(await ids(luotian, { includeCoOwned: true })).toContain(shared.id);
    expect(await ids(luotian, { includeCoOwned: true, regionCode: '500101153201' })).toContain(shared.id);
    expect(await ids(yuhe, { includeCoOwned: true })).not.toContain(shared.id);
    // Where the asset is, it is listed once.
    const atHome = await ids(longju, { includeCoOwned: true, regionCode: '500101151201' });
    expect(atHome.filter((id) => id === shared.id)).toHaveLength(1);
    expect(atHome).toEqual(await ids(longju, { regionCode: '500101151201' }));
    // A region outside the caller's is refused as without the flag.
    const outside = await daping.gql(LIST, { f: { includeCoOwned: true, regionCode: '500101151201' } });
    expect(errorReason(outside)).toBe('OUT_OF_SCOPE');
  });

  it('once a later confirmation leaves 大坪村 out, it and 罗田镇 read nothing of the greenhouse', async () => {
    // (An asset with an open disposal request does not change owner: the township rejects it first.)
    const { snapshotHash } = (
      await longju.gql<{ disposalRequest: { snapshotHash: string } }>(
        'query($id: ID!) { disposalRequest(id: $id) { snapshotHash } }',
        { id: disposalId },
      )
    ).data!.disposalRequest;
    const rejected = await longju.gql(
      'mutation($id: ID!, $h: String!) { reviewDisposal(requestId: $id, decision: REJECT, comment: "大棚仍可使用", expectedSnapshotHash: $h) { id } }',
      { id: disposalId, h: snapshotHash },
    );
    expect(rejected.errors).toBeUndefined();
    const kept = (await history(wutong, shared.id)).map((e) => e.index);
    await confirmVillageOwners(wutong, longju, shared, [['500101151201', '100']], `CERT-${shared.code}-2`);
    for (const caller of [daping, luotian]) {
      expect(errorReason(await read(caller, shared.id))).toBe('ASSET_NOT_FOUND');
      expect(await history(caller, shared.id)).toEqual([]);
      expect(errorReason(await caller.gql(PROOF, { i: kept[0], n: checkpointSize }))).toBe('OUT_OF_SCOPE');
      expect(errorReason(await caller.gql(ENTRY, { i: kept[0] }))).toBe('OUT_OF_SCOPE');
      expect(await disposals(caller, { assetId: shared.id })).toEqual([]);
      expect(await ids(caller, { includeCoOwned: true })).not.toContain(shared.id);
    }
    const res = await daping.gql(
      'mutation($id: ID!, $v: Int!) { updateAsset(id: $id, expectedVersion: $v, changes: { name: "改名" }) { id } }',
      { id: shared.id, v: 1 },
    );
    expect(errorReason(res)).toBe('ASSET_NOT_FOUND');
  });
});
