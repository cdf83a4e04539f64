import { Field, ID, ObjectType } from '@nestjs/graphql';

/**
 * A file cited as evidence: its id and the SHA-256 of its exact bytes. Records keep it in their evidence
 * columns, and a mutation that cites evidence puts it into its ledger entry's `details`.
 */
// A type alias, not an interface: it must be assignable to the ledger's Json type.
export type EvidenceRef = { fileId: string; sha256: string };

export function evidenceRefs(files: ReadonlyArray<{ id: string; sha256: string }>): EvidenceRef[] {
  return files.map((f) => ({ fileId: f.id, sha256: f.sha256 }));
}

@ObjectType('EvidenceRef', { description: 'A file attached as evidence, and the SHA-256 of its content.' })
export class EvidenceRefType {
  @Field(() => ID)
  fileId!: string;

  @Field()
  sha256!: string;
}
