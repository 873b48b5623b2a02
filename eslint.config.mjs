import tseslint from 'typescript-eslint';

const noVscode = {
  'no-restricted-imports': ['error', {
    paths: [{ name: 'vscode', message: 'The core stays free of the VS Code API (DESIGN.md: Layers).' }],
  }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'src/tts/schema.ts', '.vscode-test/**', 'test-results/**', '.e2e/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      curly: 'error',
      eqeqeq: ['error', 'smart'],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: [
      'src/tts/**/*.ts',
      'src/auth/oauth.ts',
      'src/auth/tokens.ts',
      'src/auth/sessions.ts',
      'src/auth/flows.ts',
      'src/explorer/model.ts',
    ],
    rules: noVscode,
  },
);
