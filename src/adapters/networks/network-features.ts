// Owns narrowing the policy's capability table to what the configured access allows (X block and DMs are opt-in).
import type { Config } from '../../config/load-config.js';
import type { Policy } from '../../policy/policy-schema.js';
import type { NetworkConnector } from '../../services/ports.js';

/**
 * X's block endpoints are Enterprise-only and DMs need a tier with DM access, so both are off
 * unless X_FEATURES turns them on; the cards read this table, so no button offers what cannot
 * happen. Warnings are private messages, so without DMs X offers no warn either.
 */
/**
 * A network with no working connector here (not configured, or no API) gets no Reply or Moderate
 * button: the card sends staff to the network itself, instead of a button that can only fail.
 */
export function withReachableNetworks(policy: Policy, connectors: readonly NetworkConnector[]): Policy {
  const effective = new Map(connectors.map((c) => [c.network, c]));
  const networks = Object.fromEntries(
    Object.entries(policy.networks).map(([name, cap]) => [name, effective.get(name)?.available === false || !effective.has(name) ? { ...cap, actions: [], replyOnNetwork: true } : cap]),
  );
  return { ...policy, networks };
}

export function withNetworkFeatures(policy: Policy, config: Config): Policy {
  return withXFeatures(withoutInstagramPrivateReplies(policy), config);
}

/**
 * Residents may DM the council on Instagram (000), but this desk's Instagram connector sends no private
 * replies, so the cards offer none there: staff answer a DM from the Instagram app.
 */
function withoutInstagramPrivateReplies(policy: Policy): Policy {
  const ig = policy.networks['instagram'];
  if (!ig?.directMessages) return policy;
  return { ...policy, networks: { ...policy.networks, instagram: { ...ig, directMessages: false } } };
}

function withXFeatures(policy: Policy, config: Config): Policy {
  const x = policy.networks['x'];
  if (!x) return policy;
  const features = config.x.features;
  const actions = x.actions.filter((a) => features.has('block') || (a !== 'block' && a !== 'unblock'));
  const directMessages = x.directMessages && features.has('dm');
  if (actions.length === x.actions.length && directMessages === x.directMessages) return policy;
  return { ...policy, networks: { ...policy.networks, x: { ...x, actions, directMessages } } };
}
