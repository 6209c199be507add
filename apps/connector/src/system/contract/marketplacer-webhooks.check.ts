import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, DomainError } from '#common';
import {
  MARKETPLACER_WEBHOOK_EVENTS,
  MARKETPLACER_WEBHOOK_TYPES,
  MarketplacerError,
  MarketplacerWebhooks,
  webhookHmacKeysOf,
  type MarketplacerWebhook,
  type MarketplacerWebhookEvent,
  type MarketplacerWebhookType,
  type MarketplacerWebhookUpdate,
} from '#marketplacer';
import { webhookReceiverUrl, WebhookHandlers } from '../../webhooks/index.js';
import type { ContractCheckConfig } from './contract.config.js';
import { WorkQueue } from '../../work/index.js';
import { contractChecksErrors } from './contract-checks.errors.js';
import { analyseWebhookQuery, CONNECTOR_WEBHOOK_QUERY } from './webhook-query.js';

/** What a repair holds while it runs (WorkQueue.runKeyed): two repairs, even on two replicas, never register one type twice. */
const REPAIR_SCOPE = 'webhook-repair';

/** One webhook as Marketplacer lists it, with what the check makes of its query. */
export interface WebhookView {
  id: string;
  type: MarketplacerWebhookType;
  url: string;
  /** null = every event of its type. */
  eventName: MarketplacerWebhookEvent | null;
  /** As Marketplacer answers it (null: never set; only `false` counts as disabled). */
  enabled: boolean | null;
  queryString: string | null;
  /** The query selects what the receiver reads (`node { __typename id }`). */
  queryOk: boolean;
  /** Receiver fields the query leaves out. */
  missingFields: string[];
  /** Why the query is not usable (empty when it is). */
  queryProblems: string[];
}

/** One type of object the connector handles (a `__typename` of WebhookHandlers) and its webhooks to this connector. */
export interface WebhookTypeReport {
  /** The `__typename` the handler is registered for, e.g. `RefundRequest`. */
  handledType: string;
  /** Marketplacer's webhook type (`REFUND_REQUEST`); null when Marketplacer has none for it (nothing to register). */
  webhookType: MarketplacerWebhookType | null;
  /** Registered, enabled, every event delivered, every query usable (always true when `webhookType` is null). */
  ok: boolean;
  /** At least one webhook of this type delivers to this connector's URL. */
  registered: boolean;
  /** Every such webhook is enabled (false when there is none). */
  enabled: boolean;
  /** Events no webhook of this type to this connector delivers (their event filters leave them out); empty when all are delivered. */
  missingEvents: MarketplacerWebhookEvent[];
  /** What is wrong, for admins (empty when ok). */
  problems: string[];
  /** A remark that does not make it fail (why there is nothing to register, what repair leaves to the operator). */
  note: string | null;
  /** This type's webhooks to this connector. */
  webhooks: WebhookView[];
}

/** What repair did to one webhook (or type). */
export interface WebhookRepairAction {
  action: 'created' | 'updated' | 'failed';
  webhookType: MarketplacerWebhookType;
  /** The webhook made or changed; null when a create failed. */
  webhookId: string | null;
  /** What was set: `registered`, `queryString`, `enabled`. */
  changes: string[];
  /** Why it failed: the coded error (MARKETPLACER_*) and its message. */
  error: { code: string; message: string } | null;
}

/** The live contract check of Marketplacer's webhooks: are the connector's registered, enabled and asking for what it reads? */
export interface WebhooksReport {
  /** Every handled type's webhooks are right, and Marketplacer's list was read. */
  ok: boolean;
  checkedAt: string;
  /** Where the connector's webhooks must deliver: PUBLIC_URL + `/webhooks/marketplacer` (compared normalised). */
  url: string;
  /** A webhook HMAC key is configured (or the demo key in demo mode): repair needs one. */
  hmacKeyConfigured: boolean;
  /** One entry per type the connector handles, sorted by `handledType`; empty when the list could not be read. */
  types: WebhookTypeReport[];
  /** Webhooks to this connector of types nothing here handles (delivered, stored, ignored). */
  unhandled: WebhookView[];
  /** Webhooks delivering elsewhere: listed, never touched. */
  elsewhere: WebhookView[];
  /** Why Marketplacer's list could not be read; null when it was. */
  error: { code: string; message: string } | null;
  /** What `repair()` did, in order; absent from a plain check. */
  repairs?: WebhookRepairAction[];
}

/**
 * Checks (and on request repairs) the operator webhooks that should deliver to this connector: for
 * each type of object a context handles (WebhookHandlers), a webhook of Marketplacer's matching type
 * to PUBLIC_URL + /webhooks/marketplacer, enabled, delivering every event, with a query whose answer
 * carries `node { __typename id }` (Marketplacer's default query has no `id`).
 *
 * Repair reads the list first and creates only the types with no webhook to this connector (one at a
 * time, one repair at a time across every replica: WorkQueue.runKeyed), so repeating it makes nothing twice; it updates the
 * connector's own webhooks (query, enabled) and never touches the others, nor an event filter (that
 * is the operator's choice: the report says so).
 */
