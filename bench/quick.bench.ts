import { quick as orders } from './orders.bench.js';
import { quick as replicas } from './replicas.bench.js';
import { printSummary } from './support/summary.js';
import { printTable } from './support/table.js';
import { quick as webhooks } from './webhooks.bench.js';

/**
 * `npm run bench -- quick` (a few minutes): the headline ratios of the long benchmarks from short
 * runs of each: one seller's orders against ANYMARKET's 10/s per token, three replicas against
 * Marketplacer's 750 per 10 s, the webhook receiver against a bare endpoint on SQLite and Postgres.
 * Each figure beside its target; the last line is `summary quick {...}`.
 */
export async function run(): Promise<void> {
  const started = Date.now();
  const progress = (message: string) => process.stderr.write(`[quick] ${message}\n`);
  const ordersFigures = await orders();
  progress(`orders: ${JSON.stringify(ordersFigures)}`);
  const replicasFigures = await replicas();
  progress(`replicas: ${JSON.stringify(replicasFigures)}`);
  const figures = { orders: ordersFigures, replicas: replicasFigures, webhooks: await webhooks() };
  printTable('Quick: headline ratios from short runs', [
    { benchmark: 'orders', figure: 'orders/s per token / limit', value: figures.orders.ratioToLimit, target: '≥ 0.95' },
    { benchmark: 'orders', figure: 'ANYMARKET 429s', value: figures.orders.calls429, target: '0' },
    { benchmark: 'replicas', figure: 'busiest 10 s / Marketplacer budget', value: figures.replicas.budgetShare, target: '≥ 0.95' },
    { benchmark: 'replicas', figure: 'Marketplacer 429s', value: figures.replicas.calls429, target: '0' },
    { benchmark: 'webhooks', figure: 'receiver / bare endpoint, SQLite', value: figures.webhooks.receiverRatioSqlite, target: '≥ 0.5' },
    { benchmark: 'webhooks', figure: 'receiver / bare endpoint, Postgres', value: figures.webhooks.receiverRatioPostgres, target: '≥ 0.5' },
  ]);
  printSummary('quick', {
    ordersRatioToLimit: figures.orders.ratioToLimit,
    ordersCalls429: figures.orders.calls429,
    replicasBudgetShare: figures.replicas.budgetShare,
    replicasCalls429: figures.replicas.calls429,
    receiverRatioSqlite: figures.webhooks.receiverRatioSqlite,
    receiverRatioPostgres: figures.webhooks.receiverRatioPostgres,
    seconds: (Date.now() - started) / 1000,
    targets: {
      ordersRatioToLimit: 0.95,
      ordersCalls429: 0,
      replicasBudgetShare: 0.95,
      replicasCalls429: 0,
      receiverRatioSqlite: 0.5,
      receiverRatioPostgres: 0.5,
      seconds: 300,
    },
  });
}
