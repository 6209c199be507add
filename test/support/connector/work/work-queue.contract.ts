import { randomUUID } from 'node:crypto';
import { currentFlow, inSpan, parseTraceparent, type FlowContext } from '#common';
import { until } from '#common/testing';
import type { DataSource } from 'typeorm';
import type { QueueDefinition, SentWithin, WorkJob, WorkQueue } from '../../../../apps/connector/src/work/work-queue.js';

/**
 * Builds a fresh, not yet started adapter on the suite's one database (every queue it builds sees the
 * jobs of the others, as a restarted process sees the jobs of the one that died); the suite defines
 * its queues, starts and stops it.
 */
export type WorkQueueFactory = () => Promise<WorkQueue>;

/** The suite's database as the connector's code sees it (the data source its queue shares): for sends within a caller's transaction. */
export type SuiteDataSource = () => DataSource;

type Handler = (job: WorkJob<{ n: number }>) => Promise<void>;

/** A gate the test opens: handlers wait on it, so "running at the same time" is observable without sleeps. */
function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/**
 * The one contract every WorkQueue adapter keeps (ADR 0003): run with the adapter's factory by
 * work-queue.integration-spec.ts, so the in-process queue (SQLite) and pg-boss (Postgres) behave alike.
 */
export function describeWorkQueueContract(adapter: string, factory: WorkQueueFactory, dataSource: SuiteDataSource): void {
  describe(`WorkQueue contract: ${adapter}`, () => {
    let queue: WorkQueue;
    let name: string;
    /** Every queue the test built (a restarted process' included): stopped after it. */
    let built: WorkQueue[];
    /** Another queue on the same database: the process that starts after this one died or stopped. */
    const restarted = async () => {
      const next = await factory();
      built.push(next);
      return next;
    };
    const definition = (handler: Handler, overrides: Partial<QueueDefinition<{ n: number }>> = {}): QueueDefinition<{ n: number }> => ({
      name,
      handler,
      concurrency: 4,
      retryLimit: 0,
      retryDelayMs: 0,
      expireInMs: 60_000,
      ...overrides,
    });

    beforeEach(async () => {
      queue = await factory();
      built = [queue];
      name = `contract_${randomUUID().slice(0, 8)}`;
    });

    afterEach(async () => {
      for (const each of built) await each.stop();
    });

    it('runs every job sent once, with its data, as its first attempt', async () => {
      const seen: Array<{ n: number; attempt: number; queue: string; key: string | null }> = [];
      queue.define(definition(async (job) => void seen.push({ n: job.data.n, attempt: job.attempt, queue: job.queue, key: job.key })));
      await queue.start();
      const ids = await Promise.all([1, 2, 3].map((n) => queue.send(name, { n }, n === 2 ? { key: 'k' } : {})));
      await queue.whenIdle(name);

      expect(new Set(ids).size).toBe(3);
      expect(seen.sort((a, b) => a.n - b.n)).toEqual([
        { n: 1, attempt: 1, queue: name, key: null },
        { n: 2, attempt: 1, queue: name, key: 'k' },
        { n: 3, attempt: 1, queue: name, key: null },
      ]);
    });

    it('records jobs sent together at once and runs each once, with its own key and in the flow it names, else in the sending one', async () => {
      const seen: Array<{ n: number; key: string | null; traceId: string | undefined }> = [];
      queue.define(definition(async (job) => void seen.push({ n: job.data.n, key: job.key, traceId: currentFlow()?.traceId })));
      await queue.start();
      const own = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
      const { ids, sender } = await inSpan('a group of deliveries', 'server', null, async () => ({
        ids: await queue.sendMany(name, [{ data: { n: 1 }, key: 'a', traceparent: own }, { data: { n: 2 } }, { data: { n: 3 }, key: 'a' }]),
        sender: currentFlow()!,
      }));
      await queue.whenIdle(name);

      expect(new Set(ids).size).toBe(3);
      expect(await queue.sendMany(name, [])).toEqual([]);
      expect(seen.sort((a, b) => a.n - b.n)).toEqual([
        { n: 1, key: 'a', traceId: parseTraceparent(own)!.traceId },
        { n: 2, key: null, traceId: sender.traceId },
        { n: 3, key: 'a', traceId: sender.traceId },
      ]);
      await expect(queue.sendMany('nobody-defined-this', [{ data: { n: 4 } }])).rejects.toThrow();
    });

    it("records jobs sent within a caller's transaction with its commit, and none of a transaction rolled back, across a restart too", async () => {
      const seen: number[] = [];
      queue.define(definition(async (job) => void seen.push(job.data.n)));
      await queue.start();

      await expect(
        dataSource().transaction(async (manager) => {
          await queue.sendManyWithin(manager, name, [{ data: { n: 1 } }]);
          throw new Error('the caller rolled back');
        }),
      ).rejects.toThrow('the caller rolled back');
      let sent: SentWithin | undefined;
      await dataSource().transaction(async (manager) => {
        sent = await queue.sendManyWithin(manager, name, [{ data: { n: 2 } }, { data: { n: 3 }, key: 'a' }]);
      });
      sent!.committed();
      await queue.whenIdle(name);
      const next = await restarted();
      next.define(definition(async (job) => void seen.push(job.data.n)));
      await next.start();
      await next.whenIdle(name);

      expect(sent!.ids).toHaveLength(2);
      expect(seen.sort((a, b) => a - b)).toEqual([2, 3]);
      await expect(dataSource().transaction((manager) => queue.sendManyWithin(manager, 'nobody-defined-this', [{ data: { n: 4 } }]))).rejects.toThrow();
    });

    it('does not start a job before its startAfter', async () => {
      const ranAt: number[] = [];
      queue.define(definition(async () => void ranAt.push(Date.now())));
      await queue.start();
      const startAfter = new Date(Date.now() + 700);
      await queue.send(name, { n: 1 }, { startAfter });
      await queue.whenIdle(name);

      expect(ranAt).toHaveLength(1);
      expect(ranAt[0]).toBeGreaterThanOrEqual(startAfter.getTime());
    });

    it('never runs two jobs with one key at the same time, while other keys run beside them', async () => {
      const active = new Map<string, number>();
      const most = new Map<string, number>();
      const started: string[] = [];
      const { opened, open } = gate();
      queue.define(
        definition(async (job) => {
          const key = job.key!;
          active.set(key, (active.get(key) ?? 0) + 1);
          most.set(key, Math.max(most.get(key) ?? 0, active.get(key)!));
          started.push(key);
          await opened;
          active.set(key, active.get(key)! - 1);
        }),
      );
      await queue.start();
      for (const key of ['a', 'a', 'a', 'b', 'b']) await queue.send(name, { n: 0 }, { key });
      await until(() => active.get('a') === 1 && active.get('b') === 1, 'one job of each key running');
      expect(started).toHaveLength(2);
      open();
      await queue.whenIdle(name);

      expect(started.filter((key) => key === 'a')).toHaveLength(3);
      expect(started.filter((key) => key === 'b')).toHaveLength(2);
      expect(Object.fromEntries(most)).toEqual({ a: 1, b: 1 });
    });

    it('runs keyed work of the caller never beside a job, or other keyed work, with its key; other keys run beside it', async () => {
      const events: string[] = [];
      const jobGate = gate();
      queue.define(
        definition(async (job) => {
          events.push(`job ${job.key} start`);
          if (job.key === 'product-1') await jobGate.opened;
          events.push(`job ${job.key} end`);
        }),
      );
      await queue.start();
      await queue.send(name, { n: 1 }, { key: 'product-1' });
      await until(() => events.includes('job product-1 start'), 'the job to hold its key');

      const firstGate = gate();
      const first = queue.runKeyed(name, 'product-1', async () => {
        events.push('keyed 1 start');
        await firstGate.opened;
        events.push('keyed 1 end');
        return 'first';
      });
      const second = queue.runKeyed(name, 'product-1', async () => {
        events.push('keyed 2 start');
        events.push('keyed 2 end');
        return 'second';
      });
      // Another key is not held up by any of them.
      expect(await queue.runKeyed(name, 'product-2', async () => 'other')).toBe('other');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(events).toEqual(['job product-1 start']);

      jobGate.open();
      await until(() => events.includes('keyed 1 start') || events.includes('keyed 2 start'), 'a keyed run to take the freed key');
      await queue.send(name, { n: 3 }, { key: 'product-1' });
      await new Promise((resolve) => setTimeout(resolve, 50));
      firstGate.open();
      expect([await first, await second]).toEqual(['first', 'second']);
      await queue.whenIdle(name);

      // Each run (the job, the two keyed runs, the job sent meanwhile) starts only once the one before it ended.
      expect(events.slice(0, 2)).toEqual(['job product-1 start', 'job product-1 end']);
      expect(events.filter((event) => event.endsWith('start'))).toHaveLength(4);
      for (let i = 0; i < events.length; i += 2) expect(events[i + 1]).toBe(events[i].replace('start', 'end'));
    });

    it('runs keyed work of a scope that names no queue one at a time per key', async () => {
      await queue.start();
      const events: string[] = [];
      const firstGate = gate();
      const first = queue.runKeyed('an-admin-action', 'marketplace', async () => {
        events.push('first start');
        await firstGate.opened;
        events.push('first end');
      });
      await until(() => events.length > 0, 'the first run to hold the key');
      const second = queue.runKeyed('an-admin-action', 'marketplace', async () => void events.push('second'));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(events).toEqual(['first start']);
      firstGate.open();
      await Promise.all([first, second]);
      expect(events).toEqual(['first start', 'first end', 'second']);
    });

    it("runs at most the queue's concurrency at once", async () => {
      let active = 0;
      let most = 0;
      let ran = 0;
      const { opened, open } = gate();
      queue.define(
        definition(
          async () => {
            active += 1;
            most = Math.max(most, active);
            await opened;
            active -= 1;
            ran += 1;
          },
          { concurrency: 2 },
        ),
      );
      await queue.start();
      for (let n = 0; n < 6; n += 1) await queue.send(name, { n });
      await until(() => active === 2, 'two jobs running');
      open();
      await queue.whenIdle(name);

      expect(ran).toBe(6);
      expect(most).toBe(2);
    });

    it("starts due jobs group by group in turn: a group's second job after every other group's first", async () => {
      const ran: number[] = [];
      queue.define(definition(async (job) => void ran.push(job.data.n), { concurrency: 1 }));
      // Sent before the start, so that every job waits and the order of starts is the queue's alone.
      const sends: Array<[number, string | undefined]> = [
        [1, 'a'],
        [2, 'a'],
        [3, 'a'],
        [4, 'b'],
        [5, 'b'],
        [6, 'c'],
        [7, undefined],
      ];
      for (const [n, group] of sends) await queue.send(name, { n }, group === undefined ? {} : { group });
      await queue.start();
      await queue.whenIdle(name);

      // Rank 0 (each group's first, and the job without a group) in the order sent, then rank 1, then rank 2.
      expect(ran).toEqual([1, 4, 6, 7, 2, 5, 3]);
    });

    it('gives the jobs of one group sent together in one batch their turns too', async () => {
      const ran: number[] = [];
      queue.define(definition(async (job) => void ran.push(job.data.n), { concurrency: 1 }));
      await queue.sendMany(name, [
        { data: { n: 1 }, group: 'a' },
        { data: { n: 2 }, group: 'a' },
        { data: { n: 3 }, group: 'b' },
      ]);
      await queue.start();
      await queue.whenIdle(name);

      // Group a's second job after both firsts (pg-boss gives jobs of one insert one creation time: equal ranks in any order).
      expect(ran).toHaveLength(3);
      expect(ran[2]).toBe(2);
    });

    it("ranks a job by its group's jobs still waiting: once they started, the group's next job is first again", async () => {
      const ran: number[] = [];
      const { opened, open } = gate();
      let running = 0;
      queue.define(
        definition(
          async (job) => {
            running += 1;
            if (job.data.n === 1) await opened;
            ran.push(job.data.n);
          },
          { concurrency: 1 },
        ),
      );
      await queue.start();
      await queue.send(name, { n: 1 }, { group: 'a' });
      await until(() => running === 1, 'the first job running');
      // While a's first job runs (no longer waiting), b has two waiting and a's next one is rank 0.
      await queue.send(name, { n: 2 }, { group: 'b' });
      await queue.send(name, { n: 3 }, { group: 'b' });
      await queue.send(name, { n: 4 }, { group: 'a' });
      open();
      await queue.whenIdle(name);

      expect(ran).toEqual([1, 2, 4, 3]);
    });

    it('retries a job that throws, lists it with its error once every retry is spent, and runs it again on request', async () => {
      const attempts: number[] = [];
      let failing = true;
      queue.define(
        definition(
          async (job) => {
            attempts.push(job.attempt);
            if (failing) throw new Error(`boom ${job.attempt}`);
          },
          { retryLimit: 2 },
        ),
      );
      await queue.start();
      const id = await queue.send(name, { n: 7 }, { key: 'product-7' });
      await until(async () => (await queue.listFailed({ queue: name, limit: 10 })).length === 1, 'the job to fail for good');

      expect(attempts).toEqual([1, 2, 3]);
      expect(await queue.listFailed({ queue: name, limit: 10 })).toEqual([
        { id, queue: name, key: 'product-7', data: { n: 7 }, error: 'boom 3', attempts: 3, createdAt: expect.any(Date), failedAt: expect.any(Date) },
      ]);

      failing = false;
      expect(await queue.retry(id)).toBe(true);
      await queue.whenIdle(name);
      expect(attempts).toEqual([1, 2, 3, 4]);
      expect(await queue.listFailed({ queue: name, limit: 10 })).toEqual([]);
      expect(await queue.retry(id)).toBe(false);
      expect(await queue.retry(randomUUID())).toBe(false);
    });

    it('runs a job inside the trace of the flow that sent it, each attempt a span of its own under the sender, a key-busy wait and a restart included', async () => {
      const runs: Array<{ n: number; attempt: number; flow: FlowContext | undefined }> = [];
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      queue.define(
        definition(
          async (job) => {
            runs.push({ n: job.data.n, attempt: job.attempt, flow: currentFlow() });
            if (job.data.n === 1) await held;
            if (job.data.n === 2 && job.attempt === 1) throw new Error('once more');
          },
          { retryLimit: 1 },
        ),
      );
      await queue.start();
      const sender = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
      const sent = await inSpan('a delivery', 'server', parseTraceparent(sender), async () => {
        // Job 1 holds key k; job 2 waits for it (on pg-boss it is sent again a little later), then fails once.
        await queue.send(name, { n: 1 }, { key: 'k' });
        await queue.send(name, { n: 2 }, { key: 'k' });
        return currentFlow()!;
      });
      const outside = await queue.send(name, { n: 3 });
      await until(() => runs.some((run) => run.n === 1), 'job 1 running');
      release();
      await until(() => runs.filter((run) => run.n === 2).length === 2 && runs.some((run) => run.n === 3), 'job 2 retried, job 3 run');
      await queue.whenIdle(name);

      for (const run of runs.filter((each) => each.n !== 3)) {
        expect(run.flow).toMatchObject({ traceId: sent.traceId, sampled: true });
        expect(run.flow!.spanId).toMatch(/^[0-9a-f]{16}$/);
        expect(run.flow!.spanId).not.toBe(sent.spanId);
      }
      const spans = runs.filter((each) => each.n !== 3).map((run) => run.flow!.spanId);
      expect(new Set(spans).size).toBe(spans.length);
      // Sent outside any flow: each run starts a trace of its own.
      const third = runs.find((run) => run.n === 3)!;
      expect(third.flow?.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(third.flow?.traceId).not.toBe(sent.traceId);
      expect(outside).toEqual(expect.any(String));

      // Accepted in a flow by a process that died before running it: the next one runs it in that flow's trace.
      await queue.stop();
      const dying = await restarted();
      dying.define(definition(async () => undefined));
      const accepted = await inSpan('another delivery', 'server', null, async () => {
        await dying.send(name, { n: 4 });
        return currentFlow()!;
      });
      const next = await restarted();
      const afterRestart: Array<FlowContext | undefined> = [];
      next.define(definition(async () => void afterRestart.push(currentFlow())));
      await next.start();
      await next.whenIdle(name);
      expect(afterRestart.map((flow) => flow?.traceId)).toEqual([accepted.traceId]);
    });

    it('sends again at start the unfinished work its definition recovers', async () => {
      const seen: number[] = [];
      queue.define(
        definition(async (job) => void seen.push(job.data.n), { recover: () => Promise.resolve([{ data: { n: 1 } }, { data: { n: 2 }, key: 'x' }]) }),
      );
      await queue.start();
      await queue.whenIdle(name);

      expect(seen.sort()).toEqual([1, 2]);
    });

    it('runs a job once after a restart when the process that accepted it died before running it (dropped without stop)', async () => {
      const ranBy: string[] = [];
      queue.define(definition(async () => void ranBy.push('the process that died')));
      // Never started: it accepted the job and died before running anything.
      const id = await queue.send(name, { n: 5 }, { key: 'product-5' });

      const next = await restarted();
      next.define(definition(async (job) => void ranBy.push(`${job.id} ${job.data.n} ${job.key} attempt ${job.attempt}`)));
      await next.start();
      await next.whenIdle(name);

      expect(ranBy).toEqual([`${id} 5 product-5 attempt 1`]);
    });

    it('keeps a job in retry, with its attempt, across a restart', async () => {
      const before: number[] = [];
      const after: number[] = [];
      queue.define(
        definition(
          async (job) => {
            before.push(job.attempt);
            throw new Error('remote down');
          },
          { retryLimit: 5, retryDelayMs: 1_000 },
        ),
      );
      await queue.start();
      await queue.send(name, { n: 6 });
      await until(() => before.length >= 1, 'the first attempt to fail');
      await queue.stop();

      const next = await restarted();
      next.define(definition(async (job) => void after.push(job.attempt), { retryLimit: 5, retryDelayMs: 1_000 }));
      await next.start();
      await until(() => after.length === 1, 'the retry to run after the restart');
      await next.whenIdle(name);

      // Whatever number of attempts the first process made, the next one goes on from there.
      expect(before).toEqual(before.map((_, index) => index + 1));
      expect(after).toEqual([before.length + 1]);
    });

    it('keeps a job that failed for good across a restart, where it is listed and can be retried', async () => {
      const attempts: number[] = [];
      queue.define(
        definition(async () => {
          throw new Error('refused for good');
        }),
      );
      await queue.start();
      const id = await queue.send(name, { n: 8 }, { key: 'product-8' });
      await until(async () => (await queue.listFailed({ queue: name, limit: 10 })).length === 1, 'the job to fail for good');
      await queue.stop();

      const next = await restarted();
      next.define(definition(async (job) => void attempts.push(job.attempt)));
      await next.start();
      expect(await next.listFailed({ queue: name, limit: 10 })).toEqual([
        { id, queue: name, key: 'product-8', data: { n: 8 }, error: 'refused for good', attempts: 1, createdAt: expect.any(Date), failedAt: expect.any(Date) },
      ]);
      expect(await next.retry(id)).toBe(true);
      await next.whenIdle(name);

      expect(attempts).toEqual([2]);
      expect(await next.listFailed({ queue: name, limit: 10 })).toEqual([]);
    });

    it('refuses a job for a queue nobody defined, and a second definition of one name', async () => {
      queue.define(definition(async () => undefined));
      expect(() => queue.define(definition(async () => undefined))).toThrow(expect.objectContaining({ code: 'WORK_QUEUE_DEFINED_TWICE' }));
      await queue.start();
      await expect(queue.send('nobody_defined_this', { n: 1 })).rejects.toMatchObject({ code: 'WORK_QUEUE_UNKNOWN' });
    });
  });
}
