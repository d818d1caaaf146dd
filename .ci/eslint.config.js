// ESLint flat config. It lives in .ci/ because the repository's top level is fixed; package.json
// runs `eslint -c .ci/eslint.config.js`. The restricted imports below guard the module
// boundaries of ARCHITECTURE.md: a boundary crossed is a lint error, not a review comment.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const UI_LIBRARIES = ['react', 'react-dom', 'react-dom/*', '@tanstack/*', 'wavesurfer.js', 'tone', 'standardized-audio-context'];
const lib = (names, message) => names.map((name) => ({ group: [name], message }));
const layer = (folders, message) => folders.map((folder) => ({ group: [`**/${folder}/**`, `**/${folder}`], message }));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.tmp/**', 'dev-dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off', // typed-array indexing under noUncheckedIndexedAccess
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // This rule is advice for the React Compiler, which this project does not run.
      'react-hooks/incompatible-library': 'off',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}', 'workers/**/*.ts'],
    ignores: ['src/db/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: lib(['dexie'], 'Only src/db talks to Dexie: go through LibraryRepository.') }],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...lib(
              [...UI_LIBRARIES, 'dexie', 'zustand', 'comlink', 'essentia.js', 'essentia.js/*', '@audio/*'],
              'src/domain is pure TypeScript: no UI, storage, worker or audio libraries.',
            ),
            ...layer(
              ['db', 'services', 'state', 'features', 'components', 'app', 'workers', 'cli'],
              'src/domain imports nothing outside src/domain.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['workers/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...lib([...UI_LIBRARIES, 'dexie', 'zustand'], 'Workers hold pure pipelines: no UI, storage or store libraries.'),
            ...layer(['db', 'services', 'state', 'features', 'components', 'app'], 'Workers may import src/domain only.'),
          ],
        },
      ],
    },
  },
  {
    files: ['src/db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...lib([...UI_LIBRARIES, 'zustand'], 'src/db is storage only.'),
            ...layer(['services', 'state', 'features', 'components', 'app'], 'src/db depends on src/domain only.'),
          ],
        },
      ],
    },
  },
  {
    files: ['src/ai/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...lib([...UI_LIBRARIES, 'zustand', 'dexie'], 'src/ai holds providers and the router: no UI, store or storage libraries.'),
            ...layer(
              ['db', 'services', 'state', 'features', 'components', 'app'],
              'src/ai depends on src/domain only; storage comes in through interfaces.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['src/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...lib(['react', 'react-dom', 'zustand', 'dexie'], 'Services report through listeners; stores subscribe in src/app.'),
            ...layer(['state', 'features', 'components', 'app'], 'Services do not reach up into the UI.'),
          ],
        },
      ],
    },
  },
  {
    files: ['src/features/**/*.{ts,tsx}', 'src/app/**/*.{ts,tsx}', 'src/components/**/*.{ts,tsx}', 'src/embed/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...lib(['zustand'], 'Only src/state imports zustand: use its hooks.'),
            ...lib(['dexie'], 'Only src/db talks to Dexie.'),
            ...layer(['workers'], 'The UI reaches workers through src/services.'),
          ],
        },
      ],
    },
  },
  {
    files: ['src/components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...lib(['zustand', 'dexie'], 'Shared components are presentational.'),
            ...layer(['state', 'db', 'services', 'workers', 'features', 'app'], 'Shared components take props only.'),
          ],
        },
      ],
    },
  },
  {
    files: ['tests/**/*.ts', '.ci/**/*.js', 'vite.config.ts'],
    rules: { 'no-console': 'off' },
  },
);
