export * from './error-codes';
export * from './domain-error';
export * from './constraint-errors';
export * from './error-mapping';
export * from './http-error.filter';
export * from './outage';
