/**
 * pg-boss, loaded through Node's own require, and which of its workers are still alive, by their state,
 * for PgBossWorkQueue.stop.
 *
 * pg-boss 10 keeps its workers in its Manager, out of reach (a private field of PgBoss), and its stop
 * returns while each queue's "off work" loop (manager.js offWork) still polls, once a second, until
 * every worker of the queue has stopped, and only then removes them. So the manager that adds each
 * worker is recorded here, once, by wrapping Manager.prototype.addWorker; `aliveWorkers(ids)` then
 * answers which of the given workers the manager still holds: a worker is removed only after its loop
 * and its queue's offWork loop have both ended. This rests on pg-boss's internals (src/manager.js:
 * addWorker, workers), checked here at load and by work-queue.integration-spec.ts; the version is pinned (~10.4).
 *
 * Both come from Node's own loader (createRequire), which is what an ES module's import of this CommonJS
 * package does anyway: pg-boss's loops require modules lazily (tools.js delay), and under a test runner
 * with a module registry of its own a loop that outlives its test file would find that registry torn
 * down ("Cannot destructure property 'setTimeout'"); Node's loader never is.
 */
import { createRequire } from 'node:module';
import type PgBossType from 'pg-boss';

const requireNative = createRequire(import.meta.url);

/** The PgBoss class. */
export const PgBoss = requireNative('pg-boss') as typeof PgBossType;
const Manager = requireNative('pg-boss/src/manager.js') as unknown;

interface ManagerLike {
  workers: Map<string, unknown>;
  addWorker(worker: { id: string }): void;
}

interface RecordingPrototype extends ManagerLike {
  /** Kept on pg-boss's own (native, process-wide) prototype: every copy of this module sees the same record. */
  __managerOfWorker?: Map<string, ManagerLike>;
}

const prototype = (Manager as { prototype?: RecordingPrototype } | null)?.prototype;
if (typeof prototype?.addWorker !== 'function' || prototype.addWorker.length !== 1) {
  throw new Error("pg-boss's Manager.addWorker is not what PgBossWorkQueue expects: check pg-boss's version");
}
if (!prototype.__managerOfWorker) {
  const record = new Map<string, ManagerLike>();
  const addWorker = prototype.addWorker;
  prototype.addWorker = function (this: ManagerLike, worker: { id: string }) {
    record.set(worker.id, this);
    addWorker.call(this, worker);
  };
  prototype.__managerOfWorker = record;
}
const managerOfWorker = prototype.__managerOfWorker;

/** The given workers (ids from boss.work) that pg-boss still holds; forgets the ones it removed. */
export function aliveWorkers(ids: readonly string[]): string[] {
  const alive: string[] = [];
  for (const id of ids) {
    const manager = managerOfWorker.get(id);
    if (manager?.workers.has(id)) alive.push(id);
    else managerOfWorker.delete(id);
  }
  return alive;
}

/** Whether pg-boss's Manager was found and recorded the worker (false means the internals changed). */
export function isRecorded(id: string): boolean {
  return managerOfWorker.has(id);
}
