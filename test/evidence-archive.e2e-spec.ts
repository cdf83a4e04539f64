import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import JSZip from 'jszip';
import type { Response } from 'supertest';
import { daysAgo, makeOwnedOperatingAsset } from './support/factories';
import { Caller, TestApp } from './support/test-app';

/**
 * Files people have (Word documents, phone photos in HEIC, PDFs) are accepted as evidence, and an
 * auditor downloads all evidence of a region or of a record as one ZIP with its manifest (清单.csv),
 * each file's bytes matching the SHA-256 its ledger entries cite.
 */
const FIXTURES = path.join(__dirname, 'fixtures', 'evidence');
const DOCX = readFileSync(path.join(FIXTURES, '验收报告.docx'));
const HEIC = readFileSync(path.join(FIXTURES, 'photo.heic'));
/** The head of a Word 97–2003 file (an OLE2 compound file), as WPS still saves 会议记录.doc. */
const DOC = Buffer.concat([
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
  Buffer.alloc(1024, 0),
]);
const PDF = Buffer.from('%PDF-1.4\n% 收款收据\n%%EOF\n');

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

function binaryParser(res: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const parts: Buffer[] = [];
  res.on('data', (chunk: Buffer) => parts.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(parts)));
}

/** 清单.csv as rows of cells (no field of this test holds a comma or a quote). */
function manifestRows(csv: string): Array<Record<string, string>> {
  const [header, ...lines] = csv
    .replace(/^\ufeff/, '')
    .trim()
    .split('\r\n');
  const names = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i], v])));
}

