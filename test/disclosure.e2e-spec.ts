import { createHash } from 'node:crypto';
import { readDisclosureClaims } from '@/disclosure/disclosure-token';
import { DisclosureService } from '@/disclosure/disclosure.service';
import { makeOwnedOperatingAsset } from './support/factories';
import { Caller, errorCode, errorFields, errorReason, TestApp } from './support/test-app';

const CREATE = `mutation($v: String!, $y: Int!, $s: LocalDate, $d: Int, $valid: Int, $key: String) {
  createDisclosureLink(villageCode: $v, year: $y, publicityStart: $s, publicityDays: $d, validDays: $valid, idempotencyKey: $key) {
    id url path token expiresAt villageCode villageName year publicityStart publicityEnd createdByName
    checkpoint { origin treeSize rootHash note verifierKey }
  }
}`;
const REVOKE = `mutation($id: ID!, $r: String!) { revokeDisclosureLink(id: $id, reason: $r) { id revokedAt revokeReason } }`;

type Link = {
  id: string;
  url: string;
  path: string;
  token: string;
  expiresAt: string;
  villageCode: string;
  villageName: string;
  year: number;
  publicityStart: string;
  publicityEnd: string;
  createdByName: string;
  checkpoint: { origin: string; treeSize: number; rootHash: string; note: string; verifierKey: string };
};

const WUTONG = '500101151201';
const DAPING = '500101153201';
const YUHE = '500101151202';
const DAY = 86_400_000;

/** Written here independently of the code under test: fen → "12,345.67". */
function yuan(fen: bigint | string): string {
  const n = BigInt(fen);
  const abs = n < 0n ? -n : n;
  const whole = (abs / 100n).toString();
  let grouped = '';
  for (let i = 0; i < whole.length; i++) {
    if (i > 0 && (whole.length - i) % 3 === 0) grouped += ',';
    grouped += whole[i];
  }
  return `${n < 0n ? '-' : ''}${grouped}.${(abs % 100n).toString().padStart(2, '0')}`;
}

