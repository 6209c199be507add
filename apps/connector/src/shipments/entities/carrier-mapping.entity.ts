import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '#common';

/** One entry of the admin-edited map: an ANYMARKET carrier name → a Marketplacer carrier. */
@Entity('carrier_mapping')
export class CarrierMappingEntity {
  /** The ANYMARKET carrier name normalised (lower case, no accents, single spaces): how look-ups match. */
  @PrimaryColumn({ name: 'carrier_key', type: 'varchar', length: 120 }) carrierKey: string;

  /** The ANYMARKET carrier name as the admin wrote it. */
  @Column({ name: 'anymarket_carrier', type: 'varchar', length: 120 }) anymarketCarrier: string;

  @Column({ name: 'marketplacer_carrier_id', type: 'varchar', length: 100 }) marketplacerCarrierId: string;

  @TimestampColumn({ name: 'updated_at' }) updatedAt: Date;
}
