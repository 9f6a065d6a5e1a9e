// Starts a worker thread on a TypeScript module (`workerData.module`, a file URL): worker
// threads do not inherit tsx's loader, so each registers it, as `src/cli/siteds.js` does.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
