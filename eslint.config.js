// Type-aware lint (typescript-eslint recommended-type-checked, incl. no-floating-promises): `npm run lint`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'bin/', 'bench/', 'scripts/', '**/*.mjs', '**/*.cjs', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // Narrowing with `as` after a check is how the parsers here read untyped JSON.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // `async` on a function with no await is how an implementation satisfies a Promise-returning interface.
      '@typescript-eslint/require-await': 'off',
      // Rejecting with an AbortSignal's reason (whatever the caller aborted with) is the platform's convention.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingAny: true, allowThrowingUnknown: true }],
      // `KnownStatus | string` documents the values we handle while accepting ones Okta adds later.
      '@typescript-eslint/no-redundant-type-constituents': 'off',
    },
  },
  {
    // Tests use loose fakes and assert on thrown values.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/unbound-method': 'off',
      // JSON.parse in assertions, and ANSI escapes in terminal output checks.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      'no-control-regex': 'off',
    },
  },
);
