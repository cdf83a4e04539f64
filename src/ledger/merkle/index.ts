/** RFC 6962 / RFC 9162 Merkle tree over stored complete subtrees (see tree.ts). */
export * from './hash';
export * from './tree';
