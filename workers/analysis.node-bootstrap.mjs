// Node 20 does not apply --import loaders to worker threads, so the worker registers tsx itself
// before loading the TypeScript entry point.
import { register } from 'tsx/esm/api';

register();
await import('./analysis.node.ts');
