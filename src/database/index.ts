export * from './transactional-connection';
export * from './database.module';
export * from './lean-rows';
export * from './prepared-query';
export * from './like';
export * from './advisory-lock';
export * from './idempotency/idempotency.service';
export * from './idempotency/idempotency-key.entity';
