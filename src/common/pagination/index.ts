export * from './connection';
export * from './keyset';
export * from './selection';
export * from './order-direction';
