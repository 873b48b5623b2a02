import tseslint from 'typescript-eslint';

// The fence around the core (ARCHITECTURE.md: Rules): everything in src/ except the VS Code adapters — the
// composition root, the platform services and each layer's vscode/ folder — runs in plain Node tests, so it reaches
// neither the VS Code API nor an adapter, in any import form.
const ADAPTERS = ['src/extension.ts', 'src/platform/**', 'src/*/vscode/**'];
const FENCE = 'The core stays free of the VS Code API and of its adapters (ARCHITECTURE.md: Rules).';

/** Every toast, modal and progress notification goes through src/platform/notifications.ts. */
const NOTIFICATIONS = {
  selector:
    ':matches(MemberExpression[object.name="window"], MemberExpression[object.property.name="window"])' +
    '[property.name=/^(show(Information|Warning|Error)Message|withProgress)$/]',
  message: 'Use src/platform/notifications.ts: it turns every text into plain text (no link, no icon).',
};
/** Context keys are set through src/platform/contextKeys.ts, which types each key and its value. */
const SET_CONTEXT = {
  selector: 'CallExpression[callee.property.name="executeCommand"][arguments.0.value="setContext"]',
  message: 'Use setContext of src/platform/contextKeys.ts: it lists every key with the type of its value.',
};
/** `require('vscode')` and `import('vscode')` in the core (import statements: no-restricted-imports). */
const VSCODE_AT_RUN_TIME = [
  { selector: 'CallExpression[callee.name="require"][arguments.0.value="vscode"]', message: FENCE },
  { selector: 'ImportExpression[source.value="vscode"]', message: FENCE },
  { selector: 'TSImportType[argument.literal.value="vscode"]', message: FENCE },
];

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
      '@typescript-eslint/no-require-imports': 'error',
    },
  },
  {
    // The adapters import the API as `import vscode = require('vscode')`: the bundle then uses the one API object
    // (`import * as` would compile to a copy of it per module, esbuild's __toESM, at every activation).
    files: ADAPTERS,
    rules: { '@typescript-eslint/no-require-imports': ['error', { allow: ['^vscode$'] }] },
  },
  {
    // VS Code renders `[label](command:…)` in a notification as a link that runs the command; notifications.ts
    // keeps every text plain.
    files: ['src/**/*.ts'],
    ignores: ['src/platform/notifications.ts', 'src/platform/contextKeys.ts'],
    rules: { 'no-restricted-syntax': ['error', NOTIFICATIONS, SET_CONTEXT] },
  },
  { files: ['src/platform/notifications.ts'], rules: { 'no-restricted-syntax': ['error', SET_CONTEXT] } },
  { files: ['src/platform/contextKeys.ts'], rules: { 'no-restricted-syntax': ['error', NOTIFICATIONS] } },
  {
    files: ['src/**/*.ts'],
    ignores: ADAPTERS,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: FENCE }],
          patterns: [{ group: ['**/vscode/**', '**/platform/**', '**/extension'], message: FENCE }],
        },
      ],
      'no-restricted-syntax': ['error', NOTIFICATIONS, SET_CONTEXT, ...VSCODE_AT_RUN_TIME],
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
