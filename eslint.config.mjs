// `npm run lint`: typescript-eslint's recommended rules plus the project's import boundaries.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeModules = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'artifacts/**', '.cache/**', '.forgetlens/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', Buffer: 'readonly', __dirname: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly' } },
    rules: {
      // `_name` marks a value left unused on purpose (destructuring a key out, say).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // The launcher is plain CommonJS.
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The core is shared by the CLI, the worker and the extension: it knows nothing of VS Code or the panel.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'src/core runs in the CLI and the worker: it must not import vscode.' }],
          patterns: [{ regex: '(^|/)(webview|extension)(/|$)', message: 'src/core must not import the webview or the extension.' }],
        },
      ],
    },
  },
  {
    // The panel runs in a browser sandbox: no Node modules, no VS Code API.
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeModules.map((name) => ({ name, message: 'webview/ runs in the browser: no Node modules.' })), { name: 'vscode', message: 'webview/ talks to the host by messages only.' }],
          patterns: [{ regex: '(^|/)src/(core|extension|worker|cli)(/|$)', message: 'webview/ may share only src/protocol with the host.' }],
        },
      ],
    },
  },
);
