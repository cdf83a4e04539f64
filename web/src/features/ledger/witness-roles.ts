import type { Role } from '@web/gql/enums';

/** Who approves and revokes a witness (the API's rule: the admin). */
export const WITNESS_APPROVERS: readonly Role[] = ['ADMIN'];

/**
 * Who sets the witness policy and asks the witnesses to cosign now (`setWitnessPolicy`,
 * `requestCosignatures`: the admin and the district supervisor).
 */
export const WITNESS_POLICY_WRITERS: readonly Role[] = ['ADMIN', 'DISTRICT_SUPERVISOR'];

/** Who signs a checkpoint of the ledger now (`createCheckpoint`: the district supervisor and the admin). */
export const CHECKPOINT_SIGNERS: readonly Role[] = ['DISTRICT_SUPERVISOR', 'ADMIN'];

/** Whether the signed-in user's role is one of `roles`. */
export function hasRole(user: { role: Role } | null, roles: readonly Role[]): boolean {
  return user !== null && roles.includes(user.role);
}
