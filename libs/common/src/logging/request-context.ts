import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The flow a piece of work belongs to: an inbound request, a feed run, a queued job (in the trace of
 * whoever sent it), a webhook event (in the trace of its delivery). Every log line written inside
 * names it (the logger's mixin), and every outbound call carries its trace (`traceparent`).
 */
export interface FlowContext {
  /** The inbound request's id (`x-request-id`); absent in a flow no request started (a feed run, a job). */
  requestId?: string;
  /** W3C trace-id: 32 lowercase hex digits, the same for every span of the flow. */
  traceId: string;
  /** W3C parent-id of what is called from here: the current span, 16 lowercase hex digits. */
  spanId: string;
  /** W3C sampled flag: whether the flow's spans are exported (when export is on). */
  sampled: boolean;
}

/** The request context of before: one mechanism, the flow. */
export type RequestContext = FlowContext;

/** Carries the flow through async work so every log line and outbound call of it names it. */
export const requestContext = new AsyncLocalStorage<FlowContext>();

export function currentFlow(): FlowContext | undefined {
  return requestContext.getStore();
}

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}
