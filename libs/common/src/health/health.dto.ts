import { ApiProperty } from '@nestjs/swagger';

export class LivenessDto {
  @ApiProperty({ enum: ['ok'], description: 'Always `ok`: the process answers HTTP' }) status: 'ok';
}

export class HealthDegradationDto {
  @ApiProperty({
    example: 'remote.marketplacer',
    description: 'What is impaired: `remote.<marketplacer|anymarket>`, `feed.<sync job>`, `feature.<contract feature>`',
  })
  component: string;

  @ApiProperty({
    example:
      'Marketplacer: HTTP 503 on AdvertsUpdatedSince, 3 failures in a row since 2026-01-01T19:20:01Z; last success 2026-01-01T19:19:00Z; circuit open: calls fail fast until a probe succeeds',
    description: 'Why, in one line',
  })
  reason: string;
}

/** What one indicator said: `status` and what it looked at. */
const INDICATORS = {
  type: 'object' as const,
  additionalProperties: {
    type: 'object' as const,
    required: ['status'],
    properties: { status: { type: 'string' as const, enum: ['up', 'degraded', 'down'] } },
    additionalProperties: true,
  },
};

const UP_EXAMPLE = {
  database: { status: 'up', responseTime: 1 },
  migrations: { status: 'up', pending: false },
  contract: { status: 'up', featuresOff: [], reasons: [] },
};

export class ReadinessDto {
  @ApiProperty({
    enum: ['ok', 'degraded', 'error', 'shutting_down'],
    description:
      '`ok` (200): ready. `degraded` (200): ready, serving, but what `degraded` names is impaired. `error` (503): not ready, the database does not ' +
      'answer or committed migrations are not applied yet. `shutting_down` (503): the process is stopping',
  })
  status: 'ok' | 'degraded' | 'error' | 'shutting_down';

  @ApiProperty({ type: [HealthDegradationDto], description: 'Each impaired component and why; empty while `ok`' })
  degraded: HealthDegradationDto[];

  @ApiProperty({ ...INDICATORS, example: UP_EXAMPLE, description: "terminus' indicators that are `up` or `degraded`" })
  info?: Record<string, unknown>;

  @ApiProperty({
    ...INDICATORS,
    example: { database: { status: 'down', message: 'timeout of 2000ms exceeded', responseTime: 2001 } },
    description: "terminus' indicators that are `down` (the database, the migrations)",
  })
  error?: Record<string, unknown>;

  @ApiProperty({ ...INDICATORS, example: UP_EXAMPLE, description: 'Every indicator: `database`, `migrations`, `remotes`, `feeds`, `contract`' })
  details: Record<string, unknown>;
}
