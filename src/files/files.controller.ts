import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Ctx, RequestContext } from '@/common/context';
import { archiveRequestOf, EvidenceArchiveService } from './evidence-archive.service';
import { contentDisposition } from './file-rules';
import { FilesService, UploadedFile } from './files.service';
import { MediaType } from './media-type';

/**
 * Evidence files over REST (GraphQL carries no bytes): `POST /files` (multipart: `file`, optional
 * `regionCode`), `GET /files/:id`, and `GET /files/archive?regionCode=…` or
 * `?entityType=Asset&entityId=…` (a ZIP of a region's or a record's evidence with its 清单.csv). Both need the bearer token (global guard); errors are
 * `{ error: { code, reason, message, fields } }` with the matching HTTP status (global filter).
 */
@Controller('files')
export class FilesController {
  constructor(
    private readonly files: FilesService,
    private readonly archives: EvidenceArchiveService,
  ) {}

  @Post()
  @HttpCode(201)
  upload(@Ctx() ctx: RequestContext, @Req() request: FastifyRequest): Promise<UploadedFile> {
    return this.files.upload(ctx, request);
  }

  @Get('archive')
  async archive(
    @Ctx() ctx: RequestContext,
    @Query() query: Record<string, unknown>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const archive = await this.archives.open(ctx, archiveRequestOf(query));
    await reply
      .status(200)
      .header('content-type', 'application/zip')
      .header('content-disposition', contentDisposition(archive.fileName))
      .header('x-evidence-file-count', String(archive.fileCount))
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .send(archive.stream);
  }

  @Get(':id')
  async download(
    @Ctx() ctx: RequestContext,
    @Param('id') id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { file, stream } = await this.files.openForDownload(ctx, id);
    await reply
      .status(200)
      .header(
        'content-type',
        file.mediaType === MediaType.CSV
          ? `text/csv; charset=${await this.files.csvEncoding(file)}`
          : file.mediaType,
      )
      .header('content-length', String(file.size))
      .header('content-disposition', contentDisposition(file.originalName))
      .header('etag', `"${file.sha256}"`)
      .header('cache-control', 'private, no-cache')
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .send(stream);
  }
}
