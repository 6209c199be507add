import type { AdminCredentialSource } from '#common';

export interface StartupFacts {
  baseUrl: string;
  demoMode: boolean;
  simulatorUrl: string;
  database: string;
  admin: AdminCredentialSource;
}

/**
 * The few lines a person starting the connector needs, printed last (after the JSON logs of the
 * start): where Swagger UI is, the admin credential, and the next command to type.
 */
export function startupBanner(facts: StartupFacts): string {
  const { baseUrl, admin } = facts;
  const rows: Array<[string, string]> = [
    ['Swagger UI', `${baseUrl}/docs   (Authorize → admin: the admin token)`],
    ['Database', facts.database],
  ];
  if (admin.kind === 'configured') rows.push(['Admin token', 'the ADMIN_TOKEN you set']);
  else if (admin.kind === 'demo-file') rows.push(['Admin token', `${admin.token}   (kept in ${admin.file})`]);
  else rows.push(['Admin token', `${admin.token}   (this run only: set ADMIN_TOKEN to keep one)`]);
  const bearer = admin.kind === 'demo-file' ? `$(cat ${admin.file})` : admin.kind === 'generated' ? admin.token : '$ADMIN_TOKEN';
  rows.push(['Try', `curl -s ${baseUrl}/admin/system -H "Authorization: Bearer ${bearer}"`]);
  if (facts.demoMode) {
    rows.push(['Remote token', 'npm run --silent remote-caller -- token   (an x-anymarket-token for Swagger and curl)']);
    rows.push(['Walk-through', 'README.md, "Try it: the demo walk-through"']);
  }
  const title = facts.demoMode ? `Connector ready, in DEMO MODE: Marketplacer and ANYMARKET are the simulator at ${facts.simulatorUrl}` : 'Connector ready';
  const width = Math.max(...rows.map(([label]) => label.length));
  const rule = '─'.repeat(78);
  return ['', rule, ` ${title}`, ...rows.map(([label, value]) => `   ${label.padEnd(width)}   ${value}`), rule, ''].join('\n') + '\n';
}
