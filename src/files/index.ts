export { FilesModule } from './files.module';
export { EVIDENCE_FILE_SUBJECT, evidenceRefs, FilesService } from './files.service';
export type { EvidenceRef, RequiredFile, UploadedFile } from './files.service';
export { EvidenceFile } from './evidence-file.entity';
export { EvidenceFileType } from './evidence-file.type';
export { exportFileName, fileServesRegion } from './file-rules';
export type { ExportFileName } from './file-rules';
export { MediaType } from './media-type';
