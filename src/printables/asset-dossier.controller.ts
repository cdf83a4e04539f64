import { Controller, Get, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AssetsService } from '@/assets/assets.service';
import { Ctx, RequestContext } from '@/common/context';
import { todayInChina } from '@/common/scalars';
import { EvidenceArchiveService } from '@/files/evidence-archive.service';
import { contentDisposition, exportFileName } from '@/files/file-rules';
import { dossierLedgerCsv } from './asset-dossier';
import { PrintablesService } from './printables.service';

/**
 * `GET /assets/:id/dossier`: the asset's dossier (资产档案) for auditors, one ZIP: 资产卡片.html (the
 * printable card), 账本记录.csv (every ledger entry of the asset and of the records about it: index,
 * action, time, leaf hash) and 证明材料/ (every evidence file those entries cite, with 清单.csv, as
 * `GET /files/archive`). Scoped like the asset: out of the caller's region, NOT_FOUND.
 */
@Controller('assets')
export class AssetDossierController {
  constructor(
    private readonly assets: AssetsService,
    private readonly printables: PrintablesService,
    private readonly archives: EvidenceArchiveService,
  ) {}

  @Get(':id/dossier')
  async dossier(
    @Ctx() ctx: RequestContext,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const asset = await this.assets.findOne(ctx, id);
    const card = await this.printables.assetCard(ctx, id);
    const archive = await this.archives.open(
      ctx,
      { entityType: 'Asset', entityId: id },
      {
        fileName: exportFileName(['资产档案', asset.code, todayInChina()], 'zip'),
        evidenceFolder: '证明材料',
        entries: (ledger) => [
          { name: '资产卡片.html', content: Buffer.from(card, 'utf8') },
          { name: '账本记录.csv', content: dossierLedgerCsv(ledger) },
        ],
      },
    );
    await reply
      .status(200)
      .header('content-type', 'application/zip')
      .header('content-disposition', contentDisposition(archive.fileName))
      .header('x-evidence-file-count', String(archive.fileCount))
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .send(archive.stream);
  }
}
