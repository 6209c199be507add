import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import type { ContractProblem, DocumentCheck, FeatureOff } from '#marketplacer';
import type { CheckSectionFailure, ContractCheckTrigger, ContractReport } from '../contract-check.service.js';
import { AnymarketAccountsReportDto, CheckErrorDto, WebhooksReportDto } from './contract-checks.dto.js';

const TRIGGERS: ContractCheckTrigger[] = ['start', 'schedule', 'admin', 'doctor'];

export class ContractProblemDto implements ContractProblem {
  @ApiProperty({ enum: ['field', 'argument', 'type', 'other'], example: 'field' }) kind: ContractProblem['kind'];
  @ApiProperty({
    description: 'What fails: `Type.field`, `Type.field(argument)`, a type name (or `Enum.VALUE`)',
    example: 'LineItem.totalCents',
  })
  name: string;
  @ApiProperty({ description: 'As the live schema worded it', example: 'Cannot query field "totalCents" on type "LineItem".' }) message: string;
}

export class DocumentCheckDto implements DocumentCheck {
  @ApiProperty({ example: 'InvoiceLineTotals' }) operation: string;
  @ApiProperty({ enum: ['query', 'mutation'], example: 'query' }) kind: 'query' | 'mutation';
  @ApiProperty({
    enum: ['ok', 'failed', 'not-checked'],
    description: '`not-checked`: introspection was refused and it is a mutation (never sent to check it), or its probe could not tell',
    example: 'failed',
  })
  status: DocumentCheck['status'];
  @ApiProperty({ type: [ContractProblemDto], description: 'Empty unless failed' }) problems: ContractProblemDto[];
  @ApiProperty({ type: [String], description: 'The features that need it (off while it fails)', example: ['orders.line-totals'] }) features: string[];
  @ApiProperty({ description: 'An optional detail: refused, it is left out and its feed runs without it', example: true }) detail: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Why it was not checked', example: null }) note: string | null;
}

export class FeatureOffDocumentDto {
  @ApiProperty({ example: 'InvoiceLineTotals' }) operation: string;
  @ApiProperty({ type: [String], example: ['LineItem.totalCents: Cannot query field "totalCents" on type "LineItem".'] }) problems: string[];
}

export class FeatureOffDto implements FeatureOff {
  @ApiProperty({ example: 'orders.line-totals' }) feature: string;
  @ApiProperty({ example: "Per-line totals including the line's postage, shown to operators" }) description: string;
  @ApiProperty({ type: [FeatureOffDocumentDto], description: 'The refused documents it needs' }) documents: FeatureOffDocumentDto[];
  @ApiProperty({ description: 'Only optional details are left out', example: true }) detail: boolean;
  @ApiProperty({ example: `Marketplacer's schema refuses InvoiceLineTotals (LineItem.totalCents: Cannot query field "totalCents" on type "LineItem".)` })
  reason: string;
}

export class ContractPrincipalDto {
  @ApiProperty({ type: String, nullable: true, example: 'Connector' }) name: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'connector' }) username: string | null;
}

export class ContractSummaryDto {
  @ApiProperty({ example: 49 }) documents: number;
  @ApiProperty({ example: 48 }) ok: number;
  @ApiProperty({ example: 1 }) failed: number;
  @ApiProperty({ example: 0 }) notChecked: number;
}

export class CheckSectionFailureDto implements CheckSectionFailure {
  @ApiProperty({ enum: [false], example: false }) ok: false;
  @ApiProperty({ type: CheckErrorDto, description: 'Why this section has no report' }) error: CheckErrorDto;
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const sectionOf = (report: Function) => ({
  oneOf: [{ $ref: getSchemaPath(report) }, { $ref: getSchemaPath(CheckSectionFailureDto) }],
});

@ApiExtraModels(AnymarketAccountsReportDto, WebhooksReportDto, CheckSectionFailureDto)
export class ContractReportDto implements ContractReport {
  @ApiProperty({ enum: TRIGGERS, example: 'admin' }) trigger: ContractCheckTrigger;
  @ApiProperty({ example: '2026-12-08T10:00:00.000Z' }) startedAt: string;
  @ApiProperty({ description: 'When it ended', example: '2026-12-08T10:00:01.250Z' }) checkedAt: string;
  @ApiProperty({ example: 1250 }) durationMs: number;
  @ApiProperty({ description: 'The Operator API endpoint checked', example: 'https://marketplace.example.com/graphql' }) endpoint: string;
  @ApiProperty({ description: 'The bundled simulator stands in for Marketplacer and ANYMARKET', example: false }) demoMode: boolean;
  @ApiProperty({ description: 'No document failed, the documents could be checked, and both sections are ok', example: false }) ok: boolean;
  @ApiProperty({
    enum: ['introspection', 'probes'],
    nullable: true,
    description:
      '`introspection`: every document validated against the introspected schema; `probes`: introspection refused, each read sent with harmless arguments; null: not run (see error)',
    example: 'introspection',
  })
  method: ContractReport['method'];
  @ApiProperty({ type: String, nullable: true, description: 'Why introspection was refused, when probes stood in for it', example: null })
  introspectionRefused: string | null;
  @ApiProperty({ type: ContractPrincipalDto, nullable: true, description: 'Who the API key belongs to' }) principal: ContractPrincipalDto | null;
  @ApiProperty({
    type: CheckErrorDto,
    nullable: true,
    description: 'Why the documents could not be checked (Marketplacer unreachable, the key refused); what was known before stays in force',
    example: null,
  })
  error: CheckErrorDto | null;
  @ApiProperty({ type: ContractSummaryDto }) summary: ContractSummaryDto;
  @ApiProperty({ type: [DocumentCheckDto], description: 'Every operation document the connector can send' }) documents: DocumentCheckDto[];
  @ApiProperty({ type: [FeatureOffDto], description: 'Every feature off now, and why (also in GET /health)' }) featuresOff: FeatureOffDto[];
  @ApiProperty({ ...sectionOf(AnymarketAccountsReportDto), description: "The ANYMARKET accounts' tokens (GET /admin/system/contract/anymarket-accounts)" })
  anymarketAccounts: AnymarketAccountsReportDto | CheckSectionFailureDto;
  @ApiProperty({ ...sectionOf(WebhooksReportDto), description: "Marketplacer's webhooks to this connector (GET /admin/system/contract/webhooks)" })
  marketplacerWebhooks: WebhooksReportDto | CheckSectionFailureDto;
}
