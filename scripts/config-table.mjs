#!/usr/bin/env node
// Prints the configuration table for the README from the variables the built apps declare:
// `npm run build && node scripts/config-table.mjs`. A test checks the README lists every one.
const { connectorConfigShape } = await import('../dist/apps/connector/src/config/connector.config.js');
const { simulatorConfigShape } = await import('../dist/apps/simulator/src/config/simulator.config.js');

const rows = new Map();
for (const [app, shape] of [
  ['connector', connectorConfigShape],
  ['simulator', simulatorConfigShape],
]) {
  for (const variable of Object.values(shape)) {
    const row = rows.get(variable.name) ?? { variable, apps: [] };
    row.apps.push(app);
    rows.set(variable.name, row);
  }
}
console.log('| variable | used by | default | meaning |');
console.log('|---|---|---|---|');
for (const { variable, apps } of rows.values()) {
  console.log(`| \`${variable.name}\` | ${apps.join(', ')} | ${variable.defaultLabel} | ${variable.description} |`);
}
