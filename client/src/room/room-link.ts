import { fromBase64url } from '../../../shared/crypto/base64url.ts';
import { RoomSecret } from '../../../shared/ids.ts';

/**
 * A room's link carries its secret in the URL fragment, which browsers never send to a server:
 * https://host/#<secret>.
 */
export type LinkTarget =
  | { readonly kind: 'home' }
  | { readonly kind: 'room'; readonly secret: string }
  | { readonly kind: 'invalid' };

export function parseFragment(hash: string): LinkTarget {
  const fragment = hash.replace(/^#/, '');
  if (fragment === '') return { kind: 'home' };
  return RoomSecret.safeParse(fragment).success && isCanonical(fragment)
    ? { kind: 'room', secret: fragment }
    : { kind: 'invalid' };
}

function isCanonical(text: string): boolean {
  try {
    fromBase64url(text);
    return true;
  } catch {
    return false;
  }
}

export const inviteLink = (origin: string, secret: string): string => `${origin}/#${secret}`;
