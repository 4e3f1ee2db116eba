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

/**
 * The relay's own page, for the browser figure (browser.ts): the same tap and the same alert as
 * Tandem's, with nothing in between: a button emits a signal-sized message, the other page puts
 * up a role="alert" element when it arrives. The room is the link's fragment.
 */
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bare relay</title>
<meta name="viewport" content="width=device-width"></head><body>
<button type="button" id="pause">Pause</button>
<script src="/socket.io/socket.io.js"></script>
<script>
const socket = io({ transports: ['websocket'] });
const roomId = location.hash.slice(1);
socket.on('session:nonce', () => socket.emit('room:join', { roomId }, () => document.body.dataset.joined = 'yes'));
socket.on('envelope', () => {
  const alert = document.createElement('div');
  alert.setAttribute('role', 'alert');
  alert.textContent = 'Pause';
  document.body.append(alert);
});
let n = 0;
document.getElementById('pause').addEventListener('click', () => {
  n += 1;
  socket.emit('envelope:send', { eventId: String(n).padEnd(22, '_'), ciphertext: 'x'.repeat(384), notify: true }, () => {});
});
</script></body></html>`;

const rooms = new Map<string, { seats: number; lastSeq: number }>();
const httpServer = createServer((request, response) => {
  response.writeHead(request.url === '/' ? 200 : 404, { 'content-type': 'text/html' });
  response.end(request.url === '/' ? PAGE : '');
});
const io = new Server(httpServer, {
  // Serves /socket.io/socket.io.js for the relay's page; nothing else changes on the wire.
  serveClient: true,
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
