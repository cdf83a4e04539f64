import { Module } from '@nestjs/common';
import { AssetsModule } from '@/assets/assets.module';
import { CategoriesModule } from '@/categories/categories.module';
import { FilesModule } from '@/files/files.module';
import { ProjectsModule } from '@/projects/projects.module';
import { RegionsModule } from '@/regions/regions.module';
import { UsersModule } from '@/users/users.module';
import { AssetDossierController } from './asset-dossier.controller';
import { PrintablesController } from './printables.controller';
import { PrintablesService } from './printables.service';

/** Printable documents (资产卡片, 确权公示) as A4 HTML pages, and the asset dossier (资产档案) ZIP. */
@Module({
  imports: [AssetsModule, CategoriesModule, ProjectsModule, RegionsModule, FilesModule, UsersModule],
  controllers: [PrintablesController, AssetDossierController],
  providers: [PrintablesService],
})
export class PrintablesModule {}
