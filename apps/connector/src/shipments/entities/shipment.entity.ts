import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '#common';

/**
 * `sending`: recorded before `shipmentCreate` (a lost answer is settled by reading the invoice's
 * shipments for this tracking number); `created`: Marketplacer answered with its id.
 */
export type ShipmentState = 'sending' | 'created';

/** A shipment the connector made in Marketplacer from ANYMARKET's tracking (ANYMARKET → Marketplacer). */
@Entity('order_shipment')
@Index('uq_order_shipment_tracking', ['invoiceId', 'trackingNumber'], { unique: true })
export class ShipmentEntity {
  @PrimaryGeneratedColumn() id: number;

  /** Marketplacer invoice global id. */
  @Column({ name: 'invoice_id', type: 'varchar', length: 100 }) invoiceId: string;

  @Column({ type: 'varchar', length: 16 }) state: ShipmentState;

  @Column({ name: 'marketplacer_shipment_id', type: 'varchar', length: 100, nullable: true }) marketplacerShipmentId: string | null;

  /** The carrier as ANYMARKET named it. */
  @Column({ name: 'anymarket_carrier', type: 'varchar', length: 120 }) anymarketCarrier: string;

  @Column({ name: 'carrier_id', type: 'varchar', length: 100 }) carrierId: string;

  @Column({ name: 'carrier_name', type: 'varchar', length: 200 }) carrierName: string;

  @Column({ name: 'tracking_number', type: 'varchar', length: 200 }) trackingNumber: string;

  @Column({ name: 'tracking_url', type: 'text', nullable: true }) trackingUrl: string | null;

  /** `YYYY-MM-DD`, as sent in `dispatchedAt`. */
  @Column({ name: 'dispatched_on', type: 'varchar', length: 10 }) dispatchedOn: string;

  /** JSON `[{lineItemId, quantity}]`. */
  @Column({ name: 'items_json', type: 'text' }) itemsJson: string;

  @TimestampColumn({ name: 'created_at' }) createdAt: Date;

  @TimestampColumn({ name: 'updated_at' }) updatedAt: Date;
}
