// The reader model beside the lexicons (issue 16): it adds what the lists miss, says why, and never removes a finding.
import { describe, expect, it } from 'vitest';
import { NO_LEARNING } from '../../../src/policy/combine-suggestions.js';
import { readMention } from '../../../src/policy/read-mention.js';
import { trainReaderModel, type LabelledMention } from '../../../src/policy/reader-model.js';
import { defaultPolicy, mention, policyWith } from './policy-fixtures.js';

// A word no lexicon lists stands for a concern in these made-up decisions, so only the model can know it.
const routine = ['bins not collected on Elm Road', 'pothole on the high street again', 'when does the library open', 'thanks for fixing the lights', 'parking permit renewal question', 'grass verge not cut this month'];
const concern = ['the lad over the road looks gorbled again', 'gorbled and sat in the stairwell all night', 'worried, she seemed gorbled when I saw her', 'that family next door are gorbled'];
const items: LabelledMention[] = [
  ...routine.map((text) => ({ text, tag: 'general', kind: 'comment', rules: [], risk: 'low', sg: false, threat: false })),
  ...concern.map((text) => ({ text, tag: 'general', kind: 'safeguarding', rules: [], risk: 'high', sg: true, threat: false })),
];
const reader = trainReaderModel([...items, ...items], ['made up'], {});
const text = 'the boy at number 9 looked gorbled this morning';

