import { WebhookIntakeFirst } from './webhook-intake-first.js';

/** Work the test ends: "running at the same time" is observable without sleeps. */
function held() {
  let end: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => (end = resolve));
  return { work: () => ended, end };
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('WebhookIntakeFirst', () => {
  it('processes as many events as asked while no delivery is being received', async () => {
    const intake = new WebhookIntakeFirst({ webhookConcurrencyWhileReceiving: 1 });
    const events = [held(), held(), held()];
    const runs = events.map((event) => intake.process(event.work));
    await settle();
    expect(intake.state).toEqual({ receiving: 0, processing: 3, waiting: 0 });
    events.forEach((event) => event.end());
    await Promise.all(runs);
  });

  it('while a delivery is in flight, starts no more than WEBHOOK_CONCURRENCY_WHILE_RECEIVING events, and the rest once intake is over', async () => {
    const intake = new WebhookIntakeFirst({ webhookConcurrencyWhileReceiving: 1 });
    const delivery = held();
    const receipt = intake.receive(delivery.work);
    const events = [held(), held(), held()];
    const started: number[] = [];
    const runs = events.map((event, index) => intake.process(() => (started.push(index), event.work())));
    await settle();
    expect(started).toEqual([0]);
    expect(intake.state).toEqual({ receiving: 1, processing: 1, waiting: 2 });

    // The one event done: the next takes its place, still one at a time.
    events[0].end();
    await settle();
    expect(started).toEqual([0, 1]);

    // No delivery in flight any more: everything waiting starts.
    delivery.end();
    await receipt;
    await settle();
    expect(started).toEqual([0, 1, 2]);
    events.slice(1).forEach((event) => event.end());
    await Promise.all(runs);
    expect(intake.state).toEqual({ receiving: 0, processing: 0, waiting: 0 });
  });

  it('counts a delivery that failed as over, and passes its error on', async () => {
    const intake = new WebhookIntakeFirst({ webhookConcurrencyWhileReceiving: 1 });
    await expect(intake.receive(() => Promise.reject(new Error('not stored')))).rejects.toThrow('not stored');
    expect(intake.state.receiving).toBe(0);
  });
});
