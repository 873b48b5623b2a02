// The deployment rows of the explorer, from the accounts: one per Identity Server (TTN Sandbox clusters share eu1),
// shown while some deployment has a signed-in account; and the snapshot that tells which a change of accounts touched.
import type { Accounts } from '../auth/accounts';
import type { DeploymentNode } from './nodeTypes';

/**
 * Deployment nodes; those in `keep` (same deployment, same account) stay as they are with what they loaded. Each new
 * one is handed to `created` (the model gives it a branch).
 */
export function deploymentNodes(
  accounts: Accounts,
  keep: readonly DeploymentNode[],
  created: (node: DeploymentNode) => void,
): DeploymentNode[] {
  const deployments = accounts.deployments();
  if (!deployments.some((d) => accounts.account(d.key))) {
    return [];
  }
  // TTN Sandbox clusters share one Identity Server (eu1), hence one key and one set of clients and applications.
  const names = new Map<string, string[]>();
  deployments.forEach((d) => names.set(d.key, [...(names.get(d.key) ?? []), d.name]));
  return [...names].map(([key, list]) => {
    const kept = keep.find((n) => n.deploymentKey === key);
    if (kept) {
      return kept;
    }
    const account = accounts.account(key);
    const node: DeploymentNode = {
      kind: 'deployment',
      id: key,
      deploymentKey: key,
      name: list.join(' / '),
      accountLabel: account?.session.accountLabel,
      isAdmin: account?.session.isAdmin === true,
    };
    created(node);
    return node;
  });
}

/** What the tree shows of each deployment's account, to tell which deployments a change of the accounts touched. */
export function sessionSnapshot(accounts: Accounts): Map<string, string> {
  const out = new Map<string, string>([
    [
      '#order',
      accounts
        .deployments()
        .map((d) => d.key)
        .join(' '),
    ],
  ]);
  for (const d of accounts.deployments()) {
    const s = accounts.account(d.key)?.session;
    out.set(d.key, `${d.name}|${s ? `${s.id}|${s.isAdmin === true}` : ''}`);
  }
  return out;
}
