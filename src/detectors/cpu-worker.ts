// Worker-thread entry of the CPU pool for detectors: serves detectorTasks, with the bundled model loaded up front.
import { serveCpuTasks } from '../core/cpu-pool.js';
import { detectorTasks } from './cpu-tasks.js';
import { loadInjectionModel } from './injection/model.js';

loadInjectionModel();

export default serveCpuTasks(detectorTasks);
