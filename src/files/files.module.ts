import { Module } from '@nestjs/common';
import { ContentStore } from './content-store';
import { FilesController } from './files.controller';
import { FilesResolver } from './files.resolver';
import { FilesService } from './files.service';

/** Evidence files: upload, download, and `FilesService.requireFiles` for features that cite them. */
@Module({
  controllers: [FilesController],
  providers: [ContentStore, FilesService, FilesResolver],
  exports: [FilesService],
})
export class FilesModule {}
