/**
 * The address a request counts against. With `trustProxy` hops in front, the hop nearest the
 * server appended the address it saw to X-Forwarded-For, the next one before it, and so on: the
 * client's address is `trustProxy` entries from the right of [...X-Forwarded-For, socket peer].
 * Entries further left were written by the client itself and are never believed. With 0 (no
 * proxy) the socket's peer is the address, whatever the header says. A list shorter than the
 * hops trusted yields its leftmost entry (the furthest address any trusted hop vouched for).
 */
export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustProxy: number,
): string {
  const self = normalize(peer ?? 'unknown');
  if (trustProxy === 0) return self;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '');
  const hops = header
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  const chain = [...hops.map(normalize), self];
  return chain[Math.max(0, chain.length - 1 - trustProxy)] ?? self;
}

/** `::ffff:1.2.3.4` (IPv4 seen on a dual-stack socket) and `1.2.3.4` are one address. */
function normalize(address: string): string {
  const lower = address.toLowerCase();
  return lower.startsWith('::ffff:') && lower.includes('.') ? lower.slice(7) : lower;
}
