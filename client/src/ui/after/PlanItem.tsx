import { useStore } from '@nanostores/react';
import type { ItemAudience } from '../../../../shared/content.ts';
import type { ChecklistItem } from '../../../../shared/room-state.ts';
import type { RoomClient } from '../../room/room-client.ts';
import { audienceTagText, wishLabelText, type AudienceTag } from '../text.ts';
import { itemLabel } from '../view-model.ts';

/** One plan item: a checkbox named by its label, described by whom it is for. */
export function PlanItem({
  client,
  item,
  checked,
  mine,
}: {
  readonly client: RoomClient;
  readonly item: ChecklistItem;
  readonly checked: boolean;
  /** This person's own audience, so the tag reads "for you" or "for your partner". */
  readonly mine: ItemAudience;
}) {
  const tags = useStore(audienceTagText);
  const wishLabels = useStore(wishLabelText);
  const id = `item-${item.id}`;
  return (
    <li className={`item${checked ? ' item--checked' : ''}`}>
      <input
        id={id}
        className="item__box"
        type="checkbox"
        checked={checked}
        aria-describedby={`${id}-for`}
        onChange={(event) => client.setItemChecked(item.id, event.currentTarget.checked)}
      />
      <label htmlFor={id} className="item__label">
        {itemLabel(item, wishLabels)}
      </label>
      <span id={`${id}-for`} className={`item__tag item__tag--${tagKind(item.audience, mine)}`}>
        {tags[tagKind(item.audience, mine)]}
      </span>
    </li>
  );
}

const tagKind = (audience: ItemAudience, mine: ItemAudience): AudienceTag =>
  audience === 'both' ? 'both' : audience === mine ? 'you' : 'partner';
