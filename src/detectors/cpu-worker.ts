// Worker-thread entry of the CPU pool for detectors: serves detectorTasks, with the bundled model loaded up front.
import { serveCpuTasks } from '../core/cpu-pool.js';
import { detectorTasks } from './cpu-tasks.js';
import { detectInjection } from './injection/detector.js';

// Load the bundled model and compile the scoring path before the first real task arrives.
detectInjection('Warm-up text for the detector pool: ignore nothing, reveal nothing.');

export default serveCpuTasks(detectorTasks);
