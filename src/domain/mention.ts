// A mention of the council on a network, as it arrived: the evidence a case is about.
import { z } from 'zod';
import { storable, storableText } from './storable-text.js';

export const MENTION_KINDS = ['post', 'comment', 'reply', 'mention', 'direct_message'] as const;
export type MentionKind = (typeof MENTION_KINDS)[number];

/** Network names are open (generic webhooks bring Nextdoor, TikTok, Mumsnet…), but shaped. */
export const networkNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,31}$/, 'a lower-case network name such as facebook, x, nextdoor');

const text = storableText;

/**
 * A link a person will click on a card: http(s) only (a `javascript:` or `file:` link on a card is an attack),
 * and text PostgreSQL can store.
 */
const webUrl = () => storable(z.url({ protocol: /^https?$/, error: 'must be an http or https URL' }).max(2000));

/** Stored as a PostgreSQL integer; nobody has more followers than that. */
const MAX_FOLLOWERS = 2_147_483_647;

export const mentionAuthorSchema = z.object({
  id: text(200).min(1),
  name: text(200).default(''),
  handle: text(200).default(''),
  followers: z.number().int().nonnegative().max(MAX_FOLLOWERS, `must be at most ${MAX_FOLLOWERS}`).nullable().default(null),
  verified: z.boolean().default(false),
});

export const mentionSchema = z.object({
  network: networkNameSchema,
  externalId: text(300).min(1),
  url: webUrl(),
  text: text(100_000),
  postedAt: z.iso.datetime({ offset: true }),
  kind: z.enum(MENTION_KINDS),
  author: mentionAuthorSchema,
  parent: z
    .object({
      externalId: text(300).min(1),
      text: text(100_000).default(''),
      url: webUrl().optional(),
    })
    .optional(),
  media: z
    .array(z.object({ type: z.enum(['image', 'video', 'link', 'other']), url: webUrl() }))
    .max(20)
    .optional(),
});

export type MentionInput = z.input<typeof mentionSchema>;
export type Mention = z.output<typeof mentionSchema>;

/** The thread a mention is part of: the post a comment answers, or the post itself. */
export function threadOf(mention: Pick<Mention, 'externalId' | 'parent'>): string {
  return mention.parent?.externalId ?? mention.externalId;
}

/** The key an author is known by across cases: per network, since handles are not global. */
export function authorKey(mention: Pick<Mention, 'network' | 'author'>): string {
  return `${mention.network}:${mention.author.id}`;
}
