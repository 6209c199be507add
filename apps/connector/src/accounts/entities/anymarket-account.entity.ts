import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '#common';
import { SellerLinkEntity } from './seller-link.entity.js';

export type DiscountType = 'PERCENT' | 'VALUE';

/**
 * An ANYMARKET account of an organisation, as saveAccount last described it: its settings and the
 * seller's ANYMARKET API token (encrypted). Keyed by (oi, idAccount); an organisation may have several.
 * ANYMARKET's int64 ids (idAccount, templateId) are kept as decimal strings, exact on both databases.
 */
@Entity('anymarket_account')
@Index('uq_anymarket_account_oi_id_account', ['oi', 'idAccount'], { unique: true })
@Index('idx_anymarket_account_seller_link', ['sellerLinkId'])
export class AnymarketAccountEntity {
  @PrimaryGeneratedColumn() id: number;

  @Column({ type: 'varchar', length: 64 }) oi: string;

  @Column({ name: 'id_account', type: 'varchar', length: 20 }) idAccount: string;

  /** The seller link whose credentials the last saveAccount presented. */
  @Column({ name: 'seller_link_id', type: 'integer' }) sellerLinkId: number;

  @ManyToOne(() => SellerLinkEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'seller_link_id' })
  sellerLink?: SellerLinkEntity;

  @Column({ type: 'boolean', default: true }) active: boolean;

  @Column({ name: 'account_name', type: 'varchar', length: 255, nullable: true }) accountName: string | null;

  @Column({ name: 'template_id', type: 'varchar', length: 20, nullable: true }) templateId: string | null;

  @Column({ name: 'discount_type', type: 'varchar', length: 10 }) discountType: DiscountType;

  @Column({ name: 'discount_value', type: 'double precision' }) discountValue: number;

  @Column({ name: 'price_factor', type: 'double precision' }) priceFactor: number;

  @Column({ name: 'use_sandbox', type: 'boolean', default: false }) useSandbox: boolean;

  @Column({ name: 'account_default', type: 'boolean', default: false }) accountDefault: boolean;

  @Column({ name: 'update_price_stock_status', type: 'boolean', default: false }) updatePriceStockStatus: boolean;

  @Column({ name: 'addition_of_freight', type: 'double precision' }) additionOfFreight: number;

  /** Calendar date `YYYY-MM-DD` from which orders are imported, or null when ANYMARKET sent none. */
  @Column({ name: 'initial_order_import_date', type: 'date', nullable: true }) initialOrderImportDate: string | null;

  /** `SecretCipher.encrypt` of `user.token`; null until a saveAccount carried one. */
  @Column({ name: 'token_encrypted', type: 'text', nullable: true }) tokenEncrypted: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true }) country: string | null;

  @TimestampColumn({ name: 'created_at' }) createdAt: Date;

  @TimestampColumn({ name: 'updated_at' }) updatedAt: Date;
}
