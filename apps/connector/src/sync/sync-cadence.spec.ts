import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { SyncCadence, type IntervalAdvisor } from './sync-cadence.js';
import { NO_COUNTS, type SyncJob } from './sync-job.js';

const MINUTE = 60_000;

function jobOf(name: string, intervalMs: number, webhookTypes?: readonly string[]): SyncJob {
  return {
    name,
    intervalMs,
    ...(webhookTypes ? { webhookTypes } : {}),
    processPage: () => Promise.resolve({ nextCursor: null, pendingWatermark: null, counts: NO_COUNTS }),
  };
}

/** An advisor that answers `answer` and records which jobs it was asked about. */
function advisorAnswering(answer: number | null | Error): IntervalAdvisor & { asked: string[] } {
  const asked: string[] = [];
  const advisor = (job: SyncJob) => {
    asked.push(job.name);
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  };
  return Object.assign(advisor, { asked });
}

describe('SyncCadence', () => {
  const invoices = jobOf('invoices', 5 * MINUTE, ['Invoice']);
  let warn: ReturnType<typeof jest.spyOn>;
  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  it('without an advisor, a job waits its own interval', async () => {
    await expect(new SyncCadence().intervalOf(invoices)).resolves.toBe(5 * MINUTE);
  });

  it('a job without webhook types waits its own interval even with an advisor, which is not asked', async () => {
    const cadence = new SyncCadence();
    const advisor = advisorAnswering(60 * MINUTE);
    cadence.advise(advisor);
    await expect(cadence.intervalOf(jobOf('adverts', 2 * MINUTE))).resolves.toBe(2 * MINUTE);
    await expect(cadence.intervalOf(jobOf('sellers', 3 * MINUTE, []))).resolves.toBe(3 * MINUTE);
    expect(advisor.asked).toEqual([]);
  });

  it("waits the advisor's interval when it is longer", async () => {
    const cadence = new SyncCadence();
    const advisor = advisorAnswering(60 * MINUTE);
    cadence.advise(advisor);
    await expect(cadence.intervalOf(invoices)).resolves.toBe(60 * MINUTE);
    expect(advisor.asked).toEqual(['invoices']);
  });

  it("never waits less than the job's own interval when the advisor answers shorter (or the same)", async () => {
    const cadence = new SyncCadence();
    cadence.advise(advisorAnswering(MINUTE));
    await expect(cadence.intervalOf(invoices)).resolves.toBe(5 * MINUTE);
    cadence.advise(advisorAnswering(0));
    await expect(cadence.intervalOf(invoices)).resolves.toBe(5 * MINUTE);
    cadence.advise(advisorAnswering(5 * MINUTE));
    await expect(cadence.intervalOf(invoices)).resolves.toBe(5 * MINUTE);
  });

  it('waits its own interval when the advisor answers null', async () => {
    const cadence = new SyncCadence();
    const advisor = advisorAnswering(null);
    cadence.advise(advisor);
    await expect(cadence.intervalOf(invoices)).resolves.toBe(5 * MINUTE);
    expect(advisor.asked).toEqual(['invoices']);
  });

  it('waits its own interval when the advisor fails (rejects or throws), and says so', async () => {
    const cadence = new SyncCadence();
    cadence.advise(advisorAnswering(new Error('webhook events table unavailable')));
    await expect(cadence.intervalOf(invoices)).resolves.toBe(5 * MINUTE);
    cadence.advise(() => {
      throw new Error('advisor broke synchronously');
    });
    await expect(cadence.intervalOf(invoices)).resolves.toBe(5 * MINUTE);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(JSON.stringify(warn.mock.calls)).toContain('webhook events table unavailable');
    expect(JSON.stringify(warn.mock.calls)).toContain('invoices');
  });

  it('asks the advisor set last', async () => {
    const cadence = new SyncCadence();
    cadence.advise(advisorAnswering(30 * MINUTE));
    cadence.advise(advisorAnswering(90 * MINUTE));
    await expect(cadence.intervalOf(invoices)).resolves.toBe(90 * MINUTE);
  });
});
