import type { AnymarketAccountsReport, CheckSectionFailure, ContractReport, WebhooksReport } from '../system/index.js';

/** `npm run doctor`'s exit codes: everything passes; something fails; the documents could not be checked at all. */
export const DOCTOR_EXIT = { ok: 0, failed: 1, unchecked: 2 } as const;

/** What the doctor exits with for this report. */
export function doctorExitCode(report: ContractReport): number {
  if (report.error) return DOCTOR_EXIT.unchecked;
  return report.ok ? DOCTOR_EXIT.ok : DOCTOR_EXIT.failed;
}

const MAX_CELL = 70;

/** A plain-text table: a header row, a rule, then the rows; cells cut at MAX_CELL characters. */
export function table(header: string[], rows: string[][]): string {
  const cut = (cell: string) => (cell.length > MAX_CELL ? `${cell.slice(0, MAX_CELL - 1)}…` : cell);
  const cells = [header, ...rows].map((row) => row.map(cut));
  const widths = header.map((_, column) => Math.max(...cells.map((row) => row[column]?.length ?? 0)));
  const line = (row: string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]))
      .join(' | ')
      .trimEnd();
  return [line(cells[0]), widths.map((width) => '-'.repeat(width)).join('-|-'), ...cells.slice(1).map(line)].join('\n');
}

/** The report as `npm run doctor` prints it: the documents' table, the features off, then the two other sections. */
export function renderDoctorReport(report: ContractReport, options: { simulatorUrl?: string } = {}): string {
  const out: string[] = [];
  out.push(
    `Marketplacer: ${report.endpoint}${report.demoMode ? ` (DEMO MODE: the bundled simulator${options.simulatorUrl ? ` at ${options.simulatorUrl}` : ''})` : ''}`,
  );
  out.push('');
  out.push(...documentsSection(report, options));
  out.push('');
  out.push(...accountsSection(report.anymarketAccounts));
  out.push('');
  out.push(...webhooksSection(report.marketplacerWebhooks));
  out.push('');
  out.push(`${report.ok ? 'OK' : 'FAIL'}: ${verdictLine(report)}`);
  return `${out.join('\n')}\n`;
}

function documentsSection(report: ContractReport, options: { simulatorUrl?: string }): string[] {
  if (report.error) {
    const lines = [`Operation documents: NOT CHECKED (${report.error.code}): ${report.error.message}`];
    const unreachable = ['MARKETPLACER_UNAVAILABLE', 'MARKETPLACER_TIMEOUT'].includes(report.error.code);
    if (report.demoMode && unreachable) {
      lines.push(
        `The simulator does not answer${options.simulatorUrl ? ` at ${options.simulatorUrl}` : ''}: in demo mode it must be running (npm start, or npm run start:simulator), or set MARKETPLACER_API_URL for a real instance.`,
      );
    } else if (unreachable) {
      lines.push(`Marketplacer does not answer at ${report.endpoint}: check MARKETPLACER_API_URL and the network.`);
    }
    return lines;
  }
  const { summary } = report;
  const how = report.method === 'probes' ? `probes (introspection refused: ${report.introspectionRefused ?? 'no reason given'})` : 'introspection';
  const lines = [
    `Operation documents (${how}): ${summary.ok} ok, ${summary.failed} failed, ${summary.notChecked} not checked, of ${summary.documents}`,
    table(
      ['document', 'ok/FAIL', 'problem', 'features'],
      report.documents.map((document) => [
        document.operation,
        document.status === 'ok' ? 'ok' : document.status === 'failed' ? 'FAIL' : 'not checked',
        document.status === 'failed' ? document.problems.map((problem) => problem.name).join(', ') : (document.note ?? ''),
        `${document.features.join(', ')}${document.detail ? ' (detail)' : ''}`,
      ]),
    ),
  ];
  for (const document of report.documents.filter((each) => each.status === 'failed')) {
    for (const problem of document.problems) lines.push(`  ${document.operation}: ${problem.name} (${problem.kind}): ${problem.message}`);
  }
  if (report.featuresOff.length) {
    lines.push('', 'Features off:');
    for (const off of report.featuresOff) lines.push(`  ${off.feature}${off.detail ? ' (a detail)' : ''}: ${off.description}. ${off.reason}`);
  }
  return lines;
}

function isFailure(section: object): section is CheckSectionFailure {
  return 'error' in section && !('checkedAt' in section);
}

function accountsSection(section: AnymarketAccountsReport | CheckSectionFailure): string[] {
  if (isFailure(section)) return [`ANYMARKET accounts: FAIL (${section.error.code}): ${section.error.message}`];
  const counts = Object.entries(section.counts)
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${count} ${status}`);
  const lines = [
    `ANYMARKET accounts (${section.call}): ${section.ok ? 'ok' : 'FAIL'}, ${section.accounts.length} active${counts.length ? `: ${counts.join(', ')}` : ''}`,
  ];
  const notOk = section.accounts.filter((account) => account.status !== 'ok');
  if (notOk.length) {
    lines.push(
      table(
        ['account', 'idAccount', 'status', 'message'],
        notOk.map((account) => [String(account.accountId), account.idAccount ?? '', account.status, account.message ?? '']),
      ),
    );
  }
  if (section.note) lines.push(`  ${section.note}`);
  return lines;
}

function webhooksSection(section: WebhooksReport | CheckSectionFailure): string[] {
  if (isFailure(section)) return [`Marketplacer webhooks: FAIL (${section.error.code}): ${section.error.message}`];
  if (section.error) return [`Marketplacer webhooks: FAIL (${section.error.code}): ${section.error.message}`];
  const lines = [`Marketplacer webhooks to ${section.url}: ${section.ok ? 'ok' : 'FAIL'}`];
  lines.push(
    table(
      ['type', 'webhook', 'ok/FAIL', 'problem'],
      section.types.map((type) => [type.handledType, type.webhookType ?? '-', type.ok ? 'ok' : 'FAIL', type.problems.join('; ') || (type.note ?? '')]),
    ),
  );
  if (!section.ok) lines.push("  POST /admin/system/contract/webhooks/repair registers the missing ones and fixes the connector's own.");
  return lines;
}

function verdictLine(report: ContractReport): string {
  if (report.error) return 'the operation documents could not be checked';
  const failing: string[] = [];
  if (report.summary.failed) failing.push(`${report.summary.failed} document(s) refused by the live schema`);
  if (!report.anymarketAccounts.ok) failing.push('ANYMARKET accounts');
  if (!report.marketplacerWebhooks.ok) failing.push('Marketplacer webhooks');
  return failing.length ? `failing: ${failing.join('; ')}` : 'every check passes';
}
