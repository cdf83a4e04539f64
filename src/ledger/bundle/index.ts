/** Offline evidence bundles (format asset-registry-evidence/v1) and their verifier. */
export * from './evidence-bundle';
