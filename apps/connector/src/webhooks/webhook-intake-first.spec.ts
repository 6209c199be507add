import { VirtualClock } from '#common/testing';
import { INTAKE_QUIET_MS, WebhookIntakeFirst } from './webhook-intake-first.js';

/** Work the test ends: "running at the same time" is observable without sleeps. */
function held() {
  let end: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => (end = resolve));
  return { work: () => ended, end };
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A clock the test moves by hand (`advance`), waking the timers that fall due. */
function handClock() {
  let timers: Array<{ at: number; wake: () => void }> = [];
  const clock = {
    at: 0,
    now: () => clock.at,
    sleep: (ms: number) => new Promise<void>((wake) => timers.push({ at: clock.at + ms, wake })),
    advance(ms: number) {
      clock.at += ms;
      for (const timer of timers.filter((each) => each.at <= clock.at)) timer.wake();
      timers = timers.filter((each) => each.at > clock.at);
    },
  };
  return clock;
}

const config = (whileReceiving: number, perSecond: number) => ({
  webhookConcurrencyWhileReceiving: whileReceiving,
  webhookEventsPerSecondWhileReceiving: perSecond,
});

describe('WebhookIntakeFirst', () => {
  it('processes as many events as asked while no delivery is being received', async () => {
    const intake = new WebhookIntakeFirst(config(1, 1), handClock());
    const events = [held(), held(), held()];
    const runs = events.map((event) => intake.process(event.work));
    await settle();
    expect(intake.state).toEqual({ receiving: 0, processing: 3, waiting: 0 });
    events.forEach((event) => event.end());
    await Promise.all(runs);
  });

  it('while a delivery is in flight, starts no more than WEBHOOK_CONCURRENCY_WHILE_RECEIVING events, and the rest once intake is over', async () => {
    const clock = handClock();
    const intake = new WebhookIntakeFirst(config(1, 4), clock);
    const delivery = held();
    const receipt = intake.receive(delivery.work);
    const events = [held(), held(), held()];
    const started: number[] = [];
    const runs = events.map((event, index) => intake.process(() => (started.push(index), event.work())));
    await settle();
    expect(started).toEqual([0]);
    expect(intake.state).toEqual({ receiving: 1, processing: 1, waiting: 2 });

    // The one event done, a quarter of a second after it started: the next takes its place, still one at a time.
    clock.advance(250);
    events[0].end();
    await settle();
    expect(started).toEqual([0, 1]);

    // No delivery in flight any more, and none for INTAKE_QUIET_MS: everything waiting starts.
    delivery.end();
    await receipt;
    await settle();
    expect(started).toEqual([0, 1]);
    clock.advance(INTAKE_QUIET_MS);
    await settle();
    expect(started).toEqual([0, 1, 2]);
    events.slice(1).forEach((event) => event.end());
    await Promise.all(runs);
    expect(intake.state).toEqual({ receiving: 0, processing: 0, waiting: 0 });
  });

  it('counts a delivery that failed as over, and passes its error on', async () => {
    const intake = new WebhookIntakeFirst(config(1, 4), handClock());
    await expect(intake.receive(() => Promise.reject(new Error('not stored')))).rejects.toThrow('not stored');
    expect(intake.state.receiving).toBe(0);
  });

  it('while a delivery is in flight, starts at most WEBHOOK_EVENTS_PER_SECOND_WHILE_RECEIVING events a second, yet keeps starting them', async () => {
    const clock = new VirtualClock(0);
    const intake = new WebhookIntakeFirst(config(2, 4), clock);
    const delivery = held();
    const receipt = intake.receive(delivery.work);
    const startedAt: number[] = [];
    // Each event is done at once: only the rate holds the next back, not the concurrency.
    await clock.settle(Promise.all([0, 1, 2, 3].map(() => intake.process(async () => void startedAt.push(clock.now())))));

    expect(startedAt).toEqual([0, 250, 500, 750]);
    delivery.end();
    await receipt;
  });

  it('starts every waiting event at once when intake has been quiet for INTAKE_QUIET_MS, the rate notwithstanding; a delivery within it keeps intake going', async () => {
    const clock = handClock();
    const intake = new WebhookIntakeFirst(config(8, 1), clock);
    const first = held();
    const receipt = intake.receive(first.work);
    const events = [held(), held(), held()];
    const runs = events.map((event) => intake.process(event.work));
    await settle();
    expect(intake.state).toEqual({ receiving: 1, processing: 1, waiting: 2 });

    // Answered, and the next of the burst arrives within the quiet time (as a group commit answers a whole group at once).
    first.end();
    await receipt;
    clock.advance(INTAKE_QUIET_MS - 1);
    await settle();
    await intake.receive(async () => undefined);
    clock.advance(INTAKE_QUIET_MS - 1);
    await settle();
    expect(intake.state).toEqual({ receiving: 0, processing: 1, waiting: 2 });

    clock.advance(1);
    await settle();
    expect(intake.state).toEqual({ receiving: 0, processing: 3, waiting: 0 });
    events.forEach((event) => event.end());
    await Promise.all(runs);
  });
});
