import type { Seat } from '../../../../shared/ids.ts';
import type { RoomClient, RoomView } from '../../room/room-client.ts';
import { PlanPanel } from './PlanPanel.tsx';

/** Once the session has ended: the shared aftercare plan, reflection and the follow-up. */
export function AfterPanels({
  client,
  view,
  seat,
}: {
  readonly client: RoomClient;
  readonly view: RoomView;
  readonly seat: Seat;
}) {
  return <PlanPanel client={client} view={view} seat={seat} />;
}
