import type { ContractReport } from '../system/contract/contract-check.service.js';
import { doctorExitCode, renderDoctorReport, table } from './doctor-report.js';

const CLEAN: ContractReport = {
  trigger: 'doctor',
  startedAt: '2026-12-08T10:00:00.000Z',
  checkedAt: '2026-12-08T10:00:01.000Z',
  durationMs: 1000,
  endpoint: 'https://marketplace.example.com/graphql',
  demoMode: false,
  ok: true,
  method: 'introspection',
  introspectionRefused: null,
  principal: null,
  error: null,
  summary: { documents: 2, ok: 2, failed: 0, notChecked: 0 },
  documents: [
    { operation: 'Brands', kind: 'query', status: 'ok', problems: [], features: ['taxonomy.copy'], detail: false, note: null },
    { operation: 'InvoiceLineTotals', kind: 'query', status: 'ok', problems: [], features: ['orders.line-totals'], detail: true, note: null },
  ],
  featuresOff: [],
  anymarketAccounts: {
    ok: true,
    checkedAt: '2026-12-08T10:00:01.000Z',
    call: 'GET /configuration',
    counts: { ok: 1, refused: 0, 'no-token': 0, unreachable: 0, failed: 0 },
    accounts: [],
    note: null,
  },
  marketplacerWebhooks: {
    ok: true,
    checkedAt: '',
    url: 'https://c.example/webhooks/marketplacer',
    hmacKeyConfigured: true,
    types: [],
    unhandled: [],
    elsewhere: [],
    error: null,
  },
};

const PROBLEM = { kind: 'field' as const, name: 'LineItem.totalCents', message: 'Cannot query field "totalCents" on type "LineItem".' };
const FAILING: ContractReport = {
  ...CLEAN,
  ok: false,
  summary: { documents: 2, ok: 1, failed: 1, notChecked: 0 },
  documents: [CLEAN.documents[0], { ...CLEAN.documents[1], status: 'failed', problems: [PROBLEM] }],
  featuresOff: [
    {
      feature: 'orders.line-totals',
      description: "Per-line totals including the line's postage, shown to operators",
      documents: [{ operation: 'InvoiceLineTotals', problems: [`LineItem.totalCents: ${PROBLEM.message}`] }],
      detail: true,
      reason: `Marketplacer's schema refuses InvoiceLineTotals (LineItem.totalCents: ${PROBLEM.message})`,
    },
  ],
};

describe('npm run doctor: what it prints and exits with', () => {
  it('prints one row per document and exits 0 when everything passes', () => {
    const text = renderDoctorReport(CLEAN);
    expect(text).toContain('document          | ok/FAIL | problem | features');
    expect(text).toContain('Brands            | ok      |         | taxonomy.copy');
    expect(text).toContain('ANYMARKET accounts (GET /configuration): ok, 0 active: 1 ok');
    expect(text.trimEnd().endsWith('OK: every check passes')).toBe(true);
    expect(doctorExitCode(CLEAN)).toBe(0);
  });

  it('names the failing field and the features off, and exits 1', () => {
    const text = renderDoctorReport(FAILING);
    expect(text).toContain('InvoiceLineTotals | FAIL    | LineItem.totalCents | orders.line-totals (detail)');
    expect(text).toContain('orders.line-totals (a detail):');
    expect(text).toContain('FAIL: failing: 1 document(s) refused by the live schema');
    expect(doctorExitCode(FAILING)).toBe(1);
  });

  it('says the simulator must run when, in demo mode, it does not answer, and exits 2', () => {
    const unreachable: ContractReport = {
      ...CLEAN,
      demoMode: true,
      ok: false,
      method: null,
      documents: [],
      error: { code: 'MARKETPLACER_UNAVAILABLE', message: 'Marketplacer request IntrospectionQuery failed (fetch failed)' },
    };
    const text = renderDoctorReport(unreachable, { simulatorUrl: 'http://127.0.0.1:3001' });
    expect(text).toContain('The simulator does not answer at http://127.0.0.1:3001: in demo mode it must be running');
    expect(doctorExitCode(unreachable)).toBe(2);
  });

  it('reports a section whose check threw', () => {
    const text = renderDoctorReport({ ...CLEAN, ok: false, anymarketAccounts: { ok: false, error: { code: 'QUERY_FAILED', message: 'no such table' } } });
    expect(text).toContain('ANYMARKET accounts: FAIL (QUERY_FAILED): no such table');
  });

  it('draws a table with a rule and cuts long cells', () => {
    expect(table(['a', 'b'], [['x'.repeat(80), 'y']]).split('\n')[2]).toBe(`${'x'.repeat(69)}… | y`);
  });
});
