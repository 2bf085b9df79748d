// ESLint for Relais (flat config). Runs in `npm test` through `npm run lint`.
//
// - typescript-eslint's recommended rules on every TypeScript file;
// - eslint-config-prettier last, so formatting is Prettier's business only;
// - eslint-plugin-boundaries: a server module meets another only through its index.ts, the web
//   and the server never import each other (both may import src/common), and src/common imports
//   nothing of either side. SQL ownership and import cycles are checked by
//   scripts/check-architecture.ts, which ESLint cannot see.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';

const serverTypes = ['server-module', 'server-platform', 'server-db', 'server-root'];
const webTypes = ['web-module', 'web-app'];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'data/**',
      'artifacts/**',
      'coverage/**',
      'test-results/**',
      'playwright-report/**',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
    },
    rules: {
      // Counted and capped by scripts/check-architecture.ts (ceiling in scripts/architecture-baseline.json).
      '@typescript-eslint/no-explicit-any': 'warn',
      // `_`-prefixed names are deliberately unused (placeholders, destructuring to omit a field).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    // Node scripts written in plain JavaScript.
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', exports: 'writable', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly' },
    },
  },
  {
    files: ['src/web/**/*.tsx', 'src/web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // Production code only: tests may reach inside a module to build their fixtures.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    plugins: { boundaries },
    settings: {
      'boundaries/include': ['src/**/*'],
      'boundaries/elements': [
        { type: 'server-module', pattern: 'src/server/modules/*', capture: ['module'] },
        { type: 'server-platform', pattern: 'src/server/platform' },
        { type: 'server-db', pattern: 'src/server/db' },
        { type: 'server-root', pattern: 'src/server' },
        { type: 'web-module', pattern: 'src/web/modules/*', capture: ['module'] },
        { type: 'web-app', pattern: 'src/web' },
        { type: 'common', pattern: 'src/common' },
      ],
      'import/resolver': { './scripts/eslint-resolver.cjs': {} },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'allow',
          policies: [
            {
              // A module's files are private: another module imports only its index.ts.
              from: { element: { type: 'server-module' } },
              disallow: {
                to: {
                  element: {
                    type: 'server-module',
                    captured: { module: '!{{ from.element.captured.module }}' },
                    fileInternalPath: '!index.ts',
                  },
                },
              },
              message: 'a module imports another module only through its index.ts',
            },
            {
              from: { element: { types: serverTypes } },
              disallow: { to: { element: { types: webTypes } } },
              message: 'the server never imports web code (share it through src/common)',
            },
            {
              from: { element: { types: webTypes } },
              disallow: { to: { element: { types: serverTypes } } },
              message: 'the web never imports server code (share it through src/common)',
            },
            {
              from: { element: { type: 'common' } },
              disallow: { to: { element: { types: [...serverTypes, ...webTypes] } } },
              message: 'src/common is shared by server and web: it imports neither',
            },
          ],
        },
      ],
    },
  },
  prettier,
);
