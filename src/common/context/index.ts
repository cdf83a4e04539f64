export * from './request-context';
export * from './ctx.decorator';
