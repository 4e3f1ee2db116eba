// The baseline of `npm run bench`: a bare socket.io relay in its own process, speaking just enough
// of Tandem's wire contract for the same load to run against it. A join puts the connection in
// its room (no proof checked, nothing stored); a send is forwarded to the other member and
// acknowledged at once. Same transport settings as the server (server/app.ts): WebSocket only,
// the same largest message, no per-message compression (socket.io's default, which ours keeps).
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { LIMITS } from '../shared/limits.ts';

interface RelayMember {
  roomId: string;
  seat: 0 | 1;
}

const rooms = new Map<string, { seats: number; lastSeq: number }>();
const httpServer = createServer();
const io = new Server(httpServer, {
  serveClient: false,
  maxHttpBufferSize: LIMITS.maxMessageBytes,
  transports: ['websocket'],
  allowUpgrades: false,
  perMessageDeflate: false,
});

io.on('connection', (socket) => {
  let member: RelayMember | null = null;
  socket.emit('session:nonce', { nonce: randomBytes(32).toString('base64url') });
  socket.on('room:join', (request: { roomId: string }, ack: (reply: unknown) => void) => {
    const room = rooms.get(request.roomId) ?? { seats: 0, lastSeq: 0 };
    rooms.set(request.roomId, room);
    member = { roomId: request.roomId, seat: room.seats % 2 === 0 ? 0 : 1 };
    room.seats += 1;
    void socket.join(request.roomId);
    ack({
      ok: true,
      seat: member.seat,
      incarnation: 'relay',
      lastSeq: room.lastSeq,
      envelopes: [],
      complete: true,
    });
  });
  socket.on(
    'envelope:send',
    (
      envelope: { eventId: string; ciphertext: string; notify: boolean },
      ack: (reply: unknown) => void,
    ) => {
      const room = member === null ? undefined : rooms.get(member.roomId);
      if (member === null || room === undefined) {
        ack({ ok: false, error: { code: 'not_joined' } });
        return;
      }
      room.lastSeq += 1;
      socket.to(member.roomId).emit('envelope', {
        seq: room.lastSeq,
        seat: member.seat,
        storedAt: Date.now(),
        ...envelope,
      });
      ack({ ok: true, seq: room.lastSeq, duplicate: false });
    },
  );
});

httpServer.listen(Number(process.env.PORT), '127.0.0.1');
process.once('SIGTERM', () => {
  void io.close().then(() => process.exit(0));
});
