export * from './connection';
export * from './keyset';
