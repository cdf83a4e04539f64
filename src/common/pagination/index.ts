export * from './connection';
export * from './keyset';
export * from './selection';
