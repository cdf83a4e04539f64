import { Inject, Injectable } from '@nestjs/common';
import { RequestContext } from '@/common/context';
import { DomainError, ErrorCode } from '@/common/errors';
import { APP_CONFIG, AppConfig } from '@/config';
import { TransactionalConnection } from '@/database';
import { EvidenceBundle } from './bundle/evidence-bundle';
import { CheckpointService } from './checkpoint.service';
import { LedgerKeyService } from './ledger-key.service';
import { LedgerQueryService } from './ledger-query.service';
import { nodeReader } from './merkle-store';
import { planConsistencyProof, planInclusionProof, planRoot, readPlans } from './merkle/tree';
import { WitnessService } from './witness/witness.service';

/**
 * `exportEvidence`: everything an auditor needs to prove, offline, that an entity's history is in the
 * ledger: its entries with their canonical bytes and signatures, an inclusion proof for each against one
 * signed checkpoint, the checkpoint, and the verifier key. With `sinceTreeSize` (the size of a
 * checkpoint the auditor saved earlier) it also carries the consistency proof from that size.
 */
@Injectable()
export class EvidenceService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly connection: TransactionalConnection,
    private readonly checkpoints: CheckpointService,
    private readonly query: LedgerQueryService,
    private readonly keys: LedgerKeyService,
    private readonly witnesses: WitnessService,
  ) {}

  async export(
    ctx: RequestContext,
    entityType: string,
    entityId: string,
    sinceTreeSize?: number,
  ): Promise<EvidenceBundle> {
    const entries = await this.query.history(ctx, entityType, entityId);
    if (entries.length === 0) {
      throw new DomainError(ErrorCode.NOT_FOUND, `The ledger has no entry for ${entityType} ${entityId}`);
    }
    // Anchor on a checkpoint that covers the newest entry: the newest one the witness policy's quorum
    // cosigned, else the latest (signed afresh if it does not cover it; witnesses cosign it later).
    const newest = entries[entries.length - 1].index;
    const manager = this.connection.getManager(ctx);
    let checkpoint = await this.witnesses.newestQuorate(manager, newest);
    if (!checkpoint) checkpoint = await this.checkpoints.latest(manager);
    if (!checkpoint || checkpoint.treeSize <= newest) checkpoint = await this.checkpoints.create();
    if (!checkpoint) throw new Error('no checkpoint could be made');
    const cosignatures = await this.witnesses.cosignaturesOf(manager, [checkpoint.treeSize]);
    const cosignedNote = `${checkpoint.note}${(cosignatures.get(checkpoint.treeSize) ?? [])
      .sort((a, b) => a.witnessName.localeCompare(b.witnessName))
      .map((c) => `${c.line}\n`)
      .join('')}`;
    const size = checkpoint.treeSize;
    if (sinceTreeSize !== undefined && (sinceTreeSize < 1 || sinceTreeSize > size)) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, `sinceTreeSize: must be between 1 and ${size}`, {
        fields: [{ field: 'sinceTreeSize', message: `must be between 1 and ${size}` }],
      });
    }
    const read = nodeReader(this.connection.getManager(ctx), this.config.ledger.districtCode);
    const proofs = await readPlans(
      entries.map((e) => planInclusionProof(e.index, size)),
      read,
    );
    const consistency =
      sinceTreeSize !== undefined && sinceTreeSize < size
        ? await readPlans([planConsistencyProof(sinceTreeSize, size), planRoot(sinceTreeSize)] as const, read)
        : undefined;
    return {
      format: 'asset-registry-evidence/v1',
      origin: this.config.ledger.origin,
      verifierKeys: [this.keys.verifierKey, ...this.config.ledger.previousVerifierKeys],
      checkpoint: cosignedNote,
      entity: { type: entityType, id: entityId },
      entries: entries.map((e, i) => ({
        index: e.index,
        canonical: e.canonical,
        leafHash: e.leafHash,
        signature: e.signature,
        inclusionProof: proofs[i].map((h) => h.toString('base64')),
      })),
      ...(consistency
        ? {
            consistency: [
              {
                fromSize: sinceTreeSize as number,
                fromRoot: consistency[1].toString('base64'),
                proof: consistency[0].map((h) => h.toString('base64')),
              },
            ],
          }
        : {}),
    };
  }
}
