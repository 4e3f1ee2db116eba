import { createCipheriv, createDecipheriv, createECDH, createHmac } from 'node:crypto';

/**
 * Opens an RFC 8291 Web Push message (RFC 8188 `aes128gcm` content coding), written from the RFCs
 * with node:crypto alone, so the test does not trust the encrypter it checks (web-push uses
 * http_ece). Throws on anything malformed: a wrong key, a bad tag, bad padding, a short body.
 */

/** What a subscription's browser holds: its P-256 key pair and its 16-byte auth secret. */
export interface SubscriberKeys {
  /** Uncompressed P-256 public key (65 bytes). */
  readonly publicKey: Buffer;
  readonly privateKey: Buffer;
  readonly authSecret: Buffer;
}

const TAG_BYTES = 16;
const HEADER_FIXED_BYTES = 16 + 4 + 1; // salt, record size, key id length

function hmac(key: Buffer, data: Buffer): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

/** HKDF-Expand for one block (every length here is at most 32 bytes). */
function expandOneBlock(prk: Buffer, info: Buffer, length: number): Buffer {
  return hmac(prk, Buffer.concat([info, Buffer.from([1])])).subarray(0, length);
}

/** The record key and base nonce both sides derive (RFC 8291 §3.4, RFC 8188 §2.2-2.3). */
function recordSecrets(
  sharedSecret: Buffer,
  authSecret: Buffer,
  receiverPublicKey: Buffer,
  senderPublicKey: Buffer,
  salt: Buffer,
): { readonly contentKey: Buffer; readonly baseNonce: Buffer } {
  // The auth secret and both public keys go into the input keying material.
  const keyInfo = Buffer.concat([
    Buffer.from('WebPush: info\0', 'latin1'),
    receiverPublicKey,
    senderPublicKey,
  ]);
  const ikm = expandOneBlock(hmac(authSecret, sharedSecret), keyInfo, 32);
  const prk = hmac(salt, ikm);
  return {
    contentKey: expandOneBlock(prk, Buffer.from('Content-Encoding: aes128gcm\0', 'latin1'), 16),
    baseNonce: expandOneBlock(prk, Buffer.from('Content-Encoding: nonce\0', 'latin1'), 12),
  };
}

export function openAes128gcm(body: Buffer, keys: SubscriberKeys): Buffer {
  if (body.length < HEADER_FIXED_BYTES) throw new Error('body shorter than its header');
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const keyIdLength = body[20] ?? 0;
  // RFC 8291 §4: the key id is the sender's ephemeral public key, uncompressed.
  if (keyIdLength !== 65) throw new Error(`key id of ${keyIdLength} bytes, not a P-256 point`);
  if (recordSize < TAG_BYTES + 2) throw new Error('record size too small');
  const senderPublicKey = body.subarray(HEADER_FIXED_BYTES, HEADER_FIXED_BYTES + keyIdLength);
  const records = body.subarray(HEADER_FIXED_BYTES + keyIdLength);

  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(keys.privateKey);
  const sharedSecret = ecdh.computeSecret(senderPublicKey);

  const { contentKey, baseNonce } = recordSecrets(
    sharedSecret,
    keys.authSecret,
    keys.publicKey,
    senderPublicKey,
    salt,
  );

  const plain: Buffer[] = [];
  const recordCount = Math.ceil(records.length / recordSize);
  if (recordCount === 0) throw new Error('no records');
  for (let index = 0; index < recordCount; index += 1) {
    const record = records.subarray(index * recordSize, (index + 1) * recordSize);
    if (record.length <= TAG_BYTES) throw new Error('record shorter than its tag');
    const decipher = createDecipheriv('aes-128-gcm', contentKey, recordNonce(baseNonce, index));
    decipher.setAuthTag(record.subarray(record.length - TAG_BYTES));
    const padded = Buffer.concat([
      decipher.update(record.subarray(0, record.length - TAG_BYTES)),
      decipher.final(),
    ]);
    plain.push(unpad(padded, index === recordCount - 1));
  }
  return Buffer.concat(plain);
}

/** RFC 8188 §2.3: the record's sequence number XORed into the low bytes of the nonce. */
function recordNonce(baseNonce: Buffer, sequence: number): Buffer {
  const nonce = Buffer.from(baseNonce);
  // Sequence numbers here stay far below 2^32, so only the last four bytes change (and JS
  // bitwise operators are 32-bit).
  nonce.writeUInt32BE((nonce.readUInt32BE(8) ^ sequence) >>> 0, 8);
  return nonce;
}

/** RFC 8188 §2: data, then a delimiter (2 in the last record, 1 before), then zeros. */
function unpad(padded: Buffer, last: boolean): Buffer {
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end -= 1;
  const delimiter = padded[end];
  if (delimiter !== (last ? 2 : 1)) throw new Error('bad padding delimiter');
  return padded.subarray(0, end);
}

/**
 * Seals a message the RFC 8291 way (one record), for a self-test of `openAes128gcm` that does not
 * depend on web-push either.
 */
export function sealAes128gcm(
  plaintext: Buffer,
  keys: Pick<SubscriberKeys, 'publicKey' | 'authSecret'>,
  salt: Buffer,
): Buffer {
  const ecdh = createECDH('prime256v1');
  const senderPublicKey = ecdh.generateKeys();
  const sharedSecret = ecdh.computeSecret(keys.publicKey);
  const { contentKey, baseNonce: nonce } = recordSecrets(
    sharedSecret,
    keys.authSecret,
    keys.publicKey,
    senderPublicKey,
    salt,
  );
  const cipher = createCipheriv('aes-128-gcm', contentKey, nonce);
  const sealed = Buffer.concat([
    cipher.update(Buffer.concat([plaintext, Buffer.from([2])])),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
  const header = Buffer.alloc(HEADER_FIXED_BYTES);
  salt.copy(header, 0);
  header.writeUInt32BE(sealed.length, 16);
  header[20] = senderPublicKey.length;
  return Buffer.concat([header, senderPublicKey, sealed]);
}
