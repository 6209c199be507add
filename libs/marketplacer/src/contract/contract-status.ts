import { Injectable, Logger } from '@nestjs/common';

/** What is known of one operation document against the live Marketplacer schema. */
export interface OperationVerdict {
  /** The operation's name, as in its document (`InvoicesUpdatedSince`). */
  operation: string;
  ok: boolean;
  /** Each problem as the schema named it: the field, argument or type that fails. Empty when ok. */
  problems: string[];
  /** Where the verdict came from: the live contract check, or a refusal seen while calling. */
  source: 'check' | 'refusal';
  at: Date;
}

/**
 * The one in-process record of which operation documents the live Marketplacer schema accepts. The live
 * contract check writes its verdicts here; a refusal seen while calling (a GraphQL validation error) is
 * recorded here too, so a detail query that the schema refuses is asked once, not once per item. Until
 * something says otherwise every document counts as usable.
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
  recordCheck(verdicts: Array<Pick<OperationVerdict, 'operation' | 'ok' | 'problems'>>, at = new Date()): void {
    for (const verdict of verdicts) this.verdicts.set(verdict.operation, { ...verdict, source: 'check', at });
  }

  /** A refusal seen while calling: logged once per operation and problem set, then the document is off until a check says otherwise. */
  recordRefusal(operation: string, problems: string[], at = new Date()): void {
    const known = this.verdicts.get(operation);
    const same = known && !known.ok && known.problems.join('\n') === problems.join('\n');
    this.verdicts.set(operation, { operation, ok: false, problems, source: 'refusal', at });
    if (!same) this.logger.warn({ msg: 'Marketplacer refused an operation document; what needs it is left out until the contract check passes', operation, problems });
  }
}
