/**
 * Which pg-boss workers are still alive, by their state, for PgBossWorkQueue.stop.
 *
 * pg-boss 10 keeps its workers in its Manager, out of reach (a private field of PgBoss), and its stop
 * returns while each queue's "off work" loop (manager.js offWork) still polls, once a second, until
 * every worker of the queue has stopped, and only then removes them. A loop that polls after its
 * process or test has moved on is what leaks (in Jest: "Cannot destructure property 'setTimeout'",
 * a require after the environment was torn down). So the manager that adds each worker is recorded
 * here, once, by wrapping Manager.prototype.addWorker; `alive(ids)` then answers which of the given
 * workers the manager still holds: a worker is removed only after its loop and its queue's offWork
 * loop have both ended. This rests on pg-boss's internals (src/manager.js: addWorker, workers); the
 * version is pinned (~10.4) and work-queue.integration-spec.ts fails if they change.
 */
import Manager from 'pg-boss/src/manager.js';

interface ManagerLike {
  workers: Map<string, unknown>;
  addWorker(worker: { id: string }): void;
}

const managerOfWorker = new Map<string, ManagerLike>();
const prototype = (Manager as unknown as { prototype: ManagerLike & { __workersRecorded?: boolean } }).prototype;

if (typeof prototype?.addWorker !== 'function' || prototype.addWorker.length !== 1) {
  throw new Error("pg-boss's Manager.addWorker is not what PgBossWorkQueue expects: check pg-boss's version");
}
if (!prototype.__workersRecorded) {
  const addWorker = prototype.addWorker;
  prototype.addWorker = function (this: ManagerLike, worker: { id: string }) {
    managerOfWorker.set(worker.id, this);
    addWorker.call(this, worker);
  };
  prototype.__workersRecorded = true;
}

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
