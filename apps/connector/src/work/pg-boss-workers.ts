/**
 * Which pg-boss workers are still alive, by their state, for PgBossWorkQueue.stop.
 *
 * pg-boss 10 keeps its workers in its Manager, out of reach (a private field of PgBoss), and its stop
 * returns while each queue's "off work" loop (manager.js offWork) still polls, once a second, until
 * every worker of the queue has stopped, and only then removes them. So the manager that adds each
 * worker is recorded here, once, by wrapping Manager.prototype.addWorker; `aliveWorkers(ids)` then
 * answers which of the given workers the manager still holds: a worker is removed only after its loop
 * and its queue's offWork loop have both ended. This rests on pg-boss's internals (src/manager.js:
 * addWorker, workers), checked here at load and by work-queue.integration-spec.ts; the version is pinned
 * (~10.4). The module is required as pg-boss requires it, so the class is the one pg-boss uses.
 */
import { createRequire } from 'node:module';

const Manager = createRequire(import.meta.url)('pg-boss/src/manager.js') as unknown;

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
