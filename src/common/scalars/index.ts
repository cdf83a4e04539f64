export * from './money';
export * from './money.scalar';
export * from './local-date';
export * from './local-date.scalar';
export * from './json.scalar';
export * from './percent';
export * from './scalar-input-error';
export * from './date-time.scalar';
