// Safeguarding (004 §2): concerns and threats are spotted so they skip the working-time rules.
import { describe, expect, it } from 'vitest';
import { detectSafeguarding, detectThreats, findConcerns, safeguardingMessage } from '../../../src/policy/safeguarding.js';
import { defaultPolicy, policyWith } from './policy-fixtures.js';

describe('detectSafeguarding', () => {
  it('finds the policy\'s safeguarding terms', () => {
    expect(detectSafeguarding(defaultPolicy, 'There is a child at risk next door')).toEqual(['child at risk']);
  });

  it.each([
    ["I'll kill you if the bins aren't done", "I'll kill you"],
    ['I know where you live', 'I know where you live'],
    ['Someone should burn down the town hall', 'burn down the town hall'],
    ['I just want to end it all', 'end it all'],
    ['I keep hurting myself', 'hurting myself'],
  ])('finds the threat or risk in "%s"', (text, matched) => {
    expect(detectSafeguarding(defaultPolicy, text)).toContain(matched);
  });

  // Families of veiled and conditional threats, in wordings no corpus line uses.
  it.each([
    'Would be a shame if something happened to your van while you are inside',
    'We know where she parks every morning, tell her that',
    'That planning officer had better watch his back',
    'Enjoy your new office at the town hall while you can',
    'Keep ignoring my emails. You will see.',
    'Close the pool and there is going to be blood',
    'Next bailiff at my door will go home in an ambulance',
    'Tell the housing officer she has got till Monday then we are going round',
    // Session 6's families (corpus README), again in wordings no corpus line uses.
    'That bailiff best hope he never runs into me on the high street',
    'The police do nothing so we will sort them out ourselves this weekend',
    'Time we took matters into our own hands with that landlord',
    'If the council won\'t shift the dealers I\'m going to poison them',
    'Whoever signed off the new road layout wants stringing up, string him up I say',
    'Those councillors should be dragged out and battered',
    'Touch my car again and you won\'t have any teeth left',
    // Session 11's families, in wordings no corpus line uses: an address posted for others, "wants shooting", a face to
    // take it out of, minutes alone, a flammable home, brothers who get out, a plate the writer has got, a building that
    // would go up, hanging the lot of them, "or theirs".
    'The planning officer lives at 12 Mill Lane if anyone fancies having a word',
    'Whoever approved the bus lane wants shooting, the lot of them',
    'Refund my parking fine or I take it out of the warden\'s face',
    'Give me ten minutes alone with that housing officer',
    'Shame the councillor\'s house is so flammable',
    'My brothers get out in March and they know where the housing office is',
    'I\'ve got your reg now, you lot at the depot',
    'Lovely new civic centre. Would go up a treat',
    'Hang the lot of them from the lampposts on the high street',
    'Build flats on our green? Over my dead body. Or yours.',
    // Session 13's, from parts AH and AI: a firing squad, a one-way trip off a height.
    'Cabinet voted for it? Line the lot of them up',
    'Cllr Dean deserves a one-way ticket off the top of the multi-storey',
    // Session 14's, from part AN: harm wished on a worker or a group of them.
    'the bailiffs on our road today, hope they get hit by a bus on the way back',
    'to the enforcement officer in the grey coat: hope you drop dead',
  ])('reads "%s" as a threat', (text) => {
    expect(findConcerns(defaultPolicy, text).map((c) => c.id)).toContain('threat');
  });

  it.each([
    'Line them up for the photo outside the library, the kids loved it',
    'Booked a one way trip to Spain, goodbye Kingsmere weather',
    'Hope nobody gets run over on that crossing before you fix the lights',
    'fingers crossed the kids dont get knocked down outside the school, where is the lollipop man',
    'Hope the new pool is open by summer, the kids would die of happiness',
  ])('does not read "%s" as a threat', (text) => {
    expect(detectThreats(defaultPolicy, text)).toEqual([]);
  });

  // A farewell in the fewest words: where the writer stands, and that they are "thinking about it". None of these
  // wordings is a corpus line; the family came from the one concern sealed part Y held that the desk missed.
  it.each([
    'standing on the edge of the multistorey roof. had enough',
    'sat by the canal at the lock again thinking of doing it',
    'stood at the platform at Crewe for an hour, tempted tbh',
    // the low mood said first, or only how long they have been there (the family widened after part AE's line, session 13)
    'in a bad place tbh. just sitting on the weir at the mill',
    'sat on the viaduct at Dent for two hours now, dont know why im telling you',
    'been stood on the roof of the car park a while, cant stop crying',
  ])('reads "%s" as self-harm', (text) => {
    expect(findConcerns(defaultPolicy, text).map((c) => c.id)).toContain('self_harm');
  });

  it('does not read a bridge closure or a view from a bridge as self-harm', () => {
    for (const text of [
      'Stood on the bridge waiting for the bus for 40 mins, thinking about my tea',
      'The bridge on Mill Road is shut again, thinking about it it has been a month',
      'Traffic lights on the bridge not working well, sat on the bridge in traffic for ages',
      'Sat by the river with the kids feeding the ducks, lovely afternoon',
    ])
      expect(findConcerns(defaultPolicy, text).map((c) => c.id)).not.toContain('self_harm');
  });

  it('reads a victim\'s fear of the person who knows where she lives as abuse at home, not a threat from the writer', () => {
    const ids = findConcerns(defaultPolicy, 'Me and the kids got out last night but he knows where she lives, we are at my sister\'s').map((c) => c.id);
    expect(ids).toContain('domestic_abuse');
    expect(ids).not.toContain('threat');
  });

  it('does not report one phrase twice when the policy lists it too', () => {
    const policy = policyWith((p) => void p.risk.safeguardingTerms.push('I know where you live'));
    expect(detectSafeguarding(policy, 'I know where you live')).toEqual(['I know where you live']);
  });

  it('ignores everyday uses of violent words', () => {
    expect(detectSafeguarding(defaultPolicy, 'This heat will kill my plants, and the queue is killing me')).toEqual([]);
  });

  // The same families' everyday neighbours: pest control, Christmas lights, a resident sorting their own bins.
  it.each([
    'Are you going to poison the rats behind the Co-op or do we have to ring pest control',
    'The Christmas lights are strung up along the high street and they look lovely',
    'No worries, we will sort it ourselves and take the bags to the tip on Saturday',
    // Session 11's families' neighbours: a reality check, a sale while it lasts, prices, the washing, a bonfire night.
    'The manager needs a slap of reality about what parents can afford',
    'Pay by cash while you still can, the machines are going',
    'Council tax will go up nicely again this April I expect',
    'Hang them up on the line and they dry in an hour',
    'There will be a fire engine at the bonfire on the green',
  ])('does not read "%s" as a threat', (text) => {
    expect(findConcerns(defaultPolicy, text).map((c) => c.id)).not.toContain('threat');
  });

  it('explains that the case goes to the safeguarding lead at once, citing 004 §2', () => {
    expect(safeguardingMessage(['child at risk'])).toBe(
      "Possible safeguarding concern or threat (\"child at risk\"): this goes to the safeguarding lead now, in or out of hours, and is recorded as a referral (004 §2 (safeguarding is everyone's business: report concerns)).",
    );
  });
});
