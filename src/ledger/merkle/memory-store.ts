// The in-memory node store is test support: it lives in testing/. This path re-exports it for the
// evidence bundle's spec until that spec imports it from testing/ (then this file goes).
export { MemoryNodeStore } from './testing/memory-store';
