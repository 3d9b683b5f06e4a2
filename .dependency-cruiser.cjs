// The layering of docs/ARCHITECTURE.md as rules, checked by `npm run lint:deps` (in .ci/run before the tests).
// A module imports only modules in layers below its own; modules in one layer do not import each other.
// Tests (*.test.ts) are leaves: they may assemble what they need from any layer (the server, demo data), and
// nothing imports them. No known exceptions: every climbing import fails (a lower module needing a higher one
// declares a port that the higher one implements, docs/ARCHITECTURE.md).

/** Top to bottom: each entry is one layer, its modules being folders of src/. */
const LAYERS = [
  ['app'],
  ['oversight'],
  ['gazette', 'decisions'],
  ['watch'],
  ['duty'],
  ['publish'],
  ['secrecy'],
  ['dictionaries'],
  ['org'],
  ['checks', 'platform'],
];

const folder = (names) => `^src/(${names.join('|')})/`;
const NOT_TEST = '\\.test\\.ts$';

const layerRules = LAYERS.flatMap((layer, i) => {
  const above = LAYERS.slice(0, i).flat();
  return layer.map((module) => ({
    name: `layer-${module}`,
    comment: `${module} sits below ${above.join(', ') || 'nothing'}; it may import only lower layers.`,
    severity: 'error',
    from: { path: folder([module]), pathNot: NOT_TEST },
    to: { path: folder([...above, ...layer.filter((m) => m !== module)]) },
  }));
}).filter((rule) => rule.name !== 'layer-app');

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'checks-pure',
      comment: 'checks is the pure proofreading engine: no module of ours, no database, no network.',
      severity: 'error',
      from: { path: folder(['checks']), pathNot: NOT_TEST },
      to: { path: '^src/(?!checks/)' },
    },
    {
      name: 'not-to-test',
      comment: 'Code never imports a test file.',
      severity: 'error',
      from: { pathNot: NOT_TEST },
      to: { path: NOT_TEST },
    },
  ],
  options: {
    includeOnly: '^src/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
