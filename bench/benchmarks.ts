import { run as activation } from './activation.bench.js';
import { run as advertsPoll } from './adverts-poll.bench.js';
import { run as fairness } from './fairness.bench.js';
import { run as guardedRemote } from './guarded-remote.bench.js';
import { run as marketplacerPaging } from './marketplacer-paging.bench.js';
import { run as observability } from './observability.bench.js';
import { run as reconciliation } from './reconciliation.bench.js';
import { run as orders } from './orders.bench.js';
import { run as quick } from './quick.bench.js';
import { run as replicas } from './replicas.bench.js';
import { run as simulatorSeed } from './simulator-seed.bench.js';
import { run as startup } from './startup.bench.js';
import { run as webhooks } from './webhooks.bench.js';

/** Every benchmark by name; each prints its own table. */
export const BENCHMARKS: Record<string, () => Promise<void>> = {
  activation,
  'adverts-poll': advertsPoll,
  fairness,
  'guarded-remote': guardedRemote,
  'marketplacer-paging': marketplacerPaging,
  observability,
  reconciliation,
  orders,
  quick,
  replicas,
  'simulator-seed': simulatorSeed,
  startup,
  webhooks,
};
