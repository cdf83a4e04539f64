import { Controller, Get, Header, NotFoundException, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Public } from '@/common/auth';
import { graphiqlAsset, graphiqlHtml } from './graphiql';

@Public()
@Controller('graphiql')
export class GraphiqlController {
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(): string {
    return graphiqlHtml('/graphql');
  }

  @Get('assets/:name')
  asset(@Param('name') name: string, @Res() reply: FastifyReply): void {
    const asset = graphiqlAsset(name);
    if (!asset) throw new NotFoundException();
    void reply
      .header('Content-Type', asset.type)
      .header('Cache-Control', 'public, max-age=86400')
      .send(asset.body);
  }
}
