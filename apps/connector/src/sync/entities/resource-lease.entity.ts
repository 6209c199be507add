import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '#common';

/** A named lease: while it lives, only its owner (one process) works on the resource it names. */
@Entity('resource_lease')
export class ResourceLeaseEntity {
  @PrimaryColumn({ type: 'varchar', length: 200 }) name: string;

  @Column({ type: 'varchar', length: 64 }) owner: string;

  @TimestampColumn({ name: 'expires_at' }) expiresAt: Date;
}
