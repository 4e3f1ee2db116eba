import type { Seat } from '../../../../shared/ids.ts';
import type { RoomClient, RoomView } from '../../room/room-client.ts';
import { FollowUpPanel } from './FollowUpPanel.tsx';
import { FollowUpPrompt } from './FollowUpPrompt.tsx';
import { PlanPanel } from './PlanPanel.tsx';
import { ReflectionPanel } from './ReflectionPanel.tsx';
import { followUpsWaiting } from './follow-up-view.ts';
import { useNow } from './use-now.ts';

/**
 * How often the after screen reads the clock again: the aftercare minutes and a follow-up coming
 * due follow it (and it reads it again whenever the page comes back into view).
 */
const CLOCK_PERIOD_MS = 10_000;

/** Once the session has ended: a follow-up that waits, the shared plan, reflection and later. */
export function AfterPanels({
  client,
  view,
  seat,
}: {
  readonly client: RoomClient;
  readonly view: RoomView;
  readonly seat: Seat;
}) {
  const now = useNow(CLOCK_PERIOD_MS);
  const waiting = followUpsWaiting(view, seat, now);
  return (
    <>
      {waiting.length > 0 && <FollowUpPrompt client={client} waiting={waiting} />}
      <PlanPanel client={client} view={view} seat={seat} now={now} />
      <ReflectionPanel client={client} view={view} seat={seat} />
      <FollowUpPanel client={client} view={view} seat={seat} now={now} />
    </>
  );
}
