import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { CitedFile } from './evidence-archive.service';
import { EvidenceFile } from './evidence-file.entity';

@ObjectType('EvidenceFile', {
  description:
    'An uploaded evidence file (POST /files, multipart). Its content is downloaded from downloadPath.',
})
export class EvidenceFileType {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'SHA-256 of the content, lower-case hex: what ledger entries cite.' })
  sha256!: string;

  @Field(() => Int, { description: 'Size in bytes.' })
  size!: number;

  @Field({ description: 'Media type, detected from the content (application/pdf, image/png …).' })
  mediaType!: string;

  @Field({ description: 'The name of the uploaded file.' })
  name!: string;

  @Field({ description: 'The region the file belongs to.' })
  regionCode!: string;

  @Field()
  uploadedAt!: Date;

  @Field({
    description: 'Path of the content on this server (GET, with the same bearer token): /files/{id}.',
  })
  downloadPath!: string;
}

export function downloadPathOf(id: string): string {
  return `/files/${id}`;
}

export function toEvidenceFileType(file: EvidenceFile): EvidenceFileType {
  return {
    id: file.id,
    sha256: file.sha256,
    size: file.size,
    mediaType: file.mediaType,
    name: file.originalName,
    regionCode: file.regionCode,
    uploadedAt: file.createdAt,
    downloadPath: downloadPathOf(file.id),
  };
}

@ObjectType('EvidenceCitation', { description: 'A ledger entry that cites an evidence file.' })
export class EvidenceCitationType {
  @Field(() => Int, { description: "The entry's position in the ledger." })
  index!: number;

  @Field({ description: 'What the entry records (INCOME_RECORDED, UPKEEP_REPAIRED …).' })
  action!: string;

  @Field()
  entityType!: string;

  @Field()
  entityId!: string;

  @Field()
  time!: Date;

  @Field({ description: "Whether the SHA-256 the entry cites is the stored file's." })
  matchesFile!: boolean;
}

@ObjectType('CitedEvidenceFile', {
  description: "An evidence file a record's ledger entries cite, with those entries (oldest first).",
})
export class CitedEvidenceFileType {
  @Field(() => EvidenceFileType)
  file!: EvidenceFileType;

  @Field(() => [EvidenceCitationType])
  citedBy!: EvidenceCitationType[];
}

export function toCitedEvidenceFileType({ file, citedBy }: CitedFile): CitedEvidenceFileType {
  return {
    file: toEvidenceFileType(file),
    citedBy: citedBy.map((c) => ({
      index: c.idx,
      action: c.entry.action,
      entityType: c.entry.entityType,
      entityId: c.entry.entityId,
      time: c.entry.recordedAt,
      matchesFile: c.sha256 === file.sha256,
    })),
  };
}
