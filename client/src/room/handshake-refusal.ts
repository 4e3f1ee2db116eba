import { atom } from 'nanostores';

/** Why the server refused the socket's handshake (server/limits/handshake.ts). */
export type HandshakeRefusal = 'origin_not_allowed' | 'too_many_connections';

const REFUSALS: readonly HandshakeRefusal[] = ['origin_not_allowed', 'too_many_connections'];

/** The refusal the server last gave this page's connection, or null when it connects. */
export const handshakeRefusal = atom<HandshakeRefusal | null>(null);

/** What /connect-check answered, read without trusting it: anything unexpected is no reason. */
export function refusalOf(answer: unknown): HandshakeRefusal | null {
  if (typeof answer !== 'object' || answer === null) return null;
  const refused = (answer as { refused?: unknown }).refused;
  return REFUSALS.find((reason) => reason === refused) ?? null;
}

/**
 * Asks the server why a connection failed. A browser learns nothing from a refused WebSocket
 * upgrade, so the phone asks once per failure; a network that is simply down answers nothing and
 * leaves the reason as it was.
 */
export async function learnWhyRefused(fetcher: typeof fetch = fetch): Promise<void> {
  try {
    const response = await fetcher(`/connect-check?origin=${encodeURIComponent(location.origin)}`, {
      cache: 'no-store',
    });
    handshakeRefusal.set(response.ok ? refusalOf(await response.json()) : null);
  } catch {
    // Unreachable: the opening screen already says so.
  }
}
