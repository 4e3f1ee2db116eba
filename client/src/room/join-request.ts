import { deriveJoinKey, proveJoin } from '../../../shared/crypto/join-proof.ts';
import type { RequestOf } from '../../../shared/protocol.ts';
import { PROTOCOL_VERSION } from '../../../shared/protocol.ts';

/**
 * What the device says in a join: its seat credential and place in the log, and the room secret
 * the proof is made from. The secret stays on the phone: the request carries only the proof (and,
 * with `create`, the join key that checks proofs, which decrypts nothing).
 */
export type JoinPayload = Omit<RequestOf<'room:join'>, 'protocol' | 'proof' | 'joinVerifier'> & {
  readonly roomSecret: string;
};

/** The join request answering `nonce`, this connection's nonce, with this build's version. */
export async function joinRequest(
  payload: JoinPayload,
  nonce: string,
): Promise<RequestOf<'room:join'>> {
  const { roomSecret, ...fields } = payload;
  const joinKey = await deriveJoinKey(roomSecret);
  const proof = await proveJoin(joinKey, {
    nonce,
    roomId: fields.roomId,
    memberId: fields.memberId,
  });
  return {
    protocol: PROTOCOL_VERSION,
    ...fields,
    proof,
    joinVerifier: fields.create ? joinKey.verifier : null,
  };
}