@Injectable()
export class MarketplacerWebhooksCheck {
  private readonly logger = new Logger('ContractCheck');

  constructor(
    private readonly webhooks: MarketplacerWebhooks,
    private readonly handlers: WebhookHandlers,
    @Inject(APP_CONFIG) private readonly config: ContractCheckConfig,
    private readonly work: WorkQueue,
  ) {}

  /** Where Marketplacer must deliver: PUBLIC_URL (or http://localhost:PORT) + the receiver's path. */
  get receiverUrl(): string {
    return webhookReceiverUrl(this.config);
  }

  async run(): Promise<WebhooksReport> {
    try {
      return this.reportOf(await this.webhooks.listWebhooks());
    } catch (error) {
      this.logger.warn({ msg: "Marketplacer's webhooks could not be read", reason: reasonOf(error) });
      return { ...this.reportOf([]), ok: false, types: [], unhandled: [], elsewhere: [], error: codedOf(error) };
    }
  }

  /**
   * Registers the missing types and fixes the connector's own webhooks, then reads the list again and
   * reports it with what was done. Refused (409 WEBHOOK_HMAC_KEY_MISSING) without a webhook HMAC key.
   * A failing create or update is reported and the others go on; a list that cannot be read fails it.
   */
  async repair(): Promise<WebhooksReport> {
    const hmacKey = webhookHmacKeysOf(this.config)[0];
    if (hmacKey === undefined) throw contractChecksErrors.webhookHmacKeyMissing();
    return this.work.runKeyed(REPAIR_SCOPE, 'marketplacer', async () => {
      const before = this.reportOf(await this.webhooks.listWebhooks());
      const repairs: WebhookRepairAction[] = [];
      for (const type of before.types) {
        if (type.webhookType === null) continue;
        if (!type.registered) repairs.push(await this.register(type.webhookType, hmacKey));
        for (const webhook of type.webhooks) {
          const changes = repairOf(webhook);
          if (changes) repairs.push(await this.update(webhook, changes));
        }
      }
      return { ...(await this.run()), repairs };
    });
  }

  private reportOf(listed: MarketplacerWebhook[]): WebhooksReport {
    const ours = normalisedUrl(this.receiverUrl);
    const views = listed.map(viewOf);
    const mine = views.filter((view) => ours !== null && normalisedUrl(view.url) === ours);
    const handled = this.handlers.types();
    const types = handled.map((handledType) => typeReportOf(handledType, mine, this.receiverUrl));
    const covered = new Set(types.map((type) => type.webhookType).filter((type) => type !== null));
    return {
      ok: types.every((type) => type.ok),
      checkedAt: new Date().toISOString(),
      url: this.receiverUrl,
      hmacKeyConfigured: webhookHmacKeysOf(this.config).length > 0,
      types,
      unhandled: mine.filter((view) => !covered.has(view.type)),
      elsewhere: views.filter((view) => !mine.includes(view)),
      error: null,
    };
  }

  /** webhookCreate of one type; a lost answer is settled by reading the list again (a webhook has no external id). */
  private async register(webhookType: MarketplacerWebhookType, hmacKey: string): Promise<WebhookRepairAction> {
    const created = (webhookId: string): WebhookRepairAction => ({ action: 'created', webhookType, webhookId, changes: ['registered'], error: null });
    try {
      const webhook = await this.webhooks.createWebhook({
        type: webhookType,
        url: this.receiverUrl,
        queryString: CONNECTOR_WEBHOOK_QUERY,
        enabled: true,
        hmacKey,
      });
      this.logger.log({ msg: 'Marketplacer webhook registered', webhookType, webhookId: webhook.id, url: this.receiverUrl });
      return created(webhook.id);
    } catch (error) {
      const made = mayHaveBeenMade(error) ? await this.findMine(webhookType) : undefined;
      if (made) {
        this.logger.warn({ msg: 'Marketplacer registered the webhook but its answer was lost; found it in the list', webhookType, webhookId: made.id });
        return created(made.id);
      }
      this.logger.warn({ msg: 'Marketplacer webhook not registered', webhookType, reason: reasonOf(error) });
      return { action: 'failed', webhookType, webhookId: null, changes: ['registered'], error: codedOf(error) };
    }
  }

  private async update(webhook: WebhookView, changes: MarketplacerWebhookUpdate): Promise<WebhookRepairAction> {
    const changed = Object.keys(changes);
    try {
      await this.webhooks.updateWebhook(webhook.id, changes);
      this.logger.log({ msg: 'Marketplacer webhook repaired', webhookType: webhook.type, webhookId: webhook.id, changes: changed });
      return { action: 'updated', webhookType: webhook.type, webhookId: webhook.id, changes: changed, error: null };
    } catch (error) {
      this.logger.warn({ msg: 'Marketplacer webhook not repaired', webhookType: webhook.type, webhookId: webhook.id, reason: reasonOf(error) });
      return { action: 'failed', webhookType: webhook.type, webhookId: webhook.id, changes: changed, error: codedOf(error) };
    }
  }

