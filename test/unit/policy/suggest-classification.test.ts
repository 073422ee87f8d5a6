// Suggested service tag and kind (002 §5.9, §5.11): keywords from the policy, simple kind heuristics.
import { describe, expect, it } from 'vitest';
import { suggestClassification } from '../../../src/policy/suggest-classification.js';
import { defaultPolicy, policyWith } from './policy-fixtures.js';

const suggest = (text: string) => suggestClassification(defaultPolicy, text);

describe('service tag', () => {
  it('picks the service with the most keyword matches and says which words matched', () => {
    const s = suggest('The recycling bins on our road were not collected');
    expect(s.serviceTag).toBe('waste');
    expect(s.reasons[0]).toBe('service Waste and Recycling: mentions "recycling", "bins"');
  });

  it('breaks a tie in favour of the service listed first in the policy', () => {
    // "bin" (waste) and "park" (grounds): one each; waste is listed first.
    expect(suggest('The bin in the park is full').serviceTag).toBe('waste');
    const reordered = policyWith((p) => void p.services.reverse());
    expect(suggestClassification(reordered, 'The bin in the park is full').serviceTag).toBe('grounds');
  });

  it('matches multi-word keywords and whole words only', () => {
    expect(suggest('Can I get a single person discount on council tax?').serviceTag).toBe('council_tax');
    expect(suggest('Robin is lovely').serviceTag).toBeNull();
  });

  it('suggests no service when no keyword matches', () => {
    const s = suggest('Hello there');
    expect(s.serviceTag).toBeNull();
    expect(s.reasons).toContain('service: no service keywords found');
  });
});

describe('kind', () => {
  it.each([
    ['How do I get a new recycling box', 'question'],
    ['When is the tip open?', 'question'],
    ['This is an FOI request for your fly-tipping figures', 'foi_request'],
    ['Under the Freedom of Information Act, please send me the costs', 'foi_request'],
    ['Thank you to the crew on Elm Road, great job', 'compliment'],
    ['I want to complain about the bin men', 'complaint'],
    ['Three weeks without a collection. Disgrace.', 'complaint'],
    ['Absolutely disgusting and pathetic service from this council', 'complaint'],
    ['Please can you collect the mattress outside no 4', 'service_request'],
    ['I would like to report a pothole on Mill Lane', 'service_request'],
    // The blind corpus parts' officers read praise without thanks ("Lovely", "love this") as a compliment.
    ['Lovely to see the daffodils out', 'compliment'],
    ['Nice to know, the daffodils are out', 'comment'],
    ["Someone said they want to end it all, I'm worried", 'safeguarding'],
  ])('suggests "%s" is a %s', (text, kind) => {
    expect(suggest(text).kind).toBe(kind);
  });

  it('prefers a complaint to a question, and a question to thanks', () => {
    expect(suggest('Why is it always late? Disgrace').kind).toBe('complaint');
    expect(suggest('Thanks! When is the next collection?').kind).toBe('question');
    expect(suggest('How do I report a missed bin?').kind).toBe('question');
  });

  it('gives the reason for the kind it chose', () => {
    expect(suggest('Can you please fix the streetlight').reasons).toContain('service request: "can you please", "please fix"');
    expect(suggest('Thanks all').reasons).toContain('compliment: "thanks"');
  });

  // FOIA s.8: a written request for recorded information is an FOI request whether or not it names the Act.
  it.each([
    'Could you tell me how many penalty charge notices were issued on Marine Parade in 2025?',
    "I'd like the total spent on the seafront lights each year since 2020 please",
    'Please send me a breakdown of beach hut income by month for last year. J Smith',
    'Can I have copies of all emails between the council and the developer since January',
    'What was the number of complaints about beach litter in summer 2024?',
    // The same request in the words people use without a period or a breakdown (a resident, a journalist, a campaigner).
    'Request for information: the agreement with the car park operator, please.',
    'Please provide the number of litter fines handed out outside the station.',
    'Could you publish the figures on how many pupils were refused a place at Harbourside Academy?',
    "I'd like copies of all the emails between the leisure trust and the cabinet member about the lido.",
    'Please send me the latest air quality monitoring report for Quay Street.',
    'I am requesting the invoices paid to the events company for the food festival.',
  ])('reads a request for recorded figures or documents as FOI without the word: "%s"', (text) => {
    expect(suggest(text).kind).toBe('foi_request');
  });

  it.each([
    'How many times have I got to ring about this in the last year',
    'how many more years do we wait for a crossing, been asking since 2019',
    'How much longer? reported it in 2024',
    'A number of residents each year complain about the same thing',
    'Need a copy of my birth certificate from 1987',
    'How much is a brown bin permit for 2026?',
    'how much did they waste on this rubbish in 2024, absolute joke',
    'Thanks for the figures for last year, really helpful',
    'my council tax went up by how much in 2025?? robbery',
    "I'd like to report a dead fox on the verge outside number 12",
    'Please send me the form for a blue badge',
    'Can you send me the link to the consultation',
    'please provide a proper service, the bins were missed again',
    "I'd like my bin replaced, the lid has snapped",
  ])('does not read an everyday question or ask as FOI: "%s"', (text) => {
    expect(suggest(text).kind).not.toBe('foi_request');
  });

  it('only suggests kinds the council has configured', () => {
    const noFoi = policyWith((p) => void (p.kinds = p.kinds.filter((k) => k.id !== 'foi_request' && k.id !== 'comment')));
    expect(suggestClassification(noFoi, 'FOI request please').kind).toBeNull();
    expect(suggestClassification(noFoi, 'FOI request: how many bins?').kind).toBe('question');
  });
});
