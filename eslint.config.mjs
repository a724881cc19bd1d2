// Lint that guards the design as well as the code: the layer rules below turn "nothing under the views imports
// vscode" and "views never call an API" from habits into errors (test/unit/lint proves they bite).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Folders that run in plain Node (the CLI, the emulator, benchmarks): vscode must never reach them. */
const vscodeFree = ['src/core/**', 'src/http/**', 'src/providers/**', 'src/emulator/**', 'src/cli/**', 'src/shared/**'];

const noVscode = {
  name: 'vscode',
  message: 'This layer runs in plain Node (CLI, emulator, benchmarks): only src/extension may import vscode.',
};

export default tseslint.config(
  {
    // media/details.js is plain browser JavaScript outside the type-check until it moves to src/webview.
    ignores: [
      'media/details.js',
      'dist/**',
      'out/**',
      'node_modules/**',
      'test-results/**',
      '.vscode-test/**',
      'test/fixtures/**',
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      'no-duplicate-imports': ['error', { allowSeparateTypeImports: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Sanitisers of server text match control characters on purpose; that is this rule's only finding here.
      'no-control-regex': 'off',
      // An async method without an await is how an interface's Promise is returned here (throws become rejections).
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // CommonJS scripts (the code-server shim, the activation probe) load with require by design.
    files: ['**/*.cjs', 'test/vscode/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off', 'no-redeclare': ['error', { builtinGlobals: false }] },
  },
  {
    files: ['src/webview/**', 'media/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['test/**'],
    languageOptions: { globals: { ...globals.mocha } },
    rules: {
      // Tests read servers' JSON and fake async interfaces: an unexpected shape fails the assertion that follows,
      // and a fake's async method without an await is the interface's shape, not a bug.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/require-await': 'off',
      // Tests hand fakes' methods around, reject with plain values and stringify hostile inputs on purpose.
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/no-implied-eval': 'off',
      // Tests load the built bundles (dist/*.js) the way the extension does, at run time.
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { disallowTypeAnnotations: false }],
    },
  },
  {
    files: vscodeFree,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noVscode],
          patterns: [{ group: ['**/extension/**'], message: 'The core layers never depend on the extension.' }],
        },
      ],
    },
  },
  {
    // Views read the store and send commands; the HTTP stack and the providers load lazily behind providersLoader.
    // Descriptors are data, listed by the registry: those the extension may import.
    files: ['src/extension/**'],
    ignores: ['src/extension/providersLoader.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // Any relative path into providers/ or http/ (the folders themselves too), but the registry and the
              // descriptor type; undici by name.
              regex: '^(\\.\\.?/)+(.*/)?(providers(?!/registry$|/descriptor$)(/.*)?|http(/.*)?)$|^undici(/.*)?$',
              message:
                'Views never call an API: reach providers through providersLoader (a lazily loaded bundle); ' +
                'what the extension knows of a provider is its descriptor, from providers/registry.',
            },
          ],
        },
      ],
    },
  },
);
