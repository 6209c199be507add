import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { OrderInvoice, OrderStatus } from '#anymarket';
import { insertOrLoseRace } from '#common';
import { OrderUpdateEntity } from './order-update.entity.js';
import type { NfeDocument } from './nfe/nfe-document.js';

/** What the connector keeps of ANYMARKET's side of an order: announcements, invoice data, how they were applied. */
@Injectable()
export class OrderUpdateStore {
  constructor(@InjectRepository(OrderUpdateEntity) private readonly updates: Repository<OrderUpdateEntity>) {}

  get(orderId: number): Promise<OrderUpdateEntity | null> {
    return this.updates.findOneBy({ orderId });
  }

  /** updateOrderStatusInMarketPlace: the latest announcement wins; the order is read back from ANYMARKET anyway. */
  announce(orderId: number, anymarketOrderId: string | null, status: OrderStatus, now: Date): Promise<OrderUpdateEntity> {
    return this.open(orderId, { announcedStatus: status, ...(anymarketOrderId !== null ? { anymarketOrderId } : {}) }, now);
  }

  /**
   * The NF-e XML the seller sent, as read, but for the buyer's CPF/CNPJ: the connector has no use for
   * it, and (as with the buyer's e-mail) its database and admin API do not hold the buyer's identity.
   */
  keepDocument(orderId: number, document: NfeDocument, now: Date): Promise<OrderUpdateEntity> {
    return this.open(orderId, { invoiceDocumentJson: JSON.stringify({ ...document, recipientDocument: null }) }, now);
  }

  async keepInvoiceData(id: number, invoice: OrderInvoice): Promise<void> {
    await this.updates.update(id, { invoiceDataJson: JSON.stringify(invoice) });
  }

  async retryAt(id: number, attempts: number, at: Date, error: string): Promise<void> {
    await this.updates.update(id, { attempts, nextAttemptAt: at, lastError: error, updatedAt: new Date() });
  }

  /**
   * What ANYMARKET was told. The row closes only when nothing new was announced since `revision` was
   * read; otherwise it stays pending for the job the new announcement queued. Returns whether it closed.
   */
  async reported(update: OrderUpdateEntity, success: boolean, message: string | null, now: Date): Promise<boolean> {
    const result = await this.updates.update(
      { id: update.id, revision: update.revision },
      {
        state: 'reported',
        reportedSuccess: success,
        reportedMessage: message,
        reportedAt: now,
        attempts: 0,
        nextAttemptAt: null,
        lastError: null,
        updatedAt: now,
      },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Rows still to apply (re-queued at start-up). */
  pending(): Promise<OrderUpdateEntity[]> {
    return this.updates.find({ where: { state: 'pending' }, order: { id: 'ASC' } });
  }

  private async open(orderId: number, changes: Partial<OrderUpdateEntity>, now: Date): Promise<OrderUpdateEntity> {
    const existing = await this.get(orderId);
    const opened = { ...changes, state: 'pending' as const, attempts: 0, nextAttemptAt: null, lastError: null, updatedAt: now };
    if (!existing) {
      const made = await insertOrLoseRace(
        async (): Promise<OrderUpdateEntity | null> => {
          await this.updates.insert({
            orderId,
            anymarketOrderId: null,
            announcedStatus: null,
            invoiceDataJson: null,
            invoiceDocumentJson: null,
            revision: 1,
            reportedSuccess: null,
            reportedMessage: null,
            reportedAt: null,
            ...opened,
          });
          return (await this.get(orderId))!;
        },
        // Another request made the row at the same moment (its unique key): update it instead.
        async (lost) => {
          if (!(await this.get(orderId))) throw lost;
          return null;
        },
      );
      if (made) return made;
    }
    await this.updates
      .createQueryBuilder()
      .update()
      .set({ ...opened, revision: () => 'revision + 1' })
      .where('order_id = :orderId', { orderId })
      .execute();
    return (await this.get(orderId))!;
  }
}

export function invoiceDocumentOf(update: Pick<OrderUpdateEntity, 'invoiceDocumentJson'> | null): NfeDocument | null {
  return update?.invoiceDocumentJson ? (JSON.parse(update.invoiceDocumentJson) as NfeDocument) : null;
}

export function invoiceDataOf(update: Pick<OrderUpdateEntity, 'invoiceDataJson'> | null): OrderInvoice | null {
  return update?.invoiceDataJson ? (JSON.parse(update.invoiceDataJson) as OrderInvoice) : null;
}
