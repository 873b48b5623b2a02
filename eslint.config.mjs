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
      // `import vscode = require('vscode')`: every file uses the one API object; `import * as` would compile to a copy
      // of it per file (esbuild's __toESM) at every activation.
      '@typescript-eslint/no-require-imports': ['error', { allow: ['^vscode$'] }],
    },
  },
  {
    files: [
      'src/tts/**/*.ts',
      // The auth core runs in plain Node tests; provider.ts, uriHandler.ts, interactive.ts and the UI pieces wrap it.
      'src/auth/{oauth,tokens,sessions,flows,lease,storedView,providerCore,repository,attempts,signIn,loopback,accounts}.ts',
      'src/explorer/model.ts',
      // The explorer's core, command logic and UI logic run in plain Node tests (only register.ts,
      // treeProvider.ts, nodes/, index.ts, vscodeUi.ts and jsonDocuments.ts touch VS Code).
      'src/explorer/{store,pagedList,fetchers,entityNodes,nodeTypes,owners,contextValues}.ts',
      'src/commands/{apiKeys,applications,boundary,clientEdit,clientPrompts,clients,collaborators,common,context,ids,lazy,lifecycle,table,targets}.ts',
      'src/ui/{ui,wizard,rightsPicker,clientGuidelines,errorText}.ts',
    ],
    rules: noVscode,
  },
);
