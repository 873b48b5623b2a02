// Every command id the extension contributes, importable without vscode so a test can compare it with
// package.json. The auth list belongs to the sign-in layer; extend it there when adding an auth command.

export const AUTH_COMMAND_IDS = [
  'thingsStack.signIn',
  'thingsStack.signOut',
  'thingsStack.switchAccount',
  'thingsStack.addDeployment',
  'thingsStack.removeDeployment',
  'thingsStack.setClientSecret',
  'thingsStack.showAccountMenu',
  'thingsStack.openConsole',
  'thingsStack.showLog',
] as const;

export const EXPLORER_COMMAND_IDS = [
  'thingsStack.refresh',
  'thingsStack.filter',
  'thingsStack.clearFilter',
  'thingsStack.loadMore',
  'thingsStack.copyId',
  'thingsStack.copyValue',
  'thingsStack.copyAsJson',
  'thingsStack.showJson',
  'thingsStack.openInConsole',
  'thingsStack.createClient',
  'thingsStack.editClient',
  'thingsStack.deleteClient',
  'thingsStack.restoreClient',
  'thingsStack.purgeClient',
  'thingsStack.approveClient',
  'thingsStack.rejectClient',
  'thingsStack.addRedirectUri',
  'thingsStack.removeRedirectUri',
  'thingsStack.copyClientSecret',
  'thingsStack.createApplication',
  'thingsStack.editApplication',
  'thingsStack.deleteApplication',
  'thingsStack.restoreApplication',
  'thingsStack.purgeApplication',
  'thingsStack.createApiKey',
  'thingsStack.editApiKey',
  'thingsStack.deleteApiKey',
  'thingsStack.addCollaborator',
  'thingsStack.editCollaborator',
  'thingsStack.removeCollaborator',
  'thingsStack.revokeAuthorization',
  'thingsStack.revokeToken',
  'thingsStack.createOrganization',
  'thingsStack.editOrganization',
  'thingsStack.deleteOrganization',
  'thingsStack.restoreOrganization',
  'thingsStack.purgeOrganization',
  'thingsStack.showOwner',
  'thingsStack.registerVsCodeClient',
] as const;

/** Live events (registered by src/events/index.ts). */
export const EVENTS_COMMAND_IDS = ['thingsStack.showEvents', 'thingsStack.stopEvents'] as const;

/** Payload formatters (registered by src/formatters/vscode/index.ts). */
export const FORMATTER_COMMAND_IDS = [
  'thingsStack.openFormatter',
  'thingsStack.changeFormatterType',
  'thingsStack.testUplinkFormatter',
  'thingsStack.testDownlinkFormatter',
  'thingsStack.pullFormatter',
  'thingsStack.deployFormatter',
  'thingsStack.compareFormatter',
  'thingsStack.testFormatterWithUplink',
] as const;

export type AuthCommandId = (typeof AUTH_COMMAND_IDS)[number];
export type ExplorerCommandId = (typeof EXPLORER_COMMAND_IDS)[number];
export type FormatterCommandId = (typeof FORMATTER_COMMAND_IDS)[number];
export type CommandId = AuthCommandId | ExplorerCommandId | (typeof EVENTS_COMMAND_IDS)[number] | FormatterCommandId;

export const ALL_COMMAND_IDS: readonly CommandId[] = [
  ...AUTH_COMMAND_IDS,
  ...EXPLORER_COMMAND_IDS,
  ...EVENTS_COMMAND_IDS,
  ...FORMATTER_COMMAND_IDS,
];