describe('the reader model', () => {
  it('refers a concern the lexicons miss, quoting the words it read it from', () => {
    expect(readMention(defaultPolicy, mention({ text }), { ...NO_LEARNING, reader: null }).safeguarding).toEqual([]);
    // Without the lower threat bar: a model that never saw a threat reads every text at its prior (about 1%).
    const threatAtBarOnly = policyWith((p) => void (p.reader.threatWhenReferredAt = p.reader.threatAt));
    const reading = readMention(threatAtBarOnly, mention({ text }), { ...NO_LEARNING, reader });
    expect(reading.safeguarding).toContain('gorbled');
    expect(reading.threat).toEqual([]);
  });

  it('reads a threat below the threat bar only in a mention referred anyway, and never makes the kind a threat\'s on that', () => {
    const lowerBarOnly = policyWith((p) => Object.assign(p.reader, { threatAt: 1, threatWhenReferredAt: 0, safeguardingSureAt: 0, kindAt: 1, riskAt: 1 }));
    const referred = readMention(lowerBarOnly, mention({ text }), { ...NO_LEARNING, reader });
    expect(referred.threat.length).toBeGreaterThan(0);
    expect(referred).toMatchObject({ kind: 'safeguarding', risk: 'high' });
    const routineLine = readMention(lowerBarOnly, mention({ text: 'the bins on Elm Road were not collected again this week' }), { ...NO_LEARNING, reader });
    expect(routineLine.safeguarding).toEqual([]);
    expect(routineLine.threat).toEqual([]);
  });

  it('makes the kind and risk a concern\'s only when it is as sure as the policy asks', () => {
    // The model's own kind and risk readings are turned off here, to see the referral's part alone.
    const unsure = policyWith((p) => Object.assign(p.reader, { safeguardingSureAt: 1, kindAt: 1, riskAt: 1 }));
    const sure = policyWith((p) => Object.assign(p.reader, { safeguardingSureAt: 0, kindAt: 1, riskAt: 1 }));
    const referredOnly = readMention(unsure, mention({ text }), { ...NO_LEARNING, reader });
    expect(referredOnly.safeguarding).toContain('gorbled');
    expect(referredOnly.kind).not.toBe('safeguarding');
    expect(referredOnly.risk).not.toBe('high');
    expect(readMention(sure, mention({ text }), { ...NO_LEARNING, reader })).toMatchObject({ kind: 'safeguarding', risk: 'high' });
  });

  it('never takes away what the lexicons found, and speaks not at all when the policy turns it off', () => {
    const lexicons = 'I want to end it all tonight';
    expect(readMention(defaultPolicy, mention({ text: lexicons }), { ...NO_LEARNING, reader }).safeguarding.length).toBeGreaterThan(0);
    const off = policyWith((p) => void (p.reader.seedModel = false));
    expect(readMention(off, mention({ text })).safeguarding).toEqual([]);
  });

  it('reads the service of a comment that names none from the council post it answers', () => {
    // Made-up words name each service in the parent posts only: the comments alone say nothing of it.
    const comments = ['any news on this one, still waiting here', 'this is taking forever, when will it be sorted', 'still nothing from you lot on this', 'how much longer do we have to wait for this'];
    const answering = (tag: string, parent: string): LabelledMention[] => comments.map((t) => ({ text: t, parent, tag, kind: 'comment', rules: [], risk: 'low', sg: false, threat: false }));
    const learned = trainReaderModel([...answering('waste', 'flumbrick rounds change next week'), ...answering('libraries', 'quindle opening times over the holidays')].flatMap((i) => [i, i]), ['made up'], {});
    const comment = 'so when is this actually happening then';
    const serviceUnder = (parent: string) => readMention(defaultPolicy, mention({ text: comment, parent: { externalId: 'post-1', text: parent } }), { ...NO_LEARNING, reader: learned }).serviceTag;
    expect(serviceUnder('the flumbrick rounds are changing')).toBe('waste');
    expect(serviceUnder('new quindle opening times')).toBe('libraries');
  });

  it('reads spam that names no service as General, whatever service the model guessed from stray words', () => {
    // A made-up word stands for the spam, taught as waste so the model names waste for it: the error the rule mends.
    const spam = ['blorvex giveaway check my bio', 'free blorvex for the first 100, link in bio', 'blorvex deals dm me now', 'win a blorvex click the link in my bio'];
    const taught = spam.map((t): LabelledMention => ({ text: t, tag: 'waste', kind: 'spam', rules: ['spam'], risk: 'low', sg: false, threat: false }));
    const learned = trainReaderModel([...taught, ...taught, ...taught], ['made up'], {});
    const read = (t: string) => readMention(defaultPolicy, mention({ text: t }), { ...NO_LEARNING, reader: learned });
    const modelOnly = policyWith((p) => void (p.services = p.services.filter((s) => s.tag !== 'general')));
    const spamRead = read('free blorvex giveaway, check my bio now');
    expect(spamRead).toMatchObject({ kind: 'spam', serviceTag: 'general' });
    expect(spamRead.reasons[0]).toContain('read as spam');
    // Spam that names a service is left to the vote (a phishing post about a council tax refund is council tax's);
    // a council without a General service gets none.
    expect(read('council tax refund: free blorvex giveaway, check my bio').serviceTag).not.toBe('general');
    expect(readMention(modelOnly, mention({ text: 'free blorvex giveaway, check my bio now' }), { ...NO_LEARNING, reader: learned }).serviceTag).toBeNull();
  });

  it('names "unrelated to the post" only for a comment on a post, and only when nothing else is found', () => {
    // A made-up word stands for chatter off the post's topic, so only the model can read it.
    const chatter = ['anyone seen the zorblat at the market', 'zorblat sale on saturday everyone', 'selling my zorblat, offers welcome', 'who fixes zorblats round here'];
    const offTopic = chatter.map((t): LabelledMention => ({ text: t, tag: 'general', kind: 'comment', rules: ['unrelated'], risk: 'low', sg: false, threat: false }));
    const routineLines = routine.map((t): LabelledMention => ({ text: t, tag: 'general', kind: 'comment', rules: [], risk: 'low', sg: false, threat: false }));
    const learned = trainReaderModel([...offTopic, ...routineLines].flatMap((i) => [i, i, i]), ['made up'], {});
    const post = { externalId: 'post-1', text: 'Our libraries are open late on Thursdays this winter' };
    const rules = (t: string, parent?: typeof post) => readMention(defaultPolicy, mention({ text: t, ...(parent ? { parent } : {}) }), { ...NO_LEARNING, reader: learned }).houseRules.map((r) => r.ruleId);
    const comment = 'anyone got a zorblat going spare this weekend please';
    expect(rules(comment, post)).toEqual(['unrelated']);
    expect(rules(comment)).toEqual([]);
    // Abuse found by the lexicons is the reason to act: the model's "unrelated" beside it is not suggested.
    expect(rules(`you lot are idiots, ${comment}`, post)).toEqual(['abuse_of_staff']);
  });

  it('votes on the kind: the lexicons\' kind stands unless the model is surer by the policy\'s weight', () => {
    // A made-up word marks praise only the model knows; the lexicons read the same text's "not collected" as a complaint.
    const praise = ['the flumbrick crew were lovely today', 'flumbrick team did a lovely job', 'lovely work from the flumbrick lot', 'flumbrick staff lovely as ever'];
    const moans = ['road still blocked by the works', 'waited an hour on the phone again', 'nobody answers the email', 'the lights are out on our road'];
    const labelled = (texts: string[], kind: string): LabelledMention[] => texts.map((t) => ({ text: t, tag: 'general', kind, rules: [], risk: 'low', sg: false, threat: false }));
    const learned = trainReaderModel([...labelled(praise, 'compliment'), ...labelled(moans, 'comment')].flatMap((i) => [i, i, i]), ['made up'], {});
    const text = 'flumbrick flumbrick flumbrick, bins not collected again, disgraceful';
    const kindAt = (weight: number) => readMention(policyWith((p) => void (p.reader.kindLexiconWeight = weight)), mention({ text }), { ...NO_LEARNING, reader: learned }).kind;
    expect(kindAt(1)).toBe(readMention(defaultPolicy, mention({ text }), { ...NO_LEARNING, reader: null }).kind);
    expect(kindAt(0)).toBe('compliment');
  });

  it('never votes away an FOI request the lexicons found', () => {
    // The model has only ever seen chatter; the lexicons read a request under the Act.
    const chatter = ['lovely sunset over the park tonight', 'great day at the fair', 'nice to see the market busy', 'the new benches look smart'].map((t) => ({ text: t, tag: 'general', kind: 'comment', rules: [], risk: 'low', sg: false, threat: false }));
    const learned = trainReaderModel(chatter.flatMap((i) => [i, i, i]), ['made up'], {});
    const text = 'Under the Freedom of Information Act please send me the number of park benches replaced in 2024';
    const read = readMention(policyWith((p) => void (p.reader.kindLexiconWeight = 0)), mention({ text }), { ...NO_LEARNING, reader: learned });
    expect(read.kind).toBe('foi_request');
    expect(read.foi).toBe(true);
  });

  it('lowers a risk read from the tone of the words, never one the audience settled', () => {
    const calm = ['the bins were not collected, disgraceful service', 'disgraceful, the bins were not collected again', 'bins not collected, a disgraceful state of affairs', 'not collected again, disgraceful bins'];
    const learned = trainReaderModel(calm.map((t): LabelledMention => ({ text: t, tag: 'waste', kind: 'complaint', rules: [], risk: 'low', sg: false, threat: false })).flatMap((i) => [i, i, i]), ['made up'], {});
    const text = 'the bins were not collected again, disgraceful';
    const riskOf = (followers: number) => readMention(policyWith((p) => void (p.reader.riskLexiconWeight = 0)), mention({ text, author: { followers } }), { ...NO_LEARNING, reader: learned }).risk;
    expect(readMention(defaultPolicy, mention({ text, author: { followers: 10 } }), { ...NO_LEARNING, reader: null }).risk).toBe('medium');
    expect(riskOf(10)).toBe('low');
    expect(riskOf(2_000)).toBe('medium');
  });

  it('is the same model, weight for weight, when trained twice on the same decisions', () => {
    expect(trainReaderModel([...items, ...items], ['made up'], {})).toEqual(reader);
  });
});
