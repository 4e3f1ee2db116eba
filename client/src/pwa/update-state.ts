import { atom } from 'nanostores';

/**
 * Whether a new version waits. `apply` activates it and reloads into it; it refuses (returns
 * false) while an alert is showing.
 */
export type UpdateState =
  | { readonly kind: 'none' }
  | { readonly kind: 'waiting'; readonly apply: () => boolean }
  | { readonly kind: 'dismissed' }
  | { readonly kind: 'applying' };

export const $update = atom<UpdateState>({ kind: 'none' });
