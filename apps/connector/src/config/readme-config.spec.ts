import { readFileSync } from 'node:fs';
import { simulatorConfigShape } from '../../../simulator/src/config/simulator.config.js';
import { connectorConfigShape } from './connector.config.js';

describe('README configuration table', () => {
  const readme = readFileSync('README.md', 'utf8');
  const rows = new Map(
    readme
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) => [line.split('|')[1].trim().replaceAll('`', ''), line] as const),
  );

  it.each([...Object.values(connectorConfigShape), ...Object.values(simulatorConfigShape)].map((v) => [v.name, v]))(
    'lists %s with its default',
    (_name, variable) => {
      const row = rows.get(variable.name);
      expect(row).toBeDefined();
      expect(row).toContain(variable.defaultLabel);
    },
  );
});
