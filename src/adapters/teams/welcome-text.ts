// Owns what the bot says when it is added somewhere in Teams, so an admin always knows the next step: in the
// picked channel, in a team with no channel picked (its General channel), in a 1:1 chat or in a group chat.

/** Where the app was added, as the conversationUpdate says. */
export type InstallPlace = 'channel' | 'team' | 'personal' | 'groupChat';

export const INSTALL_PLACES: readonly InstallPlace[] = ['channel', 'team', 'personal', 'groupChat'];

export interface WelcomeInput {
  readonly place: InstallPlace;
  readonly conversationId: string;
  /** channels.triage.teams in the policy file, if set. */
  readonly triage: string | undefined;
  /** The Entra object id of whoever added the app (for people[].teams in the policy file). */
  readonly installerAadId?: string | undefined;
}

const ASK_ME = 'Message me "desk help" in a 1:1 chat for what I can tell you.';
const SET_UP = 'To set me up: add the app to the team that holds your triage channel and pick that channel when Teams asks, then put the channel id I post there in the policy file as channels.triage.teams.';

export function buildWelcomeText(w: WelcomeInput): string {
  switch (w.place) {
    case 'channel': return `Mention Desk is installed. ${channelStep(w, 'this channel')} ${ASK_ME}`;
    case 'team': return `Mention Desk is installed in this team, but no channel was picked for the case cards. ${channelStep(w, "this team's General channel")} To use another channel, add the app to that channel (in the channel: + > Apps, or "Add to a team" and pick the channel) and I will post its id there. ${ASK_ME}`;
    case 'personal': return `Hello, I am Mention Desk. Case cards go to the triage channel, not to this chat; here you can ask me "desk mine", "desk queue", "desk case MD-1042" or "desk help". ${w.triage ? '' : `${SET_UP} `}${w.installerAadId ? `Your Entra object id, for your entry under people (teams:) in the policy file, is ${w.installerAadId}.` : ''}`.trim();
    case 'groupChat': return `Hello, I am Mention Desk. I post no case cards in group chats. ${SET_UP} ${ASK_ME}`;
  }
}

function channelStep(w: WelcomeInput, what: string): string {
  if (w.triage === w.conversationId) return `This is the triage channel: case cards will appear here.`;
  return `To make ${what} the triage channel, set channels.triage.teams to ${w.conversationId} in the policy file${w.triage ? ` (it is ${w.triage} now)` : ''}.`;
}
