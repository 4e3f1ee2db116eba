/** Unpadded base64url, the alphabet that survives URLs, fragments and JSON unchanged. */
export function toBase64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) {
    throw new TypeError('not base64url');
  }
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  // Only the canonical spelling: otherwise unused trailing bits would let several texts (two room
  // links, two ciphertexts) stand for the same bytes.
  if (toBase64url(bytes) !== text) throw new TypeError('not canonical base64url');
  return bytes;
}

export function randomBase64url(byteLength: number): string {
  return toBase64url(crypto.getRandomValues(new Uint8Array(byteLength)));
}
