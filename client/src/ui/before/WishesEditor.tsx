import { useStore } from '@nanostores/react';
import { useState } from 'react';
import type { Seat } from '../../../../shared/ids.ts';
import type { RoomClient, RoomView, WishChoice } from '../../room/room-client.ts';
import { browserStorage } from '../../room/storage.ts';
import { wishesStatusText, wishesText } from '../text/before.ts';
import {
  forgetRememberedWishes,
  readRememberedWishes,
  rememberWishes,
} from './remembered-wishes.ts';
import { pickedCount } from './wish-choice.ts';
import { forgetWishDraft, readWishDraft, saveWishDraft } from './wish-draft.ts';
import { AfterwardsField, CatalogueFields, OwnWishesField } from './WishFields.tsx';
import { lastSharedChoice, shareStatus, startingChoice } from './wishes-view.ts';
import './chips.css';
import './wishes.css';

/**
 * "Aftercare wishes": what helps this person afterwards, picked on this phone and shown to the
 * partner only once they tap "Share with my partner". Closed until opened, so skipping it costs
 * nothing. An unshared draft is kept in this browser for the room (a reload keeps it); until the
 * person edits, the editor follows what they last shared (or what this phone remembers).
 */
export function WishesEditor({
  client,
  view,
  seat,
  draftRoomId,
}: {
  readonly client: RoomClient;
  readonly view: RoomView;
  readonly seat: Seat;
  /** The room the unshared draft is kept under in this browser; null until known. */
  readonly draftRoomId: string | null;
}) {
  const t = useStore(wishesText);
  const statusWords = useStore(wishesStatusText);
  const storage = browserStorage();
  const [open, setOpen] = useState(false);
  const [remembered] = useState(() => readRememberedWishes(storage));
  const [remembering, setRemembering] = useState(remembered !== null);
  const [edited, setEdited] = useState<WishChoice | null>(null);
  const [draftReadFor, setDraftReadFor] = useState<string | null>(null);
  if (draftRoomId !== null && draftReadFor !== draftRoomId) {
    // Once the room id is known (it is derived, so a moment after the first render): the draft
    // this browser kept through a reload, unless the person has already started editing.
    setDraftReadFor(draftRoomId);
    const kept = readWishDraft(storage, draftRoomId);
    if (kept !== null && edited === null) setEdited(kept);
  }
  const choice = edited ?? startingChoice(view, seat, remembered);
  const status = shareStatus(view, seat, choice);
  const picked = pickedCount(choice);
  const fromRemembered =
    edited === null && remembered !== null && lastSharedChoice(view, seat) === null;

  const change = (next: WishChoice) => {
    setEdited(next);
    if (draftRoomId !== null) saveWishDraft(storage, draftRoomId, next);
    if (remembering) rememberWishes(storage, next);
  };

  const share = () => {
    if (!client.shareWishes(choice)) return;
    if (remembering) rememberWishes(storage, choice);
    // From now on the editor shows what was shared, until the next edit.
    setEdited(null);
    if (draftRoomId !== null) forgetWishDraft(storage, draftRoomId);
  };

  const toggleRemember = (on: boolean) => {
    setRemembering(on);
    if (on) rememberWishes(storage, choice);
    else forgetRememberedWishes(storage);
  };

  return (
    <section className="panel wishes" aria-labelledby="wishes-heading">
      <h2 id="wishes-heading" className="wishes__heading">
        <button
          type="button"
          className="wishes__toggle"
          aria-expanded={open}
          aria-controls="wishes-editor"
          onClick={() => setOpen(!open)}
        >
          {t.open}
          <span className="wishes__chevron" aria-hidden="true" />
        </button>
      </h2>
      <p className={`wishes__status wishes__status--${status}`} role="status">
        {statusWords[status]}
        <span className="wishes__count">
          {' '}
          · {picked === 0 ? t.nothingPicked : t.summary(picked)}
        </span>
      </p>
      {/* Hidden rather than unmounted, so words typed but not yet added survive closing it. */}
      <div id="wishes-editor" className="wishes__editor" hidden={!open}>
        <p className="wishes__intro">{t.intro}</p>
        {fromRemembered && <p className="wishes__from">{t.fromRemembered}</p>}
        <CatalogueFields choice={choice} change={change} />
        <OwnWishesField choice={choice} change={change} />
        <AfterwardsField choice={choice} change={change} />
        <label className="remember">
          <input
            type="checkbox"
            className="remember__box"
            checked={remembering}
            aria-describedby="remember-hint"
            onChange={(event) => toggleRemember(event.currentTarget.checked)}
          />
          <span className="remember__label">{t.remember}</span>
        </label>
        <p id="remember-hint" className="remember__hint">
          {t.rememberHint}
        </p>
        <button
          type="button"
          className="button button--primary button--large"
          disabled={status === 'shared' || status === 'sharing'}
          onClick={share}
        >
          {t.share}
        </button>
      </div>
    </section>
  );
}
