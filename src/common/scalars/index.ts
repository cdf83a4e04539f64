export * from './money';
export * from './money.scalar';
export * from './local-date';
export * from './json.scalar';
