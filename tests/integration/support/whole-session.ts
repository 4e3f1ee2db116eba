import type { ContentEvent } from '../../../shared/content.ts';
import { fromBase64url } from '../../../shared/crypto/base64url.ts';
import { SIGNAL_KINDS } from '../../../shared/signals.ts';
import { expectOk } from './client.ts';
import type { Partner } from './partner.ts';
import { sealReflection } from './sealed-reflection.ts';

/**
 * A whole session between two joined partners, as their phones would seal it: wishes with their
 * own words, regular check-ins, every signal with its receipts, the plan with an own item and
 * ticks, both reflections shared and revealed, a follow-up asked and answered, and the room kept
 * for it. What it returns is what must never be readable outside the two phones.
 */
export interface SessionTrace {
  /** Words only the partners wrote, and every content event as the JSON that was sealed. */
  readonly plaintexts: readonly string[];
  /** Room secret, member secrets, reflection keys, the content key: every form they take. */
  readonly secrets: readonly SecretForms[];
  /** Every envelope's ciphertext, as the server stored it. */
  readonly ciphertexts: readonly string[];
  /** The last sequence number of the room's log. */
  readonly lastSeq: number;
}

export interface SecretForms {
  readonly name: string;
  readonly forms: readonly Buffer[];
}

// Words only the partners write, each unlike anything a server or a file format would hold.
export const SESSION_WORDS = {
  ownWishA: 'Quetzal blanket 8842',
  ownWishB: 'Saffron walk 3391',
  item: 'Tamarind cocoa 6620',
  good: 'Vellichor-calm-5107',
  change: 'Halcyon-slower-2284',
  note: 'Petrichor-tired-but-fine-7730',
} as const;

const HKDF_SALT = new TextEncoder().encode('tandem/v1');

/**
 * The content key's bytes. The phone derives it non-extractable (shared/crypto/codec.ts); this
 * mirrors that derivation so the test knows the bytes to look for.
 */
async function contentKeyBytes(roomSecret: string): Promise<Uint8Array> {
  const material = await crypto.subtle.importKey('raw', fromBase64url(roomSecret), 'HKDF', false, [
    'deriveBits',
  ]);
  const info = new TextEncoder().encode('content-key');
  const bits = await crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: HKDF_SALT, info },
    material,
    256,
  );
  return new Uint8Array(bits);
}

/** A secret's bytes, and the text forms they could be written in. */
export function formsOf(name: string, bytes: Uint8Array): SecretForms {
  const raw = Buffer.from(bytes);
  const texts = [
    raw.toString('base64url'),
    raw.toString('base64'),
    raw.toString('hex'),
    raw.toString('hex').toUpperCase(),
  ];
  return { name, forms: [raw, ...texts.map((text) => Buffer.from(text, 'utf8'))] };
}

export async function runWholeSession(
  a: Partner,
  b: Partner,
  keepUntil: number,
): Promise<SessionTrace> {
  const plaintexts: string[] = Object.values(SESSION_WORDS);
  let lastSeq = 0;
  const send = async (from: Partner, event: ContentEvent) => {
    plaintexts.push(JSON.stringify(event));
    const sent = await from.sendOk(event);
    lastSeq = Math.max(lastSeq, sent.seq);
    return sent;
  };

  await send(a, {
    type: 'wishes_shared',
    wishes: ['water', 'hug'],
    own: [SESSION_WORDS.ownWishA],
    afterwards: 'company',
  });
  await send(b, {
    type: 'wishes_shared',
    wishes: ['shower'],
    own: [SESSION_WORDS.ownWishB],
    afterwards: 'space',
  });
  await send(b, { type: 'regular_check_ins_set', everyMinutes: 15 });
  await send(a, { type: 'session_started' });
  for (const [from, to] of [
    [a, b],
    [b, a],
  ] as const) {
    for (const kind of SIGNAL_KINDS) {
      const { eventId } = await send(from, { type: 'signal', kind });
      await to.received(eventId);
      await send(to, { type: 'signal_delivered', signalId: eventId });
      await send(
        to,
        kind === 'check_in'
          ? { type: 'check_in_answer', signalId: eventId, answer: 'okay' }
          : { type: 'signal_seen', signalIds: [eventId] },
      );
    }
  }
  await send(b, { type: 'session_ended' });
  await send(a, {
    type: 'checklist_item_added',
    itemId: 'own-item-1',
    label: SESSION_WORDS.item,
    audience: 'both',
  });
  await send(b, { type: 'checklist_item_checked', itemId: 'own-item-1', checked: true });
  await send(a, { type: 'checklist_item_checked', itemId: 'wish-water', checked: true });

  const mine = await sealReflection({ good: SESSION_WORDS.good, change: SESSION_WORDS.change });
  const theirs = await sealReflection({ good: SESSION_WORDS.good, change: '' });
  await send(a, { type: 'reflection_shared', sealed: mine.sealed });
  await send(b, { type: 'reflection_shared', sealed: theirs.sealed });
  await send(a, { type: 'reflection_revealed', key: mine.key });
  await send(b, { type: 'reflection_revealed', key: theirs.key });

  await send(b, { type: 'follow_up_set', first: 'hours', alsoLater: true });
  const asked = await send(a, { type: 'follow_up_asked' });
  await send(b, {
    type: 'follow_up_answer',
    covers: [{ type: 'asked', askId: asked.eventId }],
    mood: 'low',
    note: SESSION_WORDS.note,
  });
  expectOk(await a.client.request('room:keep', { until: keepUntil }));

  await Promise.all([a.holdsUpTo(lastSeq), b.holdsUpTo(lastSeq)]);
  const ciphertexts = [...a.held.values()].map((envelope) => envelope.ciphertext);
  return {
    plaintexts,
    secrets: [
      formsOf('room secret', fromBase64url(a.roomSecret)),
      formsOf("A's member secret", fromBase64url(a.memberSecret)),
      formsOf("B's member secret", fromBase64url(b.memberSecret)),
      formsOf('content key', await contentKeyBytes(a.roomSecret)),
      formsOf("A's reflection key", fromBase64url(mine.key)),
      formsOf("B's reflection key", fromBase64url(theirs.key)),
    ],
    ciphertexts,
    lastSeq,
  };
}
