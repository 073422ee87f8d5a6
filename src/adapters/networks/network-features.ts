// Owns narrowing the policy's capability table to what the configured access allows (X block and DMs are opt-in).
import type { Config } from '../../config/load-config.js';
import type { Policy } from '../../policy/policy-schema.js';

/**
 * X's block endpoints are Enterprise-only and DMs need a tier with DM access, so both are off
 * unless X_FEATURES turns them on; the cards read this table, so no button offers what cannot
 * happen. Warnings are private messages, so without DMs X offers no warn either.
 */
export function withNetworkFeatures(policy: Policy, config: Config): Policy {
  const x = policy.networks['x'];
  if (!x) return policy;
  const features = config.x.features;
  const actions = x.actions.filter((a) => features.has('block') || (a !== 'block' && a !== 'unblock'));
  const directMessages = x.directMessages && features.has('dm');
  if (actions.length === x.actions.length && directMessages === x.directMessages) return policy;
  return { ...policy, networks: { ...policy.networks, x: { ...x, actions, directMessages } } };
}
