import type { Seat } from '../../../../shared/ids.ts';
import { otherSeat } from '../../../../shared/ids.ts';
import type { RoomClient, RoomView } from '../../room/room-client.ts';
import { PartnerWishes } from './PartnerWishes.tsx';
import { SessionPanel } from './SessionPanel.tsx';
import { WishesEditor } from './WishesEditor.tsx';

/**
 * Before the session ends: starting and ending it with the regular check-ins (once the partner
 * is in), the partner's wishes once they shared them, and this person's own wishes, which they
 * may fill in while still waiting for the partner.
 */
export function BeforePanels({
  client,
  view,
  seat,
  partnerIn,
  draftRoomId,
}: {
  readonly client: RoomClient;
  readonly view: RoomView;
  readonly seat: Seat;
  readonly partnerIn: boolean;
  /** See WishesEditor. */
  readonly draftRoomId: string | null;
}) {
  const status = view.room.session.status;
  if (status === 'ended') return null;
  const partnerWishes = view.room.wishes[otherSeat(seat)];
  return (
    <>
      {partnerIn && <SessionPanel client={client} view={view} seat={seat} status={status} />}
      {partnerWishes !== null && <PartnerWishes wishes={partnerWishes} />}
      <WishesEditor client={client} view={view} seat={seat} draftRoomId={draftRoomId} />
    </>
  );
}
