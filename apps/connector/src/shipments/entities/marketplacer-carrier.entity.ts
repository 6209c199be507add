import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '#common';

/** The connector's copy of Marketplacer's `shipmentCarriers`: what a shipment may name as its carrier. */
@Entity('marketplacer_carrier')
export class MarketplacerCarrierEntity {
  /** Marketplacer's global id (`postageCarrierId`). */
  @PrimaryColumn({ type: 'varchar', length: 100 }) id: string;

  @Column({ type: 'varchar', length: 200 }) name: string;

  /** When this copy was last read from Marketplacer. */
  @TimestampColumn({ name: 'refreshed_at' }) refreshedAt: Date;
}
