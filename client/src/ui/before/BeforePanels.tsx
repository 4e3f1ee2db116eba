import type { Seat } from '../../../../shared/ids.ts';
import type { RoomClient, RoomView } from '../../room/room-client.ts';
import { SessionPanel } from './SessionPanel.tsx';

/** Before the session ends: starting and ending it, and what the partners agree in advance. */
export function BeforePanels({
  client,
  view,
}: {
  readonly client: RoomClient;
  readonly view: RoomView;
  readonly seat: Seat;
}) {
  const status = view.room.session.status;
  if (status === 'ended') return null;
  return <SessionPanel client={client} status={status} />;
}
