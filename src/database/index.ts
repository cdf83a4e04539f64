export * from './transactional-connection';
export * from './database.module';
export * from './like';
export * from './advisory-lock';
