import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MARKETPLACER_WEBHOOK_EVENTS, MARKETPLACER_WEBHOOK_TYPES, type MarketplacerWebhookEvent, type MarketplacerWebhookType } from '#marketplacer';
import type { AnymarketAccountCheckResult, AnymarketAccountsReport, AnymarketAccountStatus } from '../anymarket-accounts.check.js';
import type { WebhookRepairAction, WebhooksReport, WebhookTypeReport, WebhookView } from '../marketplacer-webhooks.check.js';

const ACCOUNT_STATUSES: AnymarketAccountStatus[] = ['ok', 'refused', 'no-token', 'unreachable', 'failed'];

export class CheckErrorDto {
  @ApiProperty({ example: 'MARKETPLACER_UNAVAILABLE' }) code: string;
  @ApiProperty({ example: 'Marketplacer could not be reached for Webhooks' }) message: string;
}

export class WebhookViewDto implements WebhookView {
  @ApiProperty({ example: 'V2ViaG9vay0x' }) id: string;
  @ApiProperty({ enum: MARKETPLACER_WEBHOOK_TYPES, example: 'INVOICE' }) type: MarketplacerWebhookType;
  @ApiProperty({ example: 'https://connector.example.com/webhooks/marketplacer' }) url: string;
  @ApiProperty({ enum: MARKETPLACER_WEBHOOK_EVENTS, nullable: true, description: 'The one event it delivers; null = every event', example: null })
  eventName: MarketplacerWebhookEvent | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'As Marketplacer answers it; only false counts as disabled', example: true })
  enabled: boolean | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The webhook's GraphQL query; null = Marketplacer's default, which lacks id",
    example: 'query($id: ID!) { node(id: $id) { __typename id } }',
  })
  queryString: string | null;
  @ApiProperty({ description: 'The query selects node { __typename id }, what the receiver reads', example: true }) queryOk: boolean;
  @ApiProperty({ type: [String], description: 'Receiver fields the query leaves out', example: [] }) missingFields: string[];
  @ApiProperty({ type: [String], description: 'Why the query is not usable', example: [] }) queryProblems: string[];
}

export class WebhookTypeReportDto implements WebhookTypeReport {
  @ApiProperty({ description: 'The __typename a context handles', example: 'RefundRequest' }) handledType: string;
  @ApiProperty({
    enum: MARKETPLACER_WEBHOOK_TYPES,
    nullable: true,
    description: "Marketplacer's webhook type; null when it has none for this type",
    example: 'REFUND_REQUEST',
  })
  webhookType: MarketplacerWebhookType | null;
  @ApiProperty({ description: 'Registered, enabled, every event delivered, every query usable', example: true }) ok: boolean;
  @ApiProperty({ description: 'A webhook of this type delivers to this connector', example: true }) registered: boolean;
  @ApiProperty({ description: 'Every such webhook is enabled', example: true }) enabled: boolean;
  @ApiProperty({ enum: MARKETPLACER_WEBHOOK_EVENTS, isArray: true, description: 'Events left out by the event filters', example: [] })
  missingEvents: MarketplacerWebhookEvent[];
  @ApiProperty({ type: [String], description: 'What is wrong', example: [] }) problems: string[];
  @ApiProperty({ type: String, nullable: true, description: 'A remark that does not make it fail', example: null }) note: string | null;
  @ApiProperty({ type: [WebhookViewDto], description: 'Its webhooks to this connector' }) webhooks: WebhookViewDto[];
}

export class WebhookRepairActionDto implements WebhookRepairAction {
  @ApiProperty({ enum: ['created', 'updated', 'failed'], example: 'updated' }) action: 'created' | 'updated' | 'failed';
  @ApiProperty({ enum: MARKETPLACER_WEBHOOK_TYPES, example: 'INVOICE' }) webhookType: MarketplacerWebhookType;
  @ApiProperty({ type: String, nullable: true, example: 'V2ViaG9vay0x' }) webhookId: string | null;
  @ApiProperty({ type: [String], description: 'registered, queryString, enabled', example: ['queryString'] }) changes: string[];
  @ApiProperty({ type: CheckErrorDto, nullable: true, description: 'Why it failed', example: null }) error: CheckErrorDto | null;
}

