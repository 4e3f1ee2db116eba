import { useStore } from '@nanostores/react';
import { seatAudience } from '../../../../shared/content.ts';
import type { Seat } from '../../../../shared/ids.ts';
import type { RoomClient, RoomView } from '../../room/room-client.ts';
import { checklistText, statusText, wishGroupText } from '../text.ts';
import { aftercareTimer, planText, spaceText } from '../text/after.ts';
import { displayedChecked, queuedItems } from '../view-model.ts';
import { AddItemForm } from './AddItemForm.tsx';
import { PlanItem } from './PlanItem.tsx';
import { aftercareMinutes, displayedProgress, planGroups, spaceAsk } from './plan-view.ts';
import './after.css';

/**
 * The shared aftercare plan: who asked for space, how far along it is and for how long, and the
 * items by group, each ticked on either phone and shown on both.
 */
export function PlanPanel({
  client,
  view,
  seat,
  now,
}: {
  readonly client: RoomClient;
  readonly view: RoomView;
  readonly seat: Seat;
  readonly now: number;
}) {
  const checklist = useStore(checklistText);
  const plan = useStore(planText);
  const spaceWords = useStore(spaceText);
  const groupNames = useStore(wishGroupText);
  const mine = seatAudience(seat);
  const space = spaceAsk(view.room, seat);
  const { done, total } = displayedProgress(view);
  const { endedAt } = view.room.session;
  const pending = queuedItems(view);
  const groups = planGroups(view.room.checklist);
  const hasOther = groups.some(({ group }) => group === 'other');

  return (
    <section className="panel checklist plan" aria-labelledby="checklist-heading">
      <h2 id="checklist-heading">{checklist.heading}</h2>
      {space !== null && <p className="plan__space">{spaceWords[space]}</p>}
      <div className="plan__status">
        <p className="plan__progress">{plan.progress({ done, total })}</p>
        {endedAt !== null && (
          <p className="plan__timer">{aftercareTimer(plan, aftercareMinutes(endedAt, now))}</p>
        )}
        <div className="plan__bar" aria-hidden="true">
          <div
            className="plan__bar-fill"
            style={{ width: `${String(total === 0 ? 0 : (done / total) * 100)}%` }}
          />
        </div>
      </div>
      <p className="checklist__intro">{checklist.intro}</p>
      {groups.map(({ group, items }) => (
        <div key={group} className="plan__group" role="group" aria-labelledby={`group-${group}`}>
          <h3 id={`group-${group}`} className="plan__group-heading">
            {group === 'other' ? plan.otherGroup : groupNames[group]}
          </h3>
          <ul className="checklist__items">
            {items.map((item) => (
              <PlanItem
                key={item.id}
                client={client}
                item={item}
                checked={displayedChecked(view, item)}
                mine={mine}
              />
            ))}
            {group === 'other' && <PendingItems items={pending} />}
          </ul>
        </div>
      ))}
      {!hasOther && pending.length > 0 && (
        <ul className="checklist__items">
          <PendingItems items={pending} />
        </ul>
      )}
      <AddItemForm client={client} seat={seat} />
    </section>
  );
}

/** Items this person added that the log does not hold yet. */
function PendingItems({ items }: { readonly items: readonly { id: string; label: string }[] }) {
  const status = useStore(statusText);
  return items.map((item) => (
    <li key={item.id} className="item item--pending" aria-busy="true">
      <span className="item__label">{item.label}</span>
      <span className="item__tag">{status.sending}</span>
    </li>
  ));
}
