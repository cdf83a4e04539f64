/** Signed notes, checkpoints and entry signatures (Ed25519, C2SP formats). */
export * from './base64';
export * from './keys';
export * from './note';
export * from './checkpoint';
export * from './entry-signature';
