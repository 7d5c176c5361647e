// ESLint flat config: typescript-eslint recommended everywhere, plus the house boundaries from
// DESIGN.md section 4: domain/ is pure, botbuilder lives only in bot/src/teams/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const IO_MODULES = [
  'fs',
  'http',
  'https',
  'net',
  'dgram',
  'child_process',
  'worker_threads',
  'cluster',
  'dns',
  'tls',
  'os',
  'process',
].flatMap((m) => [m, `node:${m}`, `${m}/*`, `node:${m}/*`]);

// AsyncLocalStorage (and any async hook) turns on Node's promise hooks for the whole process: every await then pays,
// a side-panel poll by about a third. Context such as a correlation id is passed, never kept in async context.
const NO_ASYNC_CONTEXT = ['async_hooks', 'node:async_hooks'].map((name) => ({
  name,
  message: 'No async context in the service: pass the value (see bot/src/teams/turnLogger.ts).',
}));

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'tab/dist/',
      '.data/',
      'appPackage/build/',
      'tests/artifacts/',
      'bench/results/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        Buffer: 'readonly',
        fetch: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        window: 'readonly',
        document: 'readonly',
        structuredClone: 'readonly',
        performance: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // Prettier formats to 120 columns; it leaves comments and long literals alone, so this holds them.
      'max-len': [
        'error',
        { code: 120, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'botbuilder', message: 'botbuilder is imported only under bot/src/teams/ (DESIGN.md section 4).' },
            ...NO_ASYNC_CONTEXT,
          ],
          patterns: [
            {
              group: ['botbuilder-*', 'botframework-*'],
              message: 'Bot Framework packages are imported only under bot/src/teams/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['bot/src/teams/**'],
    rules: { 'no-restricted-imports': ['error', { paths: NO_ASYNC_CONTEXT }] },
  },
  {
    files: ['tests/**', 'bench/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['bot/src/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: IO_MODULES.map((name) => ({ name, message: 'domain/ is pure: no I/O modules.' })),
          patterns: [
            { group: ['../../*', '../../**', '!../../domain/**'], message: 'domain/ imports nothing outside domain/.' },
            {
              group: [
                '../app/*',
                '../teams/*',
                '../storage/*',
                '../graph/*',
                '../http/*',
                '../dev/*',
                '../config*',
                '../index*',
                '../../app/*',
                '../../teams/*',
                '../../storage/*',
                '../../graph/*',
                '../../http/*',
                '../../dev/*',
                '../../config*',
              ],
              message: 'domain/ imports nothing outside domain/.',
            },
            {
              group: [
                'botbuilder',
                'botbuilder-*',
                'botframework-*',
                '@azure/*',
                'restify',
                'restify-*',
                'jose',
                'pino',
                '@microsoft/*',
              ],
              message: 'domain/ is pure: no SDKs.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'domain/ is pure: no I/O.' },
        { name: 'process', message: 'domain/ is pure: read config in config.ts.' },
        { name: 'Date', message: 'domain/ takes the clock as a parameter.' },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
