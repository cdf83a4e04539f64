import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Ctx, RequestContext } from '@/common/context';
import { contentDisposition, exportFileName, ExportFileName } from '@/files/file-rules';
import { MediaType } from '@/files/media-type';
import { HouseholdImportService } from './household-import.service';
import { householdTemplateCsv, householdTemplateXlsx } from './household-workbook';

/**
 * The blank household template, behind the bearer token like everything else:
 * `GET /templates/households.xlsx` (农户 and 说明 sheets, the villages you may register in) and
 * `GET /templates/households.csv` (the header row, UTF-8 with a BOM).
 */
@Controller('templates')
export class HouseholdTemplatesController {
  constructor(private readonly imports: HouseholdImportService) {}

  @Get('households.xlsx')
  async xlsx(@Ctx() ctx: RequestContext, @Res() reply: FastifyReply): Promise<void> {
    const bytes = await householdTemplateXlsx(await this.imports.writableVillages(ctx));
    await send(reply, bytes, MediaType.XLSX, exportFileName(['农户信息导入模板'], 'xlsx'));
  }

  @Get('households.csv')
  async csv(@Res() reply: FastifyReply): Promise<void> {
    await send(
      reply,
      householdTemplateCsv(),
      'text/csv; charset=utf-8',
      exportFileName(['农户信息导入模板'], 'csv'),
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