describe('evidence files people have, and archives of evidence (e2e)', () => {
  let t: TestApp;
  let clerk: Caller;
  let officer: Caller;

  const get = async (query: string, user?: string): Promise<Response> => {
    let req = t.http.get(`/files/archive${query}`);
    if (user) req = req.set('authorization', `Bearer ${await t.token(user)}`);
    return req.buffer(true).parse(binaryParser);
  };
  const uploadAs = async (user: string, bytes: Buffer, name: string, type?: string) => {
    const req = t.http.post('/files').set('authorization', `Bearer ${await t.token(user)}`);
    return type
      ? req.attach('file', bytes, { filename: name, contentType: type })
      : req.attach('file', bytes, name);
  };

  beforeAll(async () => {
    t = await TestApp.start();
    clerk = await t.as('wutong');
    officer = await t.as('longju');
  });
  afterAll(() => t.close());

  it('accepts Word documents (.docx and .doc), HEIC photos from phones and PDFs, by their content', async () => {
    const cases: Array<[Buffer, string, string, string | undefined]> = [
      [
        DOCX,
        '验收报告.docx',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        undefined,
      ],
      [
        DOCX,
        '验收报告',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        undefined,
      ],
      [DOC, '会议记录.doc', 'application/msword', 'application/msword'],
      [HEIC, 'IMG_0001.HEIC', 'image/heic', 'image/heic'],
      [HEIC, 'IMG_0002.heic', 'image/heic', 'application/octet-stream'],
      [PDF, '收据.pdf', 'application/pdf', undefined],
    ];
    for (const [bytes, name, expected, declared] of cases) {
      const res = await uploadAs('wutong', bytes, name, declared);
      expect({ name, status: res.status, mediaType: res.body.mediaType }).toEqual({
        name,
        status: 201,
        mediaType: expected,
      });
      expect(res.body.sha256).toBe(sha256(bytes));
    }
  });

  it('refuses what only pretends to be one of them', async () => {
    const exe = Buffer.from('MZ\x90\x00\x03\x00\x00\x00 this program cannot be run', 'latin1');
    const fake = await uploadAs('wutong', exe, '合同.docx');
    expect(fake.status).toBe(400);
    expect(fake.body.error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FILE_TYPE_NOT_ALLOWED' });
    const heicAsJpeg = await uploadAs('wutong', HEIC, 'photo.jpg');
    expect(heicAsJpeg.status).toBe(400);
    expect(heicAsJpeg.body.error).toMatchObject({ reason: 'FILE_TYPE_MISMATCH' });
    const oldExcel = await uploadAs('wutong', DOC, '台账.xls');
    expect(oldExcel.status).toBe(400);
    expect(oldExcel.body.error).toMatchObject({ reason: 'FILE_TYPE_NOT_ALLOWED' });
  });

  it("gives an asset's evidence — its own and its records' — as one ZIP whose bytes match the ledger", async () => {
    const asset = await makeOwnedOperatingAsset(clerk, officer, '500101151201', { name: '梧桐村光伏电站' });
    const receipt = await clerk.upload(PDF, '租金收据.pdf');
    const photo = await clerk.upload(HEIC, '现场照片.heic');
    const recorded = await clerk.gql<{ recordIncome: { id: string } }>(
      'mutation($input: RecordIncomeInput!) { recordIncome(input: $input) { id } }',
      {
        input: {
          assetId: asset.id,
          amount: '6000.00',
          kind: 'RENT',
          periodFrom: '2025-01-01',
          periodTo: '2025-06-30',
          receivedOn: daysAgo(2),
          idempotencyKey: `archive-${asset.id}`,
          evidenceFileIds: [receipt, photo],
        },
      },
    );
    expect(recorded.errors).toBeUndefined();
    const unrelated = await clerk.upload(Buffer.from('%PDF-1.4\n% 别的资产\n%%EOF\n'), '别的.pdf');

    const res = await get(`?entityType=Asset&entityId=${asset.id}`, 'auditor');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('证明材料-Asset-'));
    const zip = await JSZip.loadAsync(res.body as Buffer);
    const manifest = manifestRows(await zip.file('清单.csv')!.async('string'));
    const byId = new Map(manifest.map((r) => [r['文件编号'], r]));
    expect(byId.has(receipt)).toBe(true);
    expect(byId.has(photo)).toBe(true);
    expect(byId.has(unrelated)).toBe(false);
    for (const [id, bytes] of [
      [receipt, PDF],
      [photo, HEIC],
    ] as const) {
      const row = byId.get(id)!;
      expect(row['SHA-256']).toBe(sha256(bytes));
      expect(row['与账本一致']).toBe('是');
      expect(row['引用的账本条目']).toMatch(/^\d+( \d+)*$/);
      const inZip = await zip.file(row['包内路径'])!.async('nodebuffer');
      expect(sha256(inZip)).toBe(sha256(bytes));
      // The citing entry is a real ledger entry that names the file with these bytes.
      const idx = Number(row['引用的账本条目'].split(' ')[0]);
      const entry = await t.gql<{ ledgerEntry: { entityType: string; canonical: string } }>(
        'query($i: Int!) { ledgerEntry(index: $i) { entityType canonical } }',
        { i: idx },
        await t.token('auditor'),
      );
      expect(entry.data!.ledgerEntry.entityType).toBe('IncomeRecord');
      expect(entry.data!.ledgerEntry.canonical).toContain(sha256(bytes));
    }
    expect(Number(res.headers['x-evidence-file-count'])).toBe(manifest.length);
    expect(Object.keys(zip.files).filter((n) => !zip.files[n].dir)).toHaveLength(manifest.length + 1);
  });

  it("lists over GraphQL (recordEvidence) what the asset's archive holds: ownership, income, contract, repair", async () => {
    const asset = await makeOwnedOperatingAsset(clerk, officer, '500101151201', { name: '梧桐村蔬菜大棚' });
    const receipt = await clerk.upload(PDF, '租金收据.pdf');
    const scan = await clerk.upload(Buffer.from('%PDF-1.4\n% 租赁合同\n%%EOF\n'), '租赁合同.pdf');
    const invoice = await clerk.upload(Buffer.from('%PDF-1.4\n% 维修发票\n%%EOF\n'), '维修发票.pdf');
    const ok = <T>(res: { data?: T | null; errors?: unknown }): T => {
      expect(res.errors).toBeUndefined();
      return res.data!;
    };
    ok(
      await clerk.gql('mutation($input: RecordIncomeInput!) { recordIncome(input: $input) { id } }', {
        input: {
          assetId: asset.id,
          amount: '800.00',
          kind: 'RENT',
          periodFrom: '2025-01-01',
          periodTo: '2025-12-31',
          receivedOn: daysAgo(3),
          idempotencyKey: `evidence-income-${asset.id}`,
          evidenceFileIds: [receipt],
        },
      }),
    );
    const { registerOperator } = ok(
      await clerk.gql<{ registerOperator: { id: string } }>(
        'mutation($input: RegisterOperatorInput!) { registerOperator(input: $input) { id } }',
        {
          input: {
            kind: 'ENTERPRISE',
            name: '万州区梧桐蔬菜种植有限公司',
            uscc: '91350100M000100Y43',
            idempotencyKey: `evidence-operator-${asset.id}`,
          },
        },
      ),
    );
    const { signContract } = ok(
      await clerk.gql<{ signContract: { id: string } }>(
        'mutation($input: SignContractInput!) { signContract(input: $input) { id } }',
        {
          input: {
            code: `HT-EV-${asset.id.slice(0, 8)}`,
            kind: 'LEASE',
            operatorId: registerOperator.id,
            ownerName: '梧桐村股份经济合作联合社',
            assetIds: [asset.id],
            startDate: '2025-01-01',
            endDate: '2029-12-31',
            amount: '800.00',
            schedule: 'ANNUAL',
            evidenceFileIds: [scan],
            idempotencyKey: `evidence-contract-${asset.id}`,
          },
        },
      ),
    );
    const { recordUpkeepRepair } = ok(
      await clerk.gql<{ recordUpkeepRepair: { id: string } }>(
        'mutation($input: RecordRepairInput!) { recordUpkeepRepair(input: $input) { id } }',
        {
          input: {
            assetId: asset.id,
            repairedOn: daysAgo(1),
            description: '更换棚膜',
            cost: '300.00',
            paidBy: 'VILLAGE_FUNDS',
            evidenceFileIds: [invoice],
            idempotencyKey: `evidence-repair-${asset.id}`,
          },
        },
      ),
    );

    const QUERY = `query($type: String!, $id: String!) {
      recordEvidence(entityType: $type, entityId: $id) {
        file { id name sha256 downloadPath }
        citedBy { index action entityType entityId time matchesFile }
      }
    }`;
    type Cited = {
      file: { id: string; name: string; sha256: string; downloadPath: string };
      citedBy: Array<{
        index: number;
        action: string;
        entityType: string;
        entityId: string;
        matchesFile: boolean;
      }>;
    };
    const listed = ok(
      await t.gql<{ recordEvidence: Cited[] }>(
        QUERY,
        { type: 'Asset', id: asset.id },
        await t.token('auditor'),
      ),
    ).recordEvidence;
    const byId = new Map(listed.map((c) => [c.file.id, c]));
    expect(byId.get(receipt)!.citedBy[0]).toMatchObject({
      action: 'INCOME_RECORDED',
      entityType: 'IncomeRecord',
    });
    expect(byId.get(scan)!.citedBy[0]).toMatchObject({
      action: 'CONTRACT_SIGNED',
      entityType: 'Contract',
      entityId: signContract.id,
    });
    expect(byId.get(invoice)!.citedBy[0]).toMatchObject({
      action: 'UPKEEP_REPAIRED',
      entityType: 'UpkeepRepair',
      entityId: recordUpkeepRepair.id,
    });
    // makeOwnedOperatingAsset's ownership proposal cites the scan of its posted notice.
    expect(listed.some((c) => c.citedBy.some((e) => e.entityType === 'OwnershipProposal'))).toBe(true);
    expect(listed.every((c) => c.citedBy.every((e) => e.matchesFile))).toBe(true);
    expect(byId.get(invoice)!.file).toMatchObject({
      name: '维修发票.pdf',
      downloadPath: `/files/${invoice}`,
    });

    // The same files as the asset's archive, in the same order.
    const res = await get(`?entityType=Asset&entityId=${asset.id}`, 'auditor');
    const zip = await JSZip.loadAsync(res.body as Buffer);
    const manifest = manifestRows(await zip.file('清单.csv')!.async('string'));
    expect(listed.map((c) => c.file.id)).toEqual(manifest.map((r) => r['文件编号']));
    for (const c of listed) {
      const row = manifest.find((r) => r['文件编号'] === c.file.id)!;
      expect(c.citedBy.map((e) => e.index).join(' ')).toBe(row['引用的账本条目']);
    }
    // The clerk sees the same list.
    const mine = ok(await clerk.gql<{ recordEvidence: Cited[] }>(QUERY, { type: 'Asset', id: asset.id }));
    expect(mine.recordEvidence.map((c) => c.file.id)).toEqual(listed.map((c) => c.file.id));

    // Another village's clerk and an unknown record: NOT_FOUND; a malformed type: BAD_USER_INPUT.
    const other = await (await t.as('yuhe')).gql(QUERY, { type: 'Asset', id: asset.id });
    expect(other.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(other.data).toBeNull();
    const missing = await clerk.gql(QUERY, { type: 'Asset', id: '00000000-0000-4000-8000-000000000009' });
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const malformed = await clerk.gql(QUERY, { type: '', id: asset.id });
    expect(malformed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it("gives a village's evidence to its township and the auditor, and refuses other regions", async () => {
    const mine = await clerk.upload(Buffer.from('%PDF-1.4\n% 梧桐村会议纪要\n%%EOF\n'), '会议纪要.pdf');
    const forTownship = await get('?regionCode=500101151201', 'longju');
    expect(forTownship.status).toBe(200);
    const zip = await JSZip.loadAsync(forTownship.body as Buffer);
    const manifest = manifestRows(await zip.file('清单.csv')!.async('string'));
    expect(manifest.map((r) => r['文件编号'])).toContain(mine);
    expect(manifest.every((r) => r['所属区域'].startsWith('500101151201'))).toBe(true);

    const auditor = await get('?regionCode=500101151201', 'auditor');
    expect(auditor.status).toBe(200);

    // Another village's clerk: the region is FORBIDDEN, the record is NOT_FOUND (as everywhere).
    const otherRegion = await get('?regionCode=500101151201', 'yuhe');
    expect(otherRegion.status).toBe(403);
    expect(otherRegion.body.error ?? JSON.parse(String(otherRegion.body)).error).toMatchObject({
      code: 'FORBIDDEN',
    });
    const asset = await makeOwnedOperatingAsset(clerk, officer, '500101151201');
    const otherRecord = await get(`?entityType=Asset&entityId=${asset.id}`, 'yuhe');
    expect(otherRecord.status).toBe(404);
    const missing = await get('?entityType=Asset&entityId=00000000-0000-4000-8000-000000000009', 'auditor');
    expect(missing.status).toBe(404);
  });

  it('answers a malformed request with its field, and nobody without a token', async () => {
    for (const query of [
      '',
      '?regionCode=5001%25',
      '?regionCode=500101151201&entityType=Asset&entityId=x',
      '?entityType=Asset',
    ]) {
      const res = await get(query, 'auditor');
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      const body = JSON.parse((res.body as Buffer).toString('utf8')) as {
        error: { code: string; reason: string };
      };
      expect(body.error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'VALIDATION_FAILED' });
    }
    expect((await get('?regionCode=500101151201')).status).toBe(401);
  });
});
