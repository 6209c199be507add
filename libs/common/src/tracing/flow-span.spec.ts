import { createLogger } from '../logging/logger.js';
import { currentFlow } from '../logging/request-context.js';
import { logLines } from '../testing/log-lines.js';
import { currentTraceparent, inSpan, runInSpan, setSpanRecorder, startSpan, type FinishedSpan } from './flow-span.js';
import { newSpanId, newTraceId } from './trace-ids.js';
import { parseTraceparent } from './traceparent.js';

const CALLER = parseTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')!;

describe('flows and their spans', () => {
  let recorded: FinishedSpan[];

  beforeEach(() => {
    recorded = [];
  });
  afterEach(() => setSpanRecorder(null));

  it('makes W3C ids: 32 and 16 lowercase hex digits, never repeated', () => {
    const traces = new Set(Array.from({ length: 2000 }, () => newTraceId()));
    const spans = new Set(Array.from({ length: 2000 }, () => newSpanId()));
    expect(traces.size).toBe(2000);
    expect(spans.size).toBe(2000);
    for (const id of traces) expect(id).toMatch(/^[0-9a-f]{32}$/);
    for (const id of spans) expect(id).toMatch(/^[0-9a-f]{16}$/);
  });

  it("continues a caller's trace, starts a new one without, and nests child spans in the running flow", async () => {
    expect(currentFlow()).toBeUndefined();
    expect(currentTraceparent()).toBeNull();
    setSpanRecorder({ record: (span) => void recorded.push(span) });

    const server = startSpan('POST /webhooks', 'server', CALLER, { requestId: 'r-1' });
    expect(server.context).toMatchObject({ requestId: 'r-1', traceId: CALLER.traceId, sampled: true });
    expect(server.context.spanId).not.toBe(CALLER.parentId);
    const child = await runInSpan(server, () =>
      inSpan('Marketplacer AdvertQuery', 'client', 'current', async () => {
        expect(currentTraceparent()).toBe(`00-${CALLER.traceId}-${currentFlow()!.spanId}-01`);
        return currentFlow()!;
      }),
    );
    server.end({ name: 'POST /webhooks/marketplacer', attributes: { 'http.response.status_code': 200 } });
    expect(child).toMatchObject({ requestId: 'r-1', traceId: CALLER.traceId });

    const fresh = startSpan('feed run adverts', 'internal', null);
    expect(fresh.context.traceId).not.toBe(CALLER.traceId);
    fresh.end();
    // Outside any flow, 'current' starts a trace too.
    const lone = startSpan('contract check', 'internal', 'current');
    expect(lone.context.traceId).not.toBe(fresh.context.traceId);
    lone.end();
    lone.end();

    expect(recorded.map((span) => [span.name, span.kind, span.traceId, span.parentSpanId, span.parentIsRemote])).toEqual([
      ['Marketplacer AdvertQuery', 'client', CALLER.traceId, server.context.spanId, false],
      ['POST /webhooks/marketplacer', 'server', CALLER.traceId, CALLER.parentId, true],
      ['feed run adverts', 'internal', fresh.context.traceId, null, false],
      ['contract check', 'internal', lone.context.traceId, null, false],
    ]);
    expect(recorded[1].attributes).toEqual({ 'http.response.status_code': 200 });
    expect(recorded[1].endMs).toBeGreaterThanOrEqual(recorded[1].startMs);
  });

  it('records a failed span with its reason, and nothing of a flow the caller does not sample', async () => {
    setSpanRecorder({ record: (span) => void recorded.push(span) });
    await expect(
      inSpan('job listings', 'consumer', null, () => {
        throw new Error('ANYMARKET answered 503');
      }),
    ).rejects.toThrow('ANYMARKET answered 503');
    const unsampled = await inSpan('job listings', 'consumer', { ...CALLER, sampled: false }, async () => currentTraceparent());
    expect(unsampled).toMatch(new RegExp(`^00-${CALLER.traceId}-[0-9a-f]{16}-00$`));

    expect(recorded.map((span) => [span.name, span.error])).toEqual([['job listings', 'ANYMARKET answered 503']]);
  });

  it('records nothing while no recorder is set', async () => {
    const span = startSpan('POST /x', 'server', CALLER);
    await runInSpan(span, () => inSpan('child', 'client', 'current', async () => undefined));
    setSpanRecorder({ record: (finished) => void recorded.push(finished) });
    // Started before export was on: it has no start time, so it is not recorded either.
    span.end();
    expect(recorded).toEqual([]);
  });

  it("puts the flow's ids on every log line written inside it, and none outside", async () => {
    const { sink, lines } = logLines();
    const logger = createLogger('info', 'test', sink);
    logger.info('outside');
    const span = startSpan('POST /x', 'server', CALLER, { requestId: 'r-9' });
    runInSpan(span, () => logger.info('in the request'));
    await inSpan('job', 'consumer', CALLER, async () => logger.info('in a job'));
    const [outside, inRequest, inJob] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);

    expect(outside).not.toHaveProperty('traceId');
    expect(inRequest).toMatchObject({ requestId: 'r-9', traceId: CALLER.traceId, spanId: span.context.spanId, msg: 'in the request' });
    expect(inJob).toMatchObject({ traceId: CALLER.traceId, msg: 'in a job' });
    expect(inJob).not.toHaveProperty('requestId');
    expect(inJob.spanId).toMatch(/^[0-9a-f]{16}$/);
  });
});
