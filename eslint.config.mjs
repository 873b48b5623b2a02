import tseslint from 'typescript-eslint';

const noVscode = {
  'no-restricted-imports': [
    'error',
    {
      paths: [{ name: 'vscode', message: 'The core stays free of the VS Code API (ARCHITECTURE.md: Rules).' }],
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'node_modules/**',
      'src/tts/schema.ts',
      '.vscode-test/**',
      'test-results/**',
      '.e2e/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      curly: 'error',
      eqeqeq: ['error', 'smart'],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // `import vscode = require('vscode')`: every file uses the one API object; `import * as` would compile to a copy
      // of it per file (esbuild's __toESM) at every activation.
      '@typescript-eslint/no-require-imports': ['error', { allow: ['^vscode$'] }],
    },
  },
  {
    // The core is everything in src/ except the VS Code adapters: the composition root, the VS Code platform
    // services and each layer's vscode/ folder. The core runs in plain Node tests.
    files: ['src/**/*.ts'],
    ignores: ['src/extension.ts', 'src/platform/**', 'src/*/vscode/**'],
    rules: noVscode,
  },
  {
    // Every notification, modal and progress notification goes through src/platform/notifications.ts, which keeps
    // text from becoming a link (VS Code renders `[label](command:…)` in them as a link that runs the command).
    files: ['src/**/*.ts'],
    ignores: ['src/platform/notifications.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            ':matches(MemberExpression[object.name="window"], MemberExpression[object.property.name="window"])' +
            '[property.name=/^(show(Information|Warning|Error)Message|withProgress)$/]',
          message: 'Use src/platform/notifications.ts: it turns every text into plain text (no link, no icon).',
        },
      ],
    },
  },
  {
    // Payload formatter templates run as plain scripts on The Things Stack: the server calls their top-level
    // functions, and they reference the shipped type declarations the JavaScript way.
    files: ['media/formatters/**/*.js'],
    languageOptions: { sourceType: 'script' },
    rules: {
      '@typescript-eslint/triple-slash-reference': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { varsIgnorePattern: '^(decodeUplink|encodeDownlink|decodeDownlink|normalizeUplink|Decoder|Encoder)$' },
      ],
    },
  },
);
