import { Module } from '@nestjs/common';
import { AssetsModule } from '@/assets/assets.module';
import { ProjectsModule } from '@/projects/projects.module';
import { RegionsModule } from '@/regions/regions.module';
import { PrintablesController } from './printables.controller';
import { PrintablesService } from './printables.service';

/** Printable documents (资产卡片, 确权公示) as A4 HTML pages. */
@Module({
  imports: [AssetsModule, ProjectsModule, RegionsModule],
  controllers: [PrintablesController],
  providers: [PrintablesService],
})
export class PrintablesModule {}
