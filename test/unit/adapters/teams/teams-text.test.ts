// People's words on Teams cards: markdown escaped where markdown is read, mentions, card functions and entities
// broken everywhere, cut without a dangling escape; and who a Teams user is, by Entra object id only.
import { describe, expect, it } from 'vitest';
import { resolveTeamsActor } from '../../../../src/adapters/teams/resolve-teams-actor.js';
import { cutText, escapeCardText, mentionOf, neutralise, safeText } from '../../../../src/adapters/teams/teams-text.js';
import { loadTeamsPolicy, TEAMS_PEOPLE } from '../../../helpers/teams-policy.js';

const ZWSP = '\u200B';

describe('escapeCardText', () => {
  it('escapes emphasis, code and links, and list or quote starts on any line', () => {
    expect(escapeCardText('**bold** _it_ `code` ~x~ [site](https://evil.example) a\\b')).toBe('\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~x\\~ \\[site\\](https://evil.example) a\\\\b');
    expect(escapeCardText('- one\n  + two\n3. three\n> quote\n# head\nfine - here')).toBe('\\- one\n  \\+ two\n3\\. three\n\\> quote\n\\# head\nfine - here');
  });

  it('breaks mentions, card functions and entities with an invisible space, keeping the words', () => {
    const hostile = '<at>Cara</at> <AT>x</AT> {{DATE(2026-01-01T00:00:00Z, SHORT)}} &amp; &#60;';
    const out = neutralise(hostile);
    expect(out).not.toMatch(/<at>|<\/at>|<AT>|\{\{|&amp;|&#60;/);
    expect(out.replaceAll(ZWSP, '')).toBe(hostile);
    expect(escapeCardText(hostile).replaceAll(ZWSP, '')).toBe(hostile);
  });

  it('cuts to the limit without splitting a surrogate pair or leaving a lone escape', () => {
    expect(cutText('abc', 3)).toEqual({ text: 'abc', cut: false });
    expect(cutText('😀😀😀', 4)).toEqual({ text: '😀…', cut: true });
    expect(safeText('aa*bb', 4)).toBe('aa…');
  });

  it('makes a mention of our own that notifies, with its entity', () => {
    expect(mentionOf('6f1c2d3e-0000-4000-8000-000000000003', 'Cara <Lee>')).toEqual({
      text: '<at>Cara Lee</at>',
      entity: { type: 'mention', text: '<at>Cara Lee</at>', mentioned: { id: '6f1c2d3e-0000-4000-8000-000000000003', name: 'Cara <Lee>' } },
    });
  });
});

describe('resolveTeamsActor', () => {
  it('finds people by Entra object id in any case, and gives nobody roles by their 29: id or name', async () => {
    const policy = await loadTeamsPolicy();
    const ana = TEAMS_PEOPLE.ana;
    expect(resolveTeamsActor(policy, { ...ana, aadObjectId: ana.aadObjectId.toUpperCase() })).toEqual({ personId: 'ana', name: 'Ana Patel', initials: 'AP', roles: ['comms_officer'], surface: 'teams' });
    expect(resolveTeamsActor(policy, { id: ana.id, name: 'Ana Patel' })).toMatchObject({ personId: `teams:${ana.id}`, roles: [] });
    expect(resolveTeamsActor(policy, TEAMS_PEOPLE.zed)).toMatchObject({ name: 'Zed Stranger', initials: 'ZS', roles: [] });
  });
});
