export { FilesModule } from './files.module';
export { EVIDENCE_FILE_SUBJECT, FilesService } from './files.service';
export type { RequiredFile, UploadedFile } from './files.service';
export { evidenceRefs, EvidenceRefType } from './evidence-ref';
export type { EvidenceRef } from './evidence-ref';
export { EvidenceFile } from './evidence-file.entity';
export { EvidenceFileType } from './evidence-file.type';
export { fileServesRegion } from './file-rules';
export { MediaType } from './media-type';
