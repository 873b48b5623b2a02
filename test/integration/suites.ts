// The extension-host suites, in the order they run (later ones build on the sign-in of `auth`): index.ts runs them,
// run.ts bundles them.
export const SUITES = [
  'tripwire',
  'notifications',
  'activation',
  'auth',
  'explorer',
  'tree',
  'events',
  'formatters.editor',
  'formatters.workspace',
  'formatters.serverChanges',
  'formatters.liveUplink',
  'cancel',
  'addDeployment',
] as const;
