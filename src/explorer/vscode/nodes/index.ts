// Renders any explorer node as a TreeItem.
import type * as vscode from 'vscode';
import type { ExplorerNode } from '../../nodeTypes';
import {
  adminItem,
  allEntitiesItem,
  authorizationItem,
  authorizationsItem,
  organizationItem,
  queueItem,
  reviewItem,
  tokenItem,
} from './account';
import { apiKeyItem, apiKeysItem, applicationItem, deviceItem, devicesItem } from './application';
import { clientItem, propertyItem, secretItem, uriItem, uriListItem } from './client';
import { deletedItem, deploymentItem, ownerItem, sectionItem } from './deployment';
import { collaboratorItem, collaboratorsItem, rightGroupItem, rightItem, rightsItem } from './rights';
import { errorItem, loadMoreItem, messageItem } from './state';
import { formatterItem, formattersItem } from './formatters';

export function treeItemFor(node: ExplorerNode, parent: ExplorerNode | undefined): vscode.TreeItem {
  switch (node.kind) {
    case 'deployment':
      return deploymentItem(node);
    case 'section':
      return sectionItem(node);
    case 'owner':
      return ownerItem(node);
    case 'deleted':
      return deletedItem(node);
    case 'client':
      return clientItem(node);
    case 'application':
      return applicationItem(node);
    case 'organization':
      return organizationItem(node);
    case 'authorizations':
      return authorizationsItem(node);
    case 'authorization':
      return authorizationItem(node);
    case 'token':
      return tokenItem(node);
    case 'admin':
      return adminItem(node);
    case 'queue':
      return queueItem(node);
    case 'allEntities':
      return allEntitiesItem(node);
    case 'review':
      return reviewItem(node);
    case 'property':
      return propertyItem(node);
    case 'uriList':
      return uriListItem(node);
    case 'uri':
      return uriItem(node);
    case 'rights':
      return rightsItem(node);
    case 'rightGroup':
      return rightGroupItem(node);
    case 'right':
      return rightItem(node);
    case 'secret':
      return secretItem(node);
    case 'collaborators':
      return collaboratorsItem(node);
    case 'collaborator':
      return collaboratorItem(node);
    case 'apiKeys':
      return apiKeysItem(node);
    case 'apiKey':
      return apiKeyItem(node);
    case 'devices':
      return devicesItem(node);
    case 'device':
      return deviceItem(node);
    case 'formatters':
      return formattersItem(node);
    case 'formatter':
      return formatterItem(node);
    case 'loadMore':
      return loadMoreItem(node);
    case 'error':
      return errorItem(node, parent);
    case 'message':
      return messageItem(node);
  }
}
