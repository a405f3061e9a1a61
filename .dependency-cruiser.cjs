/**
 * The import rules of STYLE.md §3, checked by `npm run deps:check`.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'domain/ imports only itself: no npm packages, no Node built-ins, nothing from functions/, infra/ or test/.',
      severity: 'error',
      from: { path: '^domain/' },
      to: { pathNot: '^domain/' },
    },
    {
      name: 'domain-via-index-only',
      comment:
        'Outside domain/ and its unit tests, the domain is used through its public index (@hearth/domain).',
      severity: 'error',
      from: { pathNot: ['^domain/', '^test/unit/domain/'] },
      to: { path: '^domain/', pathNot: '^domain/index\\.ts$' },
    },
    {
      name: 'domain-tests-stay-on-domain',
      comment: 'Domain unit tests import only domain/ (and test libraries).',
      severity: 'error',
      from: { path: '^test/unit/domain/' },
      to: { path: '^(functions|infra)/' },
    },
    {
      name: 'functions-never-import-infra',
      severity: 'error',
      from: { path: '^functions/' },
      to: { path: '^(infra|test)/' },
    },
    {
      name: 'functions-never-import-each-other',
      comment:
        'A function folder may import functions/shared/ but never another function folder.',
      severity: 'error',
      from: { path: '^functions/([^/]+)/', pathNot: '^functions/shared/' },
      to: {
        path: '^functions/',
        pathNot: ['^functions/$1/', '^functions/shared/'],
      },
    },
    {
      name: 'shared-never-imports-a-function',
      severity: 'error',
      from: { path: '^functions/shared/' },
      to: { path: '^functions/', pathNot: '^functions/shared/' },
    },
    {
      name: 'infra-imports-only-dependency-free-shared-files',
      comment:
        'infra/ references handlers by path string; it may import only functions/shared/table.ts and env-keys.ts.',
      severity: 'error',
      from: { path: '^infra/' },
      to: {
        path: '^functions/',
        pathNot: '^functions/shared/(table|env-keys)\\.ts$',
      },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment:
        'Type-only imports of @types packages (aws-lambda) have no module to resolve.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: '^aws-lambda$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Browser assets import by their served path, not a module path.
    exclude: {
      path: '(^|/)(coverage|\\.tsbuild|cdk\\.out|dist)/|^functions/shared/pages/assets/',
    },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
    },
  },
};
