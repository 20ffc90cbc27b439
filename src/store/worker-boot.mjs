// Worker bootstrap when Warden runs from its TypeScript sources under tsx (tests, benches, `npx tsx`);
// the built package starts the compiled worker directly and never loads this file.
import { workerData } from 'node:worker_threads';

const { register } = await import('tsx/esm/api');
register();
await import(workerData.entry);
