import { AuthUser } from '@/common/auth';
import { RequestContext } from '@/common/context';
import { todayInChina } from '@/common/scalars';
import { TransactionalConnection } from '@/database';
import { DisposalMethod, DisposalReason, ReviewDecision } from '@/disposal/disposal.entity';
import { DisposalService } from '@/disposal/disposal.service';
import { exportFileName } from '@/files/file-rules';
import { FilesService } from '@/files/files.service';

export interface DemoDisposalSummary {
  completed: number;
  pendingTownshipOverdue: number;
  pendingDistrict: number;
}

/**
 * Disposals in the demo: a scrapped greenhouse (completed, with proceeds), a request the township has
 * left past its deadline, and one forwarded to the district.
 */
export async function seedDemoDisposals(
  ctx: RequestContext,
  deps: {
    connection: TransactionalConnection;
    disposal: DisposalService;
    files: FilesService;
    users: Map<string, AuthUser>;
  },
): Promise<DemoDisposalSummary> {
  const manager = deps.connection.requireTransaction(ctx);
  const today = todayInChina();
  const as = (username: string): void => {
    ctx.user = deps.users.get(username);
  };
  const pick = async (village: string, where: string): Promise<{ id: string; code: string } | undefined> => {
    const rows: Array<{ id: string; code: string }> = await manager.query(
      `SELECT a.id, a.code FROM asset a
        WHERE a.location_code = $1 AND a.status <> 'DISPOSED' AND ${where}
          AND EXISTS (SELECT 1 FROM asset_ownership o WHERE o.asset_id = a.id AND o.valid_to IS NULL AND o.owner_type = 'VILLAGE_COLLECTIVE' AND o.owner_ref = $1)
          AND NOT EXISTS (SELECT 1 FROM disposal_request d WHERE d.asset_id = a.id)
        ORDER BY a.formed_value, a.code LIMIT 1`,
      [village],
    );
    return rows[0];
  };
  const evidence = async (village: string, what: string) => {
    const appraisal = await deps.files.storeGenerated(
      ctx,
      pdf(`${what} 资产评估报告`),
      exportFileName(['资产评估报告'], 'pdf'),
      village,
    );
    const resolution = await deps.files.storeGenerated(
      ctx,
      pdf(`${what} 村民代表会议决议`),
      exportFileName(['村民代表会议决议'], 'pdf'),
      village,
    );
    return { appraisalFileIds: [appraisal.id], resolutionFileIds: [resolution.id] };
  };
  const summary: DemoDisposalSummary = { completed: 0, pendingTownshipOverdue: 0, pendingDistrict: 0 };

  // 1. 梧桐村: a small worn-out facility, scrapped with the township's approval; the material sold.
  as('wutong');
  const greenhouse = await pick('500101151201', `a.class <> 'HOUSEHOLD' AND a.form <> 'EQUITY'`);
  if (greenhouse) {
    const d = await deps.disposal.request(ctx, {
      assetId: greenhouse.id,
      method: DisposalMethod.SCRAP,
      reasonCode: DisposalReason.END_OF_LIFE,
      reasonText: '设施老化锈蚀，经鉴定已无修复价值，申请报废。',
      appraisedValue: 680000n,
      evidence: await evidence('500101151201', greenhouse.code),
    });
    as('longju');
    const reviewed = await deps.disposal.review(ctx, {
      requestId: d.id,
      decision: ReviewDecision.APPROVE,
      comment: '同意报废',
      expectedSnapshotHash: d.snapshotHash,
    });
    if (reviewed.currentLevel) {
      // Above the township's threshold: the district decides too.
      as('district');
      await deps.disposal.review(ctx, {
        requestId: d.id,
        decision: ReviewDecision.APPROVE,
        comment: '同意',
        expectedSnapshotHash: reviewed.snapshotHash,
      });
    }
    as('wutong');
    await deps.disposal.complete(ctx, { requestId: d.id, completedOn: today, proceeds: 612000n });
    summary.completed += 1;
  }

  // 2. 大坪村: a request the township has not reviewed for a month (past its 15-day deadline).
  as('daping');
  const idle = await pick('500101153201', `a.class = 'OPERATING' AND a.form <> 'EQUITY'`);
  if (idle) {
    const d = await deps.disposal.request(ctx, {
      assetId: idle.id,
      method: DisposalMethod.CHANGE_OF_USE,
      reasonCode: DisposalReason.IDLE_OR_POOR_RETURNS,
      reasonText: '连续两年收益低于预期，拟转产为村集体仓储用房。',
      appraisedValue: 1500000n,
      evidence: await evidence('500101153201', idle.code),
    });
    await manager.query(
      `UPDATE disposal_request SET step_started_at = now() - interval '30 days' WHERE id = $1`,
      [d.id],
    );
    summary.pendingTownshipOverdue += 1;
  }

  // 3. 玉合村: a large asset sold at auction needs the district; the township forwarded it.
  as('yuhe');
  const large = await pick('500101151202', `a.class = 'OPERATING' AND a.form <> 'EQUITY'`);
  if (large) {
    const d = await deps.disposal.request(ctx, {
      assetId: large.id,
      method: DisposalMethod.AUCTION,
      reasonCode: DisposalReason.DEMOLITION,
      reasonText: '所在地块纳入场镇规划征收范围，设施需拆除，拟公开拍卖可利用设备。',
      appraisedValue: 12000000n,
      evidence: await evidence('500101151202', large.code),
    });
    as('longju');
    await deps.disposal.review(ctx, {
      requestId: d.id,
      decision: ReviewDecision.APPROVE,
      comment: '情况属实，报区级审批',
      expectedSnapshotHash: d.snapshotHash,
    });
    summary.pendingDistrict += 1;
  }
  ctx.user = undefined;
  return summary;
}

function pdf(title: string): Buffer {
  return Buffer.from(
    `%PDF-1.4\n% ${title}\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
    'utf8',
  );
}
