export * from './locale';
export * from './localize-error';
export * from './enum-labels';
export { ERROR_MESSAGES, CODE_MESSAGES } from './error-messages';
export { fieldName } from './field-names';
export { graphqlMessageZh, SUGGESTION_EN, SUGGESTION_ZH } from './graphql-messages';
