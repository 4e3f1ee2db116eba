import { useStore } from '@nanostores/react';
import type { SharedWishes } from '../../../../shared/room-state.ts';
import { wishGroupText, wishLabelText } from '../text.ts';
import { afterwardsWordsText, partnerWishesText } from '../text/before.ts';
import { wishesByGroup } from './wishes-view.ts';
import './chips.css';
import './partner-wishes.css';

/** What the partner shared, as they last shared it: updated whenever they share again. */
export function PartnerWishes({ wishes }: { readonly wishes: SharedWishes }) {
  const groups = wishesByGroup(wishes.wishes);
  const copy = useStore(partnerWishesText);
  const afterwardsWords = useStore(afterwardsWordsText);
  const groupNames = useStore(wishGroupText);
  const wishLabels = useStore(wishLabelText);
  return (
    <section className="panel partner-wishes" aria-labelledby="partner-wishes-heading">
      <h2 id="partner-wishes-heading">{copy.heading}</h2>
      {groups.length === 0 && wishes.own.length === 0 && (
        <p className="partner-wishes__none">{copy.nothingPicked}</p>
      )}
      {groups.map(({ group, wishes: picked }) => (
        <WishList
          key={group}
          id={`partner-${group}`}
          title={groupNames[group]}
          labels={picked.map((wish) => wishLabels[wish])}
        />
      ))}
      {wishes.own.length > 0 && (
        <WishList id="partner-own" title={copy.ownGroup} labels={wishes.own} />
      )}
      {wishes.afterwards !== null && (
        <p className="partner-wishes__afterwards">
          {copy.afterwards({ what: afterwardsWords[wishes.afterwards] })}
        </p>
      )}
    </section>
  );
}

function WishList({
  id,
  title,
  labels,
}: {
  readonly id: string;
  readonly title: string;
  readonly labels: readonly string[];
}) {
  return (
    <div className="partner-wishes__group">
      <h3 id={id} className="partner-wishes__title">
        {title}
      </h3>
      <ul className="chips chips--static" aria-labelledby={id}>
        {/* Keyed by place as well as words: the list shows as shared and never reorders, so keys
            stay stable and apart without leaning on the contract's each-once rule. */}
        {labels.map((label, index) => (
          <li key={`${String(index)}:${label}`} className="chip chip--static">
            {label}
          </li>
        ))}
      </ul>
    </div>
  );
}
