// The house's import boundaries (ADR 0018), kept by the linter rather than by review:
// - a library (libs/*) never imports an app or the test tier;
// - a context (apps/connector/src/<context>/) is reached from outside only through its entry file
//   `<context>/index.ts`; its other files are its internals;
// - contexts and the shared floor below them (http/, the connector's top-level tokens) never import
//   the composition floor (app.module, bootstrap, main, config/, database/, doctor/), which wires them;
// - the shared floor imports no context;
// - the connector's code (tests aside) never imports the simulator nor test support.
// Tests (specs, integration specs, e2e and test support) may reach anything: they are outside the house.
import { dirname, relative, resolve, sep } from 'node:path';

const ROOT = dirname(dirname(new URL(import.meta.url).pathname));
const CONNECTOR = resolve(ROOT, 'apps/connector/src');
const SIMULATOR = resolve(ROOT, 'apps/simulator');
const APPS = resolve(ROOT, 'apps');
const TEST_TIER = resolve(ROOT, 'test');

/** The connector's bounded contexts: one folder each, one entry file each. */
export const CONTEXTS = [
  'accounts',
  'audit',
  'categorization',
  'console',
  'marketplacer-operator',
  'orders',
  'products',
  'sellers',
  'shipments',
  'sync',
  'system',
  'webhooks',
  'work',
];

/** The floor that wires the contexts together: folders and top-level files of apps/connector/src. */
const COMPOSITION_FOLDERS = ['config', 'database', 'doctor'];
const COMPOSITION_FILES = ['app.module.ts', 'bootstrap.ts', 'main.ts'];

const isTestFile = (file) => /\.(spec|integration-spec|e2e-spec)\.ts$/.test(file) || file.split(sep).includes('testing') || file.startsWith(TEST_TIER + sep);

/** Where a file of apps/connector/src lives: a context, the composition floor or the shared floor. */
function placeOf(file) {
  if (!file.startsWith(CONNECTOR + sep)) return null;
  const parts = relative(CONNECTOR, file).split(sep);
  if (parts.length === 1) return COMPOSITION_FILES.includes(parts[0]) ? { floor: 'composition' } : { floor: 'shared' };
  if (CONTEXTS.includes(parts[0])) return { floor: 'context', context: parts[0], entry: parts.length === 2 && parts[1] === 'index.ts' };
  if (COMPOSITION_FOLDERS.includes(parts[0])) return { floor: 'composition' };
  return { floor: 'shared' };
}

/** The file an import names, or null for packages and the #libs aliases (both are libraries). */
function targetOf(importer, specifier) {
  if (specifier.startsWith('#test-support')) return TEST_TIER + sep + 'support';
  if (!specifier.startsWith('.')) return null;
  return resolve(dirname(importer), specifier).replace(/\.js$/, '.ts');
}

function problemOf(importer, target) {
  const inLibs = importer.startsWith(resolve(ROOT, 'libs') + sep);
  if (inLibs && (target.startsWith(APPS + sep) || target.startsWith(TEST_TIER + sep))) return 'a library imports an app or the test tier';
  if (!importer.startsWith(CONNECTOR + sep)) return null;
  if (target.startsWith(SIMULATOR + sep)) return 'the connector imports the simulator';
  if (target.startsWith(TEST_TIER + sep)) return 'the connector imports test support';
  const from = placeOf(importer);
  const to = placeOf(target);
  if (!to) return null;
  if (to.floor === 'composition' && from.floor !== 'composition')
    return 'a context or the shared floor imports the composition floor (config, database, app module)';
  if (to.floor === 'context' && from.floor === 'shared') return `the shared floor imports the context "${to.context}"`;
  if (to.floor === 'context' && from.context !== to.context && !to.entry)
    return `imports an internal file of the context "${to.context}"; import "${to.context}/index.js"`;
  return null;
}

const importBoundaries = {
  meta: { type: 'problem', docs: { description: "the house's import boundaries (ADR 0018)" }, schema: [], messages: { crossed: '{{problem}}' } },
  create(context) {
    const file = context.filename;
    if (isTestFile(file)) return {};
    const check = (node) => {
      const specifier = node.source && typeof node.source.value === 'string' ? node.source.value : null;
      if (!specifier) return;
      const target = targetOf(file, specifier);
      const problem = target && problemOf(file, target);
      if (problem) context.report({ node: node.source, messageId: 'crossed', data: { problem } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

export default { rules: { 'import-boundaries': importBoundaries } };
