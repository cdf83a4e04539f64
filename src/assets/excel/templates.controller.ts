import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Ctx, RequestContext } from '@/common/context';
import { contentDisposition, exportFileName, ExportFileName } from '@/files/file-rules';
import { MediaType } from '@/files/media-type';
import { AssetExportService } from './asset-export.service';

/**
 * The blank asset ledger template (台账模板), behind the bearer token like everything else:
 * `GET /templates/assets.xlsx` (资产, 项目 and 说明 sheets) and `GET /templates/assets.csv` (the asset
 * sheet's header only, UTF-8 with a BOM). See docs/api.md.
 */
@Controller('templates')
export class TemplatesController {
  constructor(private readonly exports: AssetExportService) {}

  @Get('assets.xlsx')
  async xlsx(@Ctx() ctx: RequestContext, @Res() reply: FastifyReply): Promise<void> {
    const bytes = await this.exports.templateXlsx(ctx);
    await send(reply, bytes, MediaType.XLSX, exportFileName(['资产台账模板'], 'xlsx'));
  }

  @Get('assets.csv')
  async csv(@Res() reply: FastifyReply): Promise<void> {
    await send(
      reply,
      this.exports.templateCsv(),
      'text/csv; charset=utf-8',
      exportFileName(['资产台账模板'], 'csv'),
    );
  }
}

async function send(reply: FastifyReply, bytes: Buffer, type: string, name: ExportFileName): Promise<void> {
  await reply
    .status(200)
    .header('content-type', type)
    .header('content-length', String(bytes.length))
    .header('content-disposition', contentDisposition(name))
    .header('cache-control', 'private, no-cache')
    .header('x-content-type-options', 'nosniff')
    .send(bytes);
}
