// Worker bootstrap for the CPU pool when Warden runs from its TypeScript sources under tsx (tests, benches);
// the built package gives piscina dist/**/*.js directly and never loads this file.
import { workerData } from 'node:worker_threads';

const { register } = await import('tsx/esm/api');
register();
const entry = await import(workerData.cpuPoolEntry);
export default entry.default;
