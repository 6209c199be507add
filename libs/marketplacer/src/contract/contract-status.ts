import { Injectable, Logger } from '@nestjs/common';
import { MarketplacerError } from '../errors/marketplacer-error.js';
import { CONTRACT_FEATURES, DOCUMENT_FEATURES, documentsOfFeature, featuresOfDocument, isContractFeature } from './contract-features.js';

/** One thing the live schema refuses in a document: the field (`LineItem.totalCents`), argument or type that fails. */
export interface ContractProblem {
  kind: 'field' | 'argument' | 'type' | 'other';
  /** `Type.field` for a field, `Type.field(argument)` for an argument, the type's name for a type; the message's subject otherwise. */
  name: string;
  /** As the schema's validation worded it. */
  message: string;
}

/** What is known of one operation document against the live Marketplacer schema. */
export interface OperationVerdict {
  /** The operation's name, as in its document (`InvoicesUpdatedSince`). */
  operation: string;
  ok: boolean;
  /** Each problem as the schema named it: the field, argument or type that fails. Empty when ok. */
  problems: string[];
  /** The same problems, classified, when the contract check read them. */
  details?: ContractProblem[];
  /** Where the verdict came from: the live contract check, or a refusal seen while calling. */
  source: 'check' | 'refusal';
  at: Date;
}

/** A feature switched off: the failing documents it needs, and why, in one line. */
export interface FeatureOff {
  feature: string;
  description: string;
  /** Every document it needs that the live schema refuses, with the problems. */
  documents: Array<{ operation: string; problems: string[] }>;
  /** Only optional details are left out (their feed runs without them). */
  detail: boolean;
  /** One line for logs, health and errors. */
  reason: string;
}

/**
 * The one in-process record of which operation documents the live Marketplacer schema accepts. The live
 * contract check writes its verdicts here; a refusal seen while calling (a GraphQL validation error) is
 * recorded here too, so a detail query that the schema refuses is asked once, not once per item. Until
 * something says otherwise every document counts as usable.
 *
 * What the connector does is asked by feature (contract-features.ts): a feature is off while a
 * document it needs is refused. Jobs and webhook processing ask `featureOff`; the client refuses to
 * send a refused document (`assertUsable`), so every other caller fails fast with MARKETPLACER_FEATURE_OFF.
 */
@Injectable()
export class MarketplacerContractStatus {
  private readonly logger = new Logger('MarketplacerContract');
  private readonly verdicts = new Map<string, OperationVerdict>();

  isUsable(operation: string): boolean {
    return this.verdicts.get(operation)?.ok ?? true;
  }

  verdictOf(operation: string): OperationVerdict | undefined {
    return this.verdicts.get(operation);
  }

  all(): OperationVerdict[] {
    return [...this.verdicts.values()];
  }

  /** The check's verdicts replace what was known: a fixed schema switches the documents back on. */
  recordCheck(verdicts: Array<Pick<OperationVerdict, 'operation' | 'ok' | 'problems'> & Partial<Pick<OperationVerdict, 'details'>>>, at = new Date()): void {
    for (const verdict of verdicts) this.verdicts.set(verdict.operation, { ...verdict, source: 'check', at });
  }

  /** A refusal seen while calling: logged once per operation and problem set, then the document is off until a check says otherwise. */
  recordRefusal(operation: string, problems: string[], at = new Date()): void {
    const known = this.verdicts.get(operation);
    const same = known && !known.ok && known.problems.join('\n') === problems.join('\n');
    this.verdicts.set(operation, { operation, ok: false, problems, source: 'refusal', at });
    if (!same)
      this.logger.warn({ msg: 'Marketplacer refused an operation document; what needs it is left out until the contract check passes', operation, problems });
  }

  /** Why `feature` is off (a document it needs is refused), or null while it is on (an unknown feature is always on). */
  featureOff(feature: string): FeatureOff | null {
    if (!isContractFeature(feature)) return null;
    const failing = documentsOfFeature(feature)
      .map((operation) => this.verdicts.get(operation))
      .filter((verdict): verdict is OperationVerdict => verdict !== undefined && !verdict.ok)
      .map((verdict) => ({ operation: verdict.operation, problems: verdict.problems }));
    if (failing.length === 0) return null;
    const refused = failing.map((document) => `${document.operation} (${document.problems.join('; ') || 'refused'})`).join(', ');
    return {
      feature,
      description: CONTRACT_FEATURES[feature],
      documents: failing,
      detail: failing.every((document) => DOCUMENT_FEATURES[document.operation]?.detail === true),
      reason: `Marketplacer's schema refuses ${refused}`,
    };
  }

  /** Every feature that is off now, by id. */
  featuresOff(): FeatureOff[] {
    // Asked on every readiness call: nothing to compute while every document is accepted.
    if (![...this.verdicts.values()].some((verdict) => !verdict.ok)) return [];
    return Object.keys(CONTRACT_FEATURES)
      .map((feature) => this.featureOff(feature))
      .filter((off): off is FeatureOff => off !== null);
  }

  /** Throws MARKETPLACER_FEATURE_OFF (503) naming the feature and its refused documents while `feature` is off. */
  assertFeature(feature: string): void {
    const off = this.featureOff(feature);
    if (!off) return;
    throw new MarketplacerError(
      'MARKETPLACER_FEATURE_OFF',
      `${feature} is off: ${off.reason}; it is back on once the contract check passes`,
      off.documents.map((document) => ({ field: document.operation, messages: document.problems })),
    );
  }

  /** Throws MARKETPLACER_FEATURE_OFF naming the document and the features it stops while `operation` is refused (the client, before sending it). */
  assertUsable(operation: string): void {
    const verdict = this.verdicts.get(operation);
    if (!verdict || verdict.ok) return;
    const features = featuresOfDocument(operation);
    throw new MarketplacerError(
      'MARKETPLACER_FEATURE_OFF',
      `Not sent: Marketplacer's schema refuses ${operation} (${verdict.problems.join('; ') || 'refused'}), so ${features.length ? features.join(', ') : 'what needs it'} ${features.length === 1 ? 'is' : 'are'} off until the contract check passes`,
      [{ field: operation, messages: verdict.problems }],
    );
  }
}
