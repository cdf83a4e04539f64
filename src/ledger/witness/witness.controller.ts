import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Public } from '@/common/auth';
import { Ctx, RequestContext } from '@/common/context';
import { DomainError, ErrorCode } from '@/common/errors';
import { WitnessService } from './witness.service';

/**
 * The witnesses' side of the exchange, over plain HTTP with the bodies of C2SP tlog-witness. PUBLIC: a
 * witness has no account; what it fetches is hashes, and what it sends is accepted only with a valid
 * signature of an approved witness key (tlog-witness: "no authentication of requests beyond the
 * validation of the signature").
 *
 * - `GET /ledger/witness/add-checkpoint?old=<size>[&origin=<origin>]`: the body of an add-checkpoint
 *   request for the newest checkpoint, with the consistency proof from `old` (the size the witness
 *   cosigned last, 0 for none);
 * - `POST /ledger/witness/cosignatures`: that checkpoint note with the witness's cosignature line(s)
 *   appended (the add-checkpoint response concatenated to the checkpoint);
 * - `POST /ledger/witness/refusals`: a refusal note signed by the witness.
 */
@Controller('ledger/witness')
export class WitnessController {
  constructor(private readonly service: WitnessService) {}

  @Public()
  @Get('add-checkpoint')
  async addCheckpoint(
    @Ctx() ctx: RequestContext,
    @Query('old') old: string | undefined,
    @Query('origin') origin: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const size = old === undefined ? 0 : /^(0|[1-9][0-9]{0,15})$/.test(old) ? Number(old) : NaN;
    if (Number.isNaN(size)) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, 'old: must be a size (a non-negative integer)', {
        fields: [{ field: 'old', message: 'must be a non-negative integer' }],
      });
    }
    const body = await this.service.addCheckpointRequest(ctx, size, origin);
    void reply.headers({ 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    return body;
  }

  @Public()
  @Post('cosignatures')
  @HttpCode(200)
  async cosignatures(
    @Ctx() ctx: RequestContext,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const names = await this.service.acceptCosignatures(ctx, textBody(body));
    void reply.header('content-type', 'text/plain; charset=utf-8');
    return `accepted: ${names.join(', ')}\n`;
  }

  @Public()
  @Post('refusals')
  @HttpCode(200)
  async refusals(
    @Ctx() ctx: RequestContext,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const name = await this.service.acceptRefusal(ctx, textBody(body));
    void reply.header('content-type', 'text/plain; charset=utf-8');
    return `recorded the refusal of ${name}\n`;
  }
}

function textBody(body: unknown): string {
  if (typeof body !== 'string' || body.length === 0 || body.length > 64 * 1024) {
    throw new DomainError(ErrorCode.VALIDATION_FAILED, 'body: send the note as text/plain (at most 64 KiB)', {
      fields: [{ field: 'body', message: 'a text/plain note' }],
    });
  }
  return body;
}
