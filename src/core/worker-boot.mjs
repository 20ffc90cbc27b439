// Worker bootstrap when Warden runs from its TypeScript sources under tsx (tests, benches, `npx tsx`): registers
// tsx in the thread, then loads `workerData.entry` and passes on its default export (what piscina calls).
// The built package starts its compiled workers (dist/**/*.js) directly and never loads this file.
import { workerData } from 'node:worker_threads';

const { register } = await import('tsx/esm/api');
register();
const entry = await import(workerData.entry);
export default entry.default;
