export * from './role.enum';
export * from './auth-user';
export * from './decorators';
export * from './region-scope';