export class WebhooksReportDto implements WebhooksReport {
  @ApiProperty({ description: "Every handled type's webhooks are right, and Marketplacer's list was read", example: true }) ok: boolean;
  @ApiProperty({ example: '2026-12-08T10:00:00.000Z' }) checkedAt: string;
  @ApiProperty({
    description: 'Where the webhooks must deliver: PUBLIC_URL + /webhooks/marketplacer',
    example: 'https://connector.example.com/webhooks/marketplacer',
  })
  url: string;
  @ApiProperty({ description: 'A webhook HMAC key is configured (repair needs one)', example: true }) hmacKeyConfigured: boolean;
  @ApiProperty({ type: [WebhookTypeReportDto], description: 'One per type the connector handles' }) types: WebhookTypeReportDto[];
  @ApiProperty({ type: [WebhookViewDto], description: 'Webhooks to this connector of types nothing here handles' }) unhandled: WebhookViewDto[];
  @ApiProperty({ type: [WebhookViewDto], description: 'Webhooks delivering elsewhere: listed, never touched' }) elsewhere: WebhookViewDto[];
  @ApiProperty({ type: CheckErrorDto, nullable: true, description: "Why Marketplacer's list could not be read", example: null }) error: CheckErrorDto | null;
  @ApiPropertyOptional({ type: [WebhookRepairActionDto], description: 'What the repair did (repair only)' }) repairs?: WebhookRepairActionDto[];
}

export class AccountSellerDto {
  @ApiProperty({ example: 'U2VsbGVyLTM=' }) sellerId: string;
  @ApiProperty({ example: 'Loja Exemplo' }) businessName: string;
}

export class AnymarketAccountCheckResultDto implements AnymarketAccountCheckResult {
  @ApiProperty({ example: 1 }) accountId: number;
  @ApiProperty({ type: String, nullable: true, example: '127' }) idAccount: string | null;
  @ApiProperty({ type: String, nullable: true, example: '22449504.' }) oi: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Seller_test' }) name: string | null;
  @ApiProperty({ type: AccountSellerDto, nullable: true }) seller: AccountSellerDto | null;
  @ApiProperty({ type: Boolean, nullable: true, example: false }) useSandbox: boolean | null;
  @ApiProperty({
    enum: ACCOUNT_STATUSES,
    description:
      'ok; refused (401/403: the seller must save the module again in ANYMARKET); no-token (saved without one: the same); ' +
      "unreachable (network, timeout, 5xx, rate limit: not the seller's doing); failed (any other answer, or a token that cannot be decrypted)",
    example: 'ok',
  })
  status: AnymarketAccountStatus;
  @ApiProperty({ type: Number, nullable: true, example: null }) httpStatus: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'What happened and what to do', example: null }) message: string | null;
}

export class AnymarketAccountsReportDto implements AnymarketAccountsReport {
  @ApiProperty({ description: 'No active account has a refused or missing token', example: true }) ok: boolean;
  @ApiProperty({ example: '2026-12-08T10:00:00.000Z' }) checkedAt: string;
  @ApiProperty({ description: 'The call made per account', example: 'GET /configuration' }) call: string;
  @ApiProperty({ description: 'Accounts per status', example: { ok: 3, refused: 1, 'no-token': 0, unreachable: 0, failed: 0 } })
  counts: Record<AnymarketAccountStatus, number>;
  @ApiProperty({ type: [AnymarketAccountCheckResultDto] }) accounts: AnymarketAccountCheckResultDto[];
  @ApiProperty({ type: String, nullable: true, example: null }) note: string | null;
}
