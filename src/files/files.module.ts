import { Module } from '@nestjs/common';
import { ContentStore } from './content-store';
import { EvidenceArchiveService } from './evidence-archive.service';
import { FilesController } from './files.controller';
import { FilesResolver } from './files.resolver';
import { FilesService } from './files.service';

/** Evidence files: upload, download, archives of a region's or a record's evidence, and `FilesService.requireFiles` for features that cite them. */
@Module({
  controllers: [FilesController],
  providers: [ContentStore, FilesService, FilesResolver, EvidenceArchiveService],
  exports: [FilesService, EvidenceArchiveService],
})
export class FilesModule {}
