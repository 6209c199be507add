// What other contexts and the composition floor may use of console (ADR 0018): everything else in this folder is internal.
export { ConsoleModule } from './console.module.js';
export { CONSOLE_BASE } from './console-paths.js';
