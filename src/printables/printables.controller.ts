import { Controller, Get, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Ctx, RequestContext } from '@/common/context';
import { PrintablesService } from './printables.service';

/**
 * Printable documents over REST, as HTML pages for A4 paper: `GET /print/assets/:id` (资产卡片) and
 * `GET /print/ownership-proposals/:id` (确权公示). Like the file downloads they need the bearer token
 * (global guard) and are scoped to the caller's region (out of scope: NOT_FOUND).
 */
@Controller('print')
export class PrintablesController {
  constructor(private readonly printables: PrintablesService) {}

  @Get('assets/:id')
  async assetCard(
    @Ctx() ctx: RequestContext,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await send(reply, await this.printables.assetCard(ctx, id));
  }

  @Get('ownership-proposals/:id')
  async publicityNotice(
    @Ctx() ctx: RequestContext,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await send(reply, await this.printables.publicityNotice(ctx, id));
  }
}

async function send(reply: FastifyReply, html: string): Promise<void> {
  await reply
    .status(200)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-language', 'zh-CN')
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
    .send(html);
}
