import type { Response } from 'express';
import type { DatabaseProbe } from './database-probe.js';
import { HealthContributor, type HealthFeatureOff } from './health-contributor.js';
import { HealthController } from './health.controller.js';

class FixedContributor extends HealthContributor {
  constructor(public featuresOff: HealthFeatureOff[] = []) {
    super();
  }

  contribute() {
    return { featuresOff: this.featuresOff };
  }
}

const OFF: HealthFeatureOff = { feature: 'orders.feed', reason: "Marketplacer's schema refuses InvoicesUpdatedSince (Invoice.shippingCostCents: …)" };

/** The readiness answer and the status it was given (200 unless set). */
async function readiness(databaseUp: boolean, contributor?: HealthContributor) {
  let status = 200;
  const res = { status: (code: number) => (status = code) } as unknown as Response;
  const database = { isUp: async () => databaseUp } as DatabaseProbe;
  const body = await new HealthController(database, contributor).check(res);
  return { status, body };
}

describe('GET /health with a HealthContributor', () => {
  it('is ok without a contributor (an app that provides none)', async () => {
    expect(await readiness(true)).toEqual({ status: 200, body: { status: 'ok', database: 'up' } });
  });

  it('is ok while the contributor reports nothing off', async () => {
    expect(await readiness(true, new FixedContributor())).toEqual({ status: 200, body: { status: 'ok', database: 'up' } });
  });

  it('is degraded, still 200, naming each feature off and why', async () => {
    expect(await readiness(true, new FixedContributor([OFF]))).toEqual({ status: 200, body: { status: 'degraded', database: 'up', featuresOff: [OFF] } });
  });

  it('is 503 when the database is down, degraded or not', async () => {
    expect(await readiness(false, new FixedContributor())).toEqual({ status: 503, body: { status: 'error', database: 'down' } });
    expect(await readiness(false, new FixedContributor([OFF]))).toEqual({ status: 503, body: { status: 'error', database: 'down', featuresOff: [OFF] } });
  });
});
