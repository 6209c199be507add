import { jest } from '@jest/globals';
import { startHeartbeat } from './heartbeat.js';

describe('startHeartbeat', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function recorder(answers: Array<boolean | Error>) {
    const events: string[] = [];
    let beats = 0;
    const beat = async () => {
      beats += 1;
      const answer = answers.shift() ?? true;
      if (answer instanceof Error) throw answer;
      return answer;
    };
    const on = { lost: () => events.push('lost'), error: (error: unknown) => events.push(`error: ${(error as Error).message}`) };
    return { events, beat, on, beats: () => beats };
  }

  it('beats every third of the lease until stopped', async () => {
    const r = recorder([]);
    const heartbeat = startHeartbeat(3000, r.beat, r.on);
    await jest.advanceTimersByTimeAsync(3000);
    expect(r.beats()).toBe(3);
    heartbeat.stop();
    await jest.advanceTimersByTimeAsync(3000);
    expect(r.beats()).toBe(3);
    expect(r.events).toEqual([]);
  });

  it('stops and reports once when the lease is lost; a failed beat is reported and the next one tries again', async () => {
    const r = recorder([new Error('database down'), true, false]);
    startHeartbeat(300, r.beat, r.on);
    await jest.advanceTimersByTimeAsync(1000);
    expect(r.beats()).toBe(3);
    expect(r.events).toEqual(['error: database down', 'lost']);
  });

  it('never beats more often than every 100 ms, and a beat that answers after stop() is no loss', async () => {
    let beats = 0;
    let answer: (held: boolean) => void = () => undefined;
    const events: string[] = [];
    const heartbeat = startHeartbeat(30, () => ((beats += 1), new Promise<boolean>((resolve) => (answer = resolve))), {
      lost: () => events.push('lost'),
      error: () => events.push('error'),
    });
    await jest.advanceTimersByTimeAsync(99);
    expect(beats).toBe(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(beats).toBe(1);
    heartbeat.stop();
    answer(false);
    await jest.advanceTimersByTimeAsync(500);
    expect(beats).toBe(1);
    expect(events).toEqual([]);
  });
});
