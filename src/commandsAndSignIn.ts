// What loads on first use instead of at activation: the command implementations and interactive sign-in. Callers
// reach it only through import(), so the build puts it (and what only it uses) in a chunk of its own.
export { addDeployment, authCommands } from './commands/vscode/auth';
export { explorerCommands } from './commands/explorerCommands';
export { interactiveSignIn, oauthClientFor } from './auth/vscode/interactive';