  private async findMine(webhookType: MarketplacerWebhookType): Promise<MarketplacerWebhook | undefined> {
    const ours = normalisedUrl(this.receiverUrl);
    try {
      return (await this.webhooks.listWebhooks()).find((webhook) => webhook.type === webhookType && normalisedUrl(webhook.url) === ours);
    } catch (error) {
      this.logger.warn({ msg: 'could not read the webhooks again after a lost answer', webhookType, reason: reasonOf(error) });
      return undefined;
    }
  }
}

function typeReportOf(handledType: string, mine: WebhookView[], url: string): WebhookTypeReport {
  const webhookType = webhookTypeOf(handledType);
  const base = { handledType, webhookType, missingEvents: [], problems: [] };
  if (webhookType === null) {
    const note = `Marketplacer has no webhook type for ${handledType}: nothing to register (its sync job's polling covers it)`;
    return { ...base, ok: true, registered: false, enabled: false, note, webhooks: [] };
  }
  const webhooks = mine.filter((view) => view.type === webhookType);
  if (webhooks.length === 0) {
    const problems = [`no ${webhookType} webhook delivers to ${url}`];
    return { ...base, ok: false, registered: false, enabled: false, missingEvents: [...MARKETPLACER_WEBHOOK_EVENTS], problems, note: null, webhooks };
  }
  const problems: string[] = [];
  for (const webhook of webhooks) {
    if (webhook.enabled === false) problems.push(`webhook ${webhook.id} is disabled`);
    for (const problem of webhook.queryProblems) problems.push(`webhook ${webhook.id}: ${problem}`);
  }
  const everyEvent = webhooks.some((webhook) => webhook.eventName === null);
  const missingEvents = everyEvent ? [] : MARKETPLACER_WEBHOOK_EVENTS.filter((event) => !webhooks.some((webhook) => webhook.eventName === event));
  if (missingEvents.length > 0) problems.push(`the event filters leave out ${missingEvents.join(', ')} (each handler needs every event of its type)`);
  return {
    ...base,
    ok: problems.length === 0,
    registered: true,
    enabled: webhooks.every((webhook) => webhook.enabled !== false),
    missingEvents,
    problems,
    note: missingEvents.length > 0 ? 'repair does not change event filters: clear it in the portal (Configuration → Webhooks)' : null,
    webhooks,
  };
}

/** What repair sets on one of the connector's webhooks (the connector's query, enabled), or null when nothing. */
function repairOf(webhook: WebhookView): MarketplacerWebhookUpdate | null {
  const changes: MarketplacerWebhookUpdate = {};
  if (!webhook.queryOk) changes.queryString = CONNECTOR_WEBHOOK_QUERY;
  if (webhook.enabled === false) changes.enabled = true;
  return Object.keys(changes).length > 0 ? changes : null;
}

function viewOf(webhook: MarketplacerWebhook): WebhookView {
  const query = analyseWebhookQuery(webhook.queryString);
  return {
    id: webhook.id,
    type: webhook.type,
    url: webhook.url,
    eventName: webhook.eventName,
    enabled: webhook.enabled,
    queryString: webhook.queryString,
    queryOk: query.ok,
    missingFields: query.missingFields,
    queryProblems: query.problems,
  };
}

/** `RefundRequest` → `REFUND_REQUEST`, when Marketplacer has such a webhook type (it has none for `Prototype`). */
export function webhookTypeOf(handledType: string): MarketplacerWebhookType | null {
  const name = handledType.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
  return (MARKETPLACER_WEBHOOK_TYPES as readonly string[]).includes(name) ? (name as MarketplacerWebhookType) : null;
}

/**
 * A URL as the receiver would be reached by it: scheme, host and default port as `URL` normalises
 * them, the path without trailing slashes, case folded (routes are case-insensitive); query and
 * fragment left out (they do not change where a POST lands), and the loopback names (localhost, 127.0.0.1,
 * [::1]) taken as one host: demo mode's PUBLIC_URL says localhost where the simulator delivers to 127.0.0.1.
 * Null when it is not a URL.
 */
export function normalisedUrl(url: string): string | null {
  try {
    const parsed = new URL(url.trim());
    const host = LOOPBACK.has(parsed.hostname.toLowerCase()) ? `loopback${parsed.port ? `:${parsed.port}` : ''}` : parsed.host;
    return `${parsed.protocol}//${host}${parsed.pathname.replace(/\/+$/, '')}`.toLowerCase();
  } catch {
    return null;
  }
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function mayHaveBeenMade(error: unknown): boolean {
  return error instanceof MarketplacerError && (error.code === 'MARKETPLACER_UNAVAILABLE' || error.code === 'MARKETPLACER_TIMEOUT');
}

function codedOf(error: unknown): { code: string; message: string } {
  return error instanceof DomainError ? { code: error.code, message: error.message } : { code: 'INTERNAL_ERROR', message: reasonOf(error) };
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
