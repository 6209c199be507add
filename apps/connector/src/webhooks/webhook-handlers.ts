import { Injectable, Module } from '@nestjs/common';

/** The object a webhook event is about, as the delivery named it. */
export interface WebhookSubject {
  /** `__typename`: Advert, Invoice, … */
  type: string;
  /** The object's global id. */
  id: string;
  /** create, update, destroy (or another name Marketplacer sends). */
  eventName: string | null;
}

/**
 * What handling did: `applied` when the object is the connector's and its change was taken (even if
 * nothing differed: the event and a poll seeing the same change do the work once); not applied when
 * nothing here is about it (not ours, unreadable now: the feeds are the safety net). `note` is for admins.
 * Throwing means "try again" (the work queue retries, then the event is `failed`).
 */
export interface WebhookOutcome {
  applied: boolean;
  note: string;
}

/**
 * A context's handling of one type of object. It re-reads the object from the Operator API (never
 * trusting the payload for what a query can confirm) and does the same work its feed would.
 */
export type WebhookHandler = (subject: WebhookSubject) => Promise<WebhookOutcome>;

/**
 * Which context handles which webhook types. Contexts register their handlers (in onModuleInit), as
 * sync jobs register with the SyncJobRegistry; the webhooks context dispatches to them and knows none.
 */
@Injectable()
export class WebhookHandlers {
  private readonly handlers = new Map<string, WebhookHandler>();

  register(types: readonly string[], handler: WebhookHandler): void {
    for (const type of types) {
      if (this.handlers.has(type)) throw new Error(`Webhook type "${type}" has two handlers`);
      this.handlers.set(type, handler);
    }
  }

  handlerOf(type: string): WebhookHandler | undefined {
    return this.handlers.get(type);
  }

  types(): string[] {
    return [...this.handlers.keys()].sort();
  }
}

/** Imported by every context that handles a webhook type; one registry for the whole app. */
@Module({ providers: [WebhookHandlers], exports: [WebhookHandlers] })
export class WebhookHandlersModule {}
