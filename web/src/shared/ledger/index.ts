/** The browser's own verification of the ledger (WebCrypto only; nothing here trusts the server's word). */
export * from './bytes';
export * from './merkle';
export * from './note';
export * from './cosignature';
export * from './witness';
export * from './history-verification';
