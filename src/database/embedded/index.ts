export { EmbeddedCluster, EmbeddedClusterError } from './embedded-cluster';
export type { EmbeddedClusterOptions } from './embedded-cluster';
