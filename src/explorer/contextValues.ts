// The contextValue of each node (no vscode): `kind.trait.trait`, which package.json menus match with
// `viewItem =~ /^kind(\.|$)/` and `viewItem =~ /\.trait(\.|$)/`. Kept pure so a test can check the menus.
import { expiryText } from './entityNodes';
import type { ExplorerNode } from './nodeTypes';

function context(kind: string, traits: Record<string, boolean>): string {
  return [
    kind,
    ...Object.entries(traits)
      .filter(([, on]) => on)
      .map(([trait]) => trait),
  ].join('.');
}

export function contextValueOf(node: ExplorerNode, now: number = Date.now()): string {
  switch (node.kind) {
    case 'deployment':
      return context('deployment', { signedIn: node.accountLabel !== undefined, admin: node.isAdmin });
    case 'section':
      return context('section', { [node.section]: true, filtered: node.filter !== undefined });
    case 'owner':
    case 'deleted':
      return context(node.kind, { [node.section]: true });
    case 'client': {
      const state = node.client.state ?? 'STATE_REQUESTED';
      return context('client', {
        live: !node.deleted,
        deleted: node.deleted,
        admin: node.isAdmin,
        requested: state === 'STATE_REQUESTED',
        unapproved: state !== 'STATE_APPROVED',
      });
    }
    case 'application':
    case 'organization':
      return context(node.kind, { live: !node.deleted, deleted: node.deleted, admin: node.isAdmin });
    case 'allEntities':
      return context('allEntities', { [node.section]: true, filtered: node.filter !== undefined });
    case 'authorization':
    case 'token':
      return context(node.kind, { current: node.current });
    case 'property':
      return context('property', { [node.property]: true, [node.entity.type]: true, editable: node.editable });
    case 'uriList':
    case 'uri':
      return context(node.kind, { [node.field]: true });
    case 'secret':
      return context('secret', { stored: node.stored });
    case 'apiKey':
      return context('apiKey', { expired: expiryText(node.key.expires_at, now).startsWith('expired') });
    case 'formatter':
      return context('formatter', {
        [node.direction]: true,
        [node.deviceId === undefined ? 'application' : 'device']: true,
        javascript: node.type === 'FORMATTER_JAVASCRIPT',
      });
    default:
      return node.kind;
  }
}
