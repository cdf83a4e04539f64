import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@/common/auth';
import { Ctx, RequestContext } from '@/common/context';
import { DomainError, ErrorCode } from '@/common/errors';
import { renderDisclosureErrorPage } from './disclosure-page';
import { DisclosureService } from './disclosure.service';
import { DisclosurePreviewQuery } from './disclosure.types';

/** No script, no external resource, nothing framed: the page is a printable document. */
const PAGE_SECURITY_HEADERS: Record<string, string> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex, nofollow',
};

const REFUSALS: Partial<Record<ErrorCode, { status: number; heading: string; message: string }>> = {
  [ErrorCode.DISCLOSURE_LINK_INVALID]: {
    status: 404,
    heading: '未找到该公示',
    message: '该公示链接无效：链接不完整、被改动或并非本系统发布。',
  },
  [ErrorCode.DISCLOSURE_LINK_EXPIRED]: {
    status: 403,
    heading: '公示链接已过期',
    message: '该公示链接已超过网上查阅有效期。',
  },
  [ErrorCode.DISCLOSURE_LINK_REVOKED]: {
    status: 403,
    heading: '公示链接已撤销',
    message: '该公示链接已由发布单位撤销。',
  },
};

/**
 * The disclosure pages (公示), server-rendered HTML:
 * - `GET /disclosure/:token` — PUBLIC (villagers have no accounts): the page of the one village and
 *   year the signed token names; an unknown, altered, expired or revoked token gets a short Chinese
 *   error page (404 / 403) that tells nothing about any village;
 * - `GET /disclosure/preview?village=…&year=…` — with the bearer token, read scope (auditors too): a
 *   draft of the same page marked 预览稿, from the latest signed checkpoint; errors as JSON like
 *   every REST endpoint.
 */
@Controller('disclosure')
export class DisclosureController {
  constructor(private readonly service: DisclosureService) {}

  @Get('preview')
  async preview(
    @Ctx() ctx: RequestContext,
    @Query() query: DisclosurePreviewQuery,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const html = await this.service.renderPreview(ctx, query.village, query.year);
    await reply
      .status(200)
      .headers({ ...PAGE_SECURITY_HEADERS, 'cache-control': 'private, no-store' })
      .send(html);
  }

  @Public()
  @Get(':token')
  async page(
    @Ctx() ctx: RequestContext,
    @Param('token') token: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    let status = 200;
    let html: string;
    try {
      const address = request.host ? `${request.host}/disclosure/${token}` : null;
      html = await this.service.renderPublic(ctx, token, address);
    } catch (error) {
      const refusal = error instanceof DomainError ? REFUSALS[error.code] : undefined;
      if (!refusal) throw error;
      status = refusal.status;
      html = renderDisclosureErrorPage(refusal.heading, refusal.message);
    }
    await reply
      .status(status)
      .headers({ ...PAGE_SECURITY_HEADERS, 'cache-control': 'no-cache' })
      .send(html);
  }
}