describe('public disclosure (公示) (e2e)', () => {
  let t: TestApp;
  let clerk: Caller;
  const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));

  const create = (caller: Caller, vars: Record<string, unknown> = {}) =>
    caller.gql<{ createDisclosureLink: Link }>(CREATE, { v: WUTONG, y: year, ...vars });
  /** A GET with no Authorization header at all, as a villager's phone would make it. */
  const fetchPage = async (path: string) => {
    const res = await t.http.get(path).buffer(true);
    return {
      status: res.status,
      type: String(res.headers['content-type']),
      html: res.text,
      headers: res.headers,
    };
  };

  beforeAll(async () => {
    t = await TestApp.start();
    clerk = await t.as('wutong');
  });
  afterAll(() => t.close());

  describe('a link created by the village clerk', () => {
    let link: Link;
    let html: string;

    beforeAll(async () => {
      const res = await create(clerk);
      expect(res.errors).toBeUndefined();
      link = res.data!.createDisclosureLink;
      const page = await fetchPage(link.path);
      expect(page.status).toBe(200);
      expect(page.type).toBe('text/html; charset=utf-8');
      html = page.html;
    });

    it('returns a signed, expiring link to a page of that village and year, with its checkpoint', async () => {
      expect(link).toMatchObject({ villageCode: WUTONG, villageName: '梧桐村', year });
      expect(link.path).toBe(`/disclosure/${link.token}`);
      expect(link.url.endsWith(link.path)).toBe(true);
      expect(link.url).toMatch(/^https?:\/\//);
      const validDays = (Date.parse(link.expiresAt) - Date.now()) / DAY;
      expect(validDays).toBeGreaterThan(89);
      expect(validDays).toBeLessThanOrEqual(90);
      // 公示期: at least 10 days, starting today.
      const days = (Date.parse(link.publicityEnd) - Date.parse(link.publicityStart)) / DAY + 1;
      expect(days).toBe(10);
      // The checkpoint exists, is signed, and covered the whole ledger when the link was made
      // (the link's own entry comes right after it).
      const [cp] = await t.sql<{ tree_size: string; root_hash: Buffer; note: string }>(
        'SELECT tree_size, root_hash, note FROM ledger_checkpoint WHERE tree_size = $1',
        [link.checkpoint.treeSize],
      );
      expect(cp.root_hash.toString('base64')).toBe(link.checkpoint.rootHash);
      expect(cp.note).toBe(link.checkpoint.note);
      const checkpoints = await clerk.gql<{
        checkpoints: { edges: Array<{ node: { treeSize: number; rootHash: string } }> };
      }>('{ checkpoints(first: 50) { edges { node { treeSize rootHash } } } }');
      expect(checkpoints.data!.checkpoints.edges.map((e) => e.node)).toContainEqual({
        treeSize: link.checkpoint.treeSize,
        rootHash: link.checkpoint.rootHash,
      });
      const [entry] = await t.sql<{ idx: string; action: string; canonical: Buffer; region_code: string }>(
        `SELECT idx, action, canonical, region_code FROM ledger_entry WHERE entity_type = 'DisclosureLink' AND entity_id = $1`,
        [link.id],
      );
      expect(entry.action).toBe('DISCLOSURE_LINK_CREATED');
      expect(entry.region_code).toBe(WUTONG);
      expect(Number(entry.idx)).toBeGreaterThanOrEqual(link.checkpoint.treeSize);
      const doc = JSON.parse(entry.canonical.toString('utf8')) as {
        actor: { username: string };
        after: { checkpointSize: number; checkpointRoot: string; tokenSha256: string; year: number };
      };
      expect(doc.actor.username).toBe('wutong');
      expect(doc.after).toMatchObject({
        checkpointSize: link.checkpoint.treeSize,
        checkpointRoot: link.checkpoint.rootHash,
        year,
        tokenSha256: createHash('sha256').update(link.token).digest('hex'),
      });
    });

    it('is a self-contained Chinese document: lang, charset, A4 print style, nothing loaded from outside', () => {
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(html).toContain('<html lang="zh-CN">');
      expect(html).toContain('<meta charset="utf-8">');
      expect(html).toMatch(/@page\s*\{\s*size:\s*A4/);
      expect(html).toContain(`<title>万州区龙驹镇梧桐村 ${year}年度 扶贫项目资产、收益及分配公示</title>`);
      expect(html).not.toMatch(/https?:\/\//i);
      expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|\bsrc\s*=|\bhref\s*=/i);
      for (const section of [
        '资产情况',
        '收益情况',
        '收益分配情况',
        '资产处置情况',
        '收益结余情况',
        '盖章处',
        '公示期',
      ]) {
        expect(html).toContain(section);
      }
    });

    it('is public but served with headers that forbid scripts and framing', async () => {
      const page = await fetchPage(link.path);
      expect(page.headers['content-security-policy']).toContain("default-src 'none'");
      expect(page.headers['x-content-type-options']).toBe('nosniff');
    });

    it('lists every non-disposed asset of the village, not the disposed one nor other villages’', async () => {
      const assets = await t.sql<{ code: string; status: string; formed_value: string }>(
        `SELECT code, status, formed_value FROM asset WHERE location_code = $1 ORDER BY code`,
        [WUTONG],
      );
      const live = assets.filter((a) => a.status !== 'DISPOSED');
      expect(live.length).toBeGreaterThan(10);
      for (const a of live) expect(html).toContain(`>${a.code}<`);
      const disposed = assets.filter((a) => a.status === 'DISPOSED');
      expect(disposed).toHaveLength(1);
      const total = live.reduce((s, a) => s + BigInt(a.formed_value), 0n);
      expect(html).toContain(`共 <b>${live.length}</b> 项，原值合计 <b>${yuan(total)}</b> 元`);
      const households = await t.sql<{ household_head_name: string }>(
        `SELECT household_head_name FROM asset WHERE location_code = $1 AND status <> 'DISPOSED' AND household_head_name IS NOT NULL`,
        [WUTONG],
      );
      expect(households.length).toBeGreaterThan(0);
      for (const { household_head_name } of households) expect(html).not.toContain(household_head_name);
      const [other] = await t.sql<{ code: string }>(
        `SELECT code FROM asset WHERE location_code = $1 LIMIT 1`,
        [DAPING],
      );
      expect(html).not.toContain(`>${other.code}<`);
    });

    it('shows the income of the year to the fen: the records’ total and the village collective’s share', async () => {
      const [sums] = await t.sql<{ n: string; gross: string; village: string }>(
        `SELECT count(*)::text AS n, coalesce(sum(r.amount), 0)::text AS gross,
                coalesce(sum((SELECT sum(s.amount) FROM income_share s WHERE s.income_id = r.id AND s.village_code = $1)), 0)::text AS village
           FROM income_record r
          WHERE extract(year FROM r.received_on) = $2
            AND (r.region_code = $1 OR EXISTS (SELECT 1 FROM income_share s WHERE s.income_id = r.id AND s.village_code = $1))`,
        [WUTONG, year],
      );
      expect(Number(sums.n)).toBeGreaterThan(0);
      expect(html).toContain(
        `共到账收益记录 <b>${sums.n}</b> 笔，收益合计 <b>${yuan(sums.gross)}</b> 元，其中按确权份额归本村集体 <b>${yuan(sums.village)}</b> 元`,
      );
    });

    it('shows the decided plans of the year (not drafts), beneficiaries by registry number with masked names', async () => {
      const plans = await t.sql<{ id: string; status: string; amount: string }>(
        `SELECT id, status, amount FROM distribution_plan WHERE village_code = $1 AND extract(year FROM plan_date) = $2`,
        [WUTONG, year],
      );
      const shown = plans.filter((p) => ['SUBMITTED', 'FILED', 'COMPLETED'].includes(p.status));
      expect(shown.length).toBeGreaterThanOrEqual(2);
      expect(plans.some((p) => p.status === 'DRAFT')).toBe(true);
      expect(html).toContain(`收益分配方案共 <b>${shown.length}</b> 个`);
      for (const p of shown) expect(html).toContain(`方案金额 <b>${yuan(p.amount)}</b> 元`);
      for (const p of plans.filter((x) => x.status === 'DRAFT')) {
        expect(html).not.toContain(`方案金额 <b>${yuan(p.amount)}</b> 元`);
      }
      expect(html).toContain('已备案');
      const beneficiaries = await t.sql<{ registry_no: string; head_name: string; id_number: string | null }>(
        `SELECT DISTINCT h.registry_no, h.head_name, h.id_number FROM distribution_beneficiary b
           JOIN distribution_allocation a ON a.id = b.allocation_id JOIN household h ON h.id = b.household_id
          WHERE a.plan_id = ANY($1)`,
        [shown.map((p) => p.id)],
      );
      expect(beneficiaries.length).toBeGreaterThan(0);
      for (const b of beneficiaries) {
        expect(html).toContain(b.registry_no);
        const chars = Array.from(b.head_name);
        const masked =
          chars.length <= 2
            ? `${chars[0]}*`
            : `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
        expect(html).toContain(`</span> ${masked} `);
        if (chars.length >= 2) expect(html).not.toContain(b.head_name);
      }
      // No personal ID number of anyone in the village, whether listed or not.
      const ids = await t.sql<{ id_number: string }>(
        `SELECT id_number FROM household WHERE village_code = $1 AND id_number IS NOT NULL`,
        [WUTONG],
      );
      expect(ids.length).toBeGreaterThan(0);
      for (const { id_number } of ids) expect(html).not.toContain(id_number);
    });

    it('shows the disposal completed this year with its method, decisions and proceeds', async () => {
      const [d] = await t.sql<{ code: string; proceeds: string; reason_text: string }>(
        `SELECT a.code, d.proceeds::text AS proceeds, d.reason_text FROM disposal_request d JOIN asset a ON a.id = d.asset_id
          WHERE d.region_code = $1 AND d.status = 'COMPLETED'`,
        [WUTONG],
      );
      const section = html.slice(html.indexOf('id="disposal"'), html.indexOf('id="balance"'));
      expect(section).toContain(`>${d.code}<`);
      expect(section).toContain('报废');
      expect(section).toContain('已处置完毕');
      expect(section).toContain('乡镇：同意');
      expect(section).toContain(d.reason_text);
      expect(section).toContain(yuan(d.proceeds));
    });

    it('states the balance as IncomeBalancesService counts it, and the checkpoint with how to verify it', async () => {
      const api = await clerk.gql<{
        villageIncomeBalances: Array<{
          villageCode: string;
          received: string;
          planned: string;
          undistributed: string;
        }>;
      }>('{ villageIncomeBalances { villageCode received planned undistributed } }');
      const b = api.data!.villageIncomeBalances.find((x) => x.villageCode === WUTONG)!;
      const fen = (s: string) => BigInt(s.replace('.', ''));
      expect(html).toContain(
        `累计应得收益 <b>${yuan(fen(b.received))}</b> 元，已分配 <b>${yuan(fen(b.planned))}</b> 元`,
      );
      expect(html).toContain(`未分配 <b>${yuan(fen(b.undistributed))}</b> 元`);
      expect(html).toContain(`树大小 <b>${link.checkpoint.treeSize}</b>`);
      expect(html).toContain(link.checkpoint.rootHash);
      expect(html).toContain(link.checkpoint.origin);
      expect(html).toContain(link.checkpoint.note);
      expect(html).toContain('npm run verify');
      expect(html).toContain(link.checkpoint.verifierKey);
      expect(html).toContain('均已包含在上述检查点中');
    });

    it('keeps showing the checkpoint it was generated from after the ledger grows, and marks what changed since', async () => {
      const [asset] = await t.sql<{ id: string; code: string; version: number }>(
        `SELECT id, code, version FROM asset WHERE location_code = $1 AND status <> 'DISPOSED' ORDER BY code LIMIT 1`,
        [WUTONG],
      );
      const renamed = await clerk.gql(
        'mutation($id: ID!, $v: Int!, $c: AssetChangesInput!) { updateAsset(id: $id, expectedVersion: $v, changes: $c) { id } }',
        { id: asset.id, v: asset.version, c: { name: '村道<script>alert(1)</script> & "桥"' } },
      );
      expect(renamed.errors).toBeUndefined();
      const second = await create(clerk);
      expect(second.data!.createDisclosureLink.checkpoint.treeSize).toBeGreaterThan(link.checkpoint.treeSize);

      const again = (await fetchPage(link.path)).html;
      expect(again).toContain(`树大小 <b>${link.checkpoint.treeSize}</b>`);
      expect(again).toContain(link.checkpoint.rootHash);
      // Names are escaped, never markup.
      expect(again).toContain('村道&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;桥&quot;');
      expect(again).not.toContain('<script');
      expect(again).toMatch(/有 1 条（标注 †）在上述检查点之后发生了变更/);
      // The new link's page covers the rename.
      const fresh = (await fetchPage(second.data!.createDisclosureLink.path)).html;
      expect(fresh).toContain(`树大小 <b>${second.data!.createDisclosureLink.checkpoint.treeSize}</b>`);
      expect(fresh).toContain('均已包含在上述检查点中');
    });

    it('refuses a token edited in any one character, and leaks nothing', async () => {
      const token = link.token;
      expect(token).toMatch(/^[A-Za-z0-9_-]{76}$/);
      const swap = (c: string) => (c === 'A' ? 'B' : 'A');
      const edit = (i: number) => token.slice(0, i) + swap(token[i]) + token.slice(i + 1);
      const edits = [
        edit(0), // the version
        edit(5), // the link id
        edit(30), // the village code and the year
        edit(40), // the expiry
        edit(50), // the signature
        edit(token.length - 1), // the last character
        token.slice(0, -1),
        `${token}A`,
        'not-a-token',
      ];
      for (const edited of edits) {
        const page = await fetchPage(`/disclosure/${edited}`);
        expect({ edited, status: page.status }).toEqual({ edited, status: 404 });
        expect(page.type).toBe('text/html; charset=utf-8');
        expect(page.html).toContain('未找到该公示');
        expect(page.html).not.toContain('梧桐村');
        expect(page.html).not.toContain(String(link.checkpoint.treeSize));
      }
    });

    it('refuses an expired token: signed with an expiry in the past, or the clock past the link’s expiry', async () => {
      const service = t.app.get(DisclosureService);
      const claims = readDisclosureClaims(link.token)!;
      expect(claims).toMatchObject({ l: link.id, c: WUTONG, y: year, s: link.checkpoint.treeSize });
      const past = service.sign({ ...claims, e: Math.floor(Date.now() / 1000) - 60 });
      const expired = await fetchPage(`/disclosure/${past}`);
      expect(expired.status).toBe(403);
      expect(expired.html).toContain('公示链接已过期');
      expect(expired.html).not.toContain('梧桐村');

      // The real link, with the clock one second past its expiry (only Date is faked: the server,
      // supertest and pg keep their timers).
      jest.useFakeTimers({
        now: Date.parse(link.expiresAt) + 1000,
        doNotFake: [
          'hrtime',
          'nextTick',
          'performance',
          'queueMicrotask',
          'requestAnimationFrame',
          'cancelAnimationFrame',
          'requestIdleCallback',
          'cancelIdleCallback',
          'setImmediate',
          'clearImmediate',
          'setInterval',
          'clearInterval',
          'setTimeout',
          'clearTimeout',
        ],
      });
      try {
        const late = await fetchPage(link.path);
        expect(late.status).toBe(403);
        expect(late.html).not.toContain('梧桐村');
      } finally {
        jest.useRealTimers();
      }
      expect((await fetchPage(link.path)).status).toBe(200);

      // A token for a different village than its link names is refused (signed claims must match the row).
      const swapped = service.sign({ ...claims, c: DAPING });
      expect((await fetchPage(`/disclosure/${swapped}`)).status).toBe(404);
    });

    it('shows a reversal as such: the compensating record negative, the original marked, totals net', async () => {
      const [original] = await t.sql<{ id: string; amount: string; received_on: string }>(
        `SELECT id, amount::text AS amount, to_char(received_on, 'YYYY-MM-DD') AS received_on FROM income_record
          WHERE region_code = $1 AND reverses_id IS NULL AND extract(year FROM received_on) = $2
          ORDER BY amount LIMIT 1`,
        [WUTONG, year],
      );
      const reversed = await clerk.gql(
        'mutation($id: ID!, $r: String!) { reverseIncome(id: $id, reason: $r) { id } }',
        {
          id: original.id,
          r: '金额录入错误 <更正>',
        },
      );
      expect(reversed.errors).toBeUndefined();
      const page = (await fetchPage((await create(clerk)).data!.createDisclosureLink.path)).html;
      const section = page.slice(page.indexOf('id="income"'), page.indexOf('id="distribution"'));
      expect(section).toContain('<tr class="reversal">');
      expect(section).toContain(`<td class="num">-${yuan(original.amount)}</td>`);
      expect(section).toContain(`冲销 ${original.received_on} 到账的记录；金额录入错误 &lt;更正&gt;`);
      expect(section).toContain('<span class="tag">已冲销</span>');
      const [sums] = await t.sql<{ gross: string }>(
        `SELECT sum(amount)::text AS gross FROM income_record WHERE region_code = $1 AND extract(year FROM received_on) = $2`,
        [WUTONG, year],
      );
      expect(section).toContain(`收益合计 <b>${yuan(sums.gross)}</b> 元`);
    });
  });

  describe('who may publish', () => {
    it('another village’s clerk, another township’s officer and the auditor may not; the township and district may', async () => {
      for (const username of ['daping', 'yuhe', 'luotian']) {
        const res = await create(await t.as(username));
        expect({ username, code: errorCode(res) }).toEqual({ username, code: 'FORBIDDEN' });
      }
      const auditor = await create(await t.as('auditor'));
      expect(errorCode(auditor)).toBe('FORBIDDEN');
      for (const username of ['longju', 'district', 'admin']) {
        const res = await create(await t.as(username));
        expect({ username, errors: res.errors }).toEqual({ username, errors: undefined });
      }
      const anonymous = await t.gql(CREATE, { v: WUTONG, y: year });
      expect(errorCode(anonymous)).toBe('UNAUTHENTICATED');
    });

    it('publishes once per idempotency key: a retry returns the same link, the key reused otherwise is a CONFLICT', async () => {
      const count = async () =>
        Number(
          (
            await t.sql<{ n: string }>(
              `SELECT count(*)::text AS n FROM disclosure_link WHERE village_code = $1`,
              [WUTONG],
            )
          )[0].n,
        );
      const entries = async () =>
        Number(
          (
            await t.sql<{ n: string }>(
              `SELECT count(*)::text AS n FROM ledger_entry WHERE action = 'DISCLOSURE_LINK_CREATED'`,
            )
          )[0].n,
        );
      const [links, logged] = [await count(), await entries()];
      const key = 'disclosure-retry-0001';
      const first = await create(clerk, { key });
      expect(first.errors).toBeUndefined();
      const again = await create(clerk, { key });
      expect(again.errors).toBeUndefined();
      // The same link (its URL's host is the request's own: supertest's port differs per request).
      const { url: _firstUrl, ...link } = first.data!.createDisclosureLink;
      const { url: againUrl, ...repeated } = again.data!.createDisclosureLink;
      expect(repeated).toEqual(link);
      expect(againUrl.endsWith(link.path)).toBe(true);
      expect([await count(), await entries()]).toEqual([links + 1, logged + 1]);
      // The URL of the repeat opens the page.
      expect((await fetchPage(again.data!.createDisclosureLink.path)).status).toBe(200);
      const other = await create(clerk, { key, d: 20 });
      expect(errorCode(other)).toBe('CONFLICT');
      expect(errorReason(other)).toBe('IDEMPOTENCY_KEY_REUSED');
      expect([await count(), await entries()]).toEqual([links + 1, logged + 1]);
    });

    it('checks the village, the year and the periods', async () => {
      const unknown = await create(clerk, { v: '500101151299' });
      expect(errorCode(unknown)).toBe('NOT_FOUND');
      expect(errorReason(unknown)).toBe('REGION_NOT_FOUND');
      const township = await create(await t.as('longju'), { v: '500101151' });
      expect(errorCode(township)).toBe('BAD_USER_INPUT');
      expect(errorFields(township)).toEqual(['villageCode']);
      const future = await create(clerk, { y: year + 1 });
      expect(errorFields(future)).toEqual(['year']);
      const short = await create(clerk, { d: 5 });
      expect(errorFields(short)).toEqual(['publicityDays']);
      const brief = await create(clerk, { valid: 3 });
      expect(errorFields(brief)).toEqual(['validDays']);
      const past = await create(clerk, { s: '2020-01-01' });
      expect(errorFields(past)).toEqual(['publicityStart']);
    });
  });

  describe('preview and revocation', () => {
    it('previews for signed-in readers of the village (auditors too), marked as a draft', async () => {
      const path = `/disclosure/preview?village=${WUTONG}&year=${year}`;
      const auditor = await t.as('auditor');
      const res = await t.http.get(path).set('authorization', `Bearer ${auditor.token}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.text).toContain('预览稿');
      expect(res.text).toContain('梧桐村');
      expect((await t.http.get(path)).status).toBe(401);
      const daping = await t.as('daping');
      expect((await t.http.get(path).set('authorization', `Bearer ${daping.token}`)).status).toBe(403);
      const bad = await t.http
        .get(`/disclosure/preview?village=x&year=${year}`)
        .set('authorization', `Bearer ${auditor.token}`);
      expect(bad.status).toBe(400);
    });

    it('a revoked link serves nothing; revoking twice is a conflict; both are on the ledger', async () => {
      const link = (await create(clerk)).data!.createDisclosureLink;
      expect((await fetchPage(link.path)).status).toBe(200);
      const other = await (await t.as('daping')).gql(REVOKE, { id: link.id, r: '误发' });
      expect(errorCode(other)).toBe('NOT_FOUND');
      const revoked = await clerk.gql<{ revokeDisclosureLink: { revokedAt: string; revokeReason: string } }>(
        REVOKE,
        {
          id: link.id,
          r: '数据有误，更正后重新公示',
        },
      );
      expect(revoked.errors).toBeUndefined();
      expect(revoked.data!.revokeDisclosureLink.revokeReason).toBe('数据有误，更正后重新公示');
      const page = await fetchPage(link.path);
      expect(page.status).toBe(403);
      expect(page.html).toContain('已撤销');
      expect(page.html).not.toContain('梧桐村');
      const twice = await clerk.gql(REVOKE, { id: link.id, r: '再次' });
      expect(errorCode(twice)).toBe('CONFLICT');
      const actions = await t.sql<{ action: string }>(
        `SELECT action FROM ledger_entry WHERE entity_type = 'DisclosureLink' AND entity_id = $1 ORDER BY idx`,
        [link.id],
      );
      expect(actions.map((a) => a.action)).toEqual(['DISCLOSURE_LINK_CREATED', 'DISCLOSURE_LINK_REVOKED']);
      const listed = await clerk.gql<{
        disclosureLinks: {
          edges: Array<{
            node: {
              id: string;
              revokedAt: string | null;
              token: string;
              createdByName: string;
              revokedByName: string | null;
            };
          }>;
        };
      }>(
        `query($y: Int) { disclosureLinks(year: $y) { edges { node { id revokedAt token createdByName revokedByName } } } }`,
        { y: year },
      );
      const mine = listed.data!.disclosureLinks.edges.map((e) => e.node).find((l) => l.id === link.id)!;
      expect(mine.token).toBe(link.token);
      expect(mine.revokedAt).not.toBeNull();
      // Who published and who revoked, by name (the clerk did both).
      const [{ name }] = await t.sql<{ name: string }>(
        `SELECT display_name AS name FROM app_user WHERE username = 'wutong'`,
      );
      expect(mine).toMatchObject({ createdByName: name, revokedByName: name });
      expect(link.createdByName).toBe(name);
      const elsewhere = await (
        await t.as('daping')
      ).gql<{ disclosureLinks: { totalCount: number; edges: unknown[] } }>(
        '{ disclosureLinks { totalCount edges { node { id } } } }',
      );
      expect(elsewhere.data!.disclosureLinks).toEqual({ totalCount: 0, edges: [] });
    });
  });

  describe('an asset the village co-owns in another village', () => {
    it('is listed on its page apart from its own assets, with where it is and the shares; where it is, once', async () => {
      const officer = await t.as('longju');
      const greenhouse = await makeOwnedOperatingAsset(clerk, officer, WUTONG, {}, [
        [WUTONG, '70', '梧桐村集体经济组织'],
        [YUHE, '30', '玉合村集体经济组织'],
      ]);
      const preview = async (caller: Caller, village: string): Promise<string> => {
        const res = await t.http
          .get(`/disclosure/preview?village=${village}&year=${year}`)
          .set('authorization', `Bearer ${caller.token}`);
        expect(res.status).toBe(200);
        return res.text;
      };
      const yuhePage = await preview(await t.as('yuhe'), YUHE);
      const section = yuhePage.slice(
        yuhePage.indexOf('<section id="assets">'),
        yuhePage.indexOf('<section id="income">'),
      );
      // 玉合村's own register, counted as before: the greenhouse is not in it.
      const [{ n }] = await t.sql<{ n: string }>(
        `SELECT count(*)::text AS n FROM asset WHERE location_code = $1 AND status <> 'DISPOSED'`,
        [YUHE],
      );
      expect(section).toContain(`共 <b>${n}</b> 项`);
      // What it co-owns elsewhere: the greenhouse, and the one the demo built with 梧桐村.
      const [{ elsewhere }] = await t.sql<{ elsewhere: string }>(
        `SELECT count(DISTINCT a.id)::text AS elsewhere
           FROM asset a JOIN asset_ownership o ON o.asset_id = a.id AND o.valid_to IS NULL
          WHERE o.owner_type = 'VILLAGE_COLLECTIVE' AND o.owner_ref = $1
            AND a.location_code <> $1 AND a.status <> 'DISPOSED'`,
        [YUHE],
      );
      expect(elsewhere).toBe('2');
      expect(section).toContain(`本村集体经济组织还与其他村共有下列资产 <b>${elsewhere}</b> 项`);
      const table = section.slice(section.indexOf('<table aria-label="本村在他村共有的资产">'));
      expect(table).toMatch(
        new RegExp(
          `<td class="mono">${greenhouse.code}</td><td>[^<]+</td><td>梧桐村</td>.*<td>梧桐村集体经济组织（村集体，70%）<br>玉合村集体经济组织（村集体，30%）</td></tr>`,
        ),
      );
      // 梧桐村 lists it with its own, once, and co-owns nothing elsewhere.
      const wutongPage = await preview(clerk, WUTONG);
      expect(wutongPage.split(`>${greenhouse.code}<`)).toHaveLength(2);
      expect(wutongPage).not.toContain('本村在他村共有的资产');
    });
  });
});
