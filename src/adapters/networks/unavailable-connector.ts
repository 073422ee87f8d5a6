// Owns the connectors that cannot act, each saying why and what to do: networks handled on the network itself, or switched off.
import { PermanentError } from '../../services/errors.js';
import type { NetworkConnector } from '../../services/ports.js';

/** Nextdoor, TikTok, blogs …: no API to act through, so staff act there, from the link on the card. */
export function replyOnNetworkConnector(network: string, displayName: string): NetworkConnector {
  const refuse = (what: string): never => {
    throw new PermanentError(`${displayName} ${what} are made on ${displayName} itself, not from the desk.`, `Open the link on the card, act on ${displayName}, then close the case (as replied or moderated).`);
  };
  return { network, available: false, reply: async () => refuse('replies'), moderate: async () => refuse('moderation actions') };
}

/** A network the desk can connect but that is not configured here: say which variables turn it on. */
export function switchedOffConnector(network: string, displayName: string, variables: string): NetworkConnector {
  const refuse = (): never => {
    throw new PermanentError(`${displayName} is not connected.`, `Act on ${displayName} from the link on the card, or set ${variables} so the desk can.`);
  };
  return { network, available: false, reply: async () => refuse(), moderate: async () => refuse() };
}
