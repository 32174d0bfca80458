// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'fs', 'fs/promises', 'path', 'os', 'child_process', 'http', 'https', 'net', 'url', 'util', 'crypto',
  'stream', 'events', 'worker_threads', 'readline', 'zlib', 'process', 'buffer',
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', '.vscode-test/**', '.runtime/**', 'test/e2e/screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      curly: ['error', 'multi-line'],
      // Sourcebook matches control characters on purpose: to keep them out of terminals, labels and documents.
      'no-control-regex': 'off',
    },
  },
  {
    // The core is pure: it must run in plain Node, in the extension host and in a browser worker alike.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'vscode', message: 'src/core is pure TypeScript: reach VS Code through src/host adapters.' },
          ...nodeBuiltins.flatMap((name) => [
            { name, message: 'src/core must not use Node built-ins: inject what you need.' },
            { name: `node:${name}`, message: 'src/core must not use Node built-ins: inject what you need.' },
          ]),
        ],
      }],
      'no-restricted-globals': ['error',
        { name: 'require', message: 'src/core must not load modules dynamically.' },
        { name: 'process', message: 'src/core must not read the process environment.' },
        { name: 'Buffer', message: 'src/core works on Uint8Array, not Buffer.' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
