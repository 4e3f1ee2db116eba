import { useStore } from '@nanostores/react';
import { useEffect, useState } from 'react';
import type { SyntheticEvent } from 'react';
import type { Seat } from '../../../../shared/ids.ts';
import { LIMITS } from '../../../../shared/limits.ts';
import type { RoomClient, RoomView } from '../../room/room-client.ts';
import { reflectionText } from '../text/after.ts';
import { ReflectionAnswersView } from './ReflectionAnswersView.tsx';
import type { PartnerReflection } from './reflection-view.ts';
import { reflectionStage } from './reflection-view.ts';

/**
 * "What felt good?" and "What would you change?", shared sealed; each phone reveals its key once
 * both have shared (automatically) or when its person chooses "Show mine now".
 */
export function ReflectionPanel({
  client,
  view,
  seat,
}: {
  readonly client: RoomClient;
  readonly view: RoomView;
  readonly seat: Seat;
}) {
  const copy = useStore(reflectionText);
  const stage = reflectionStage(view, seat);
  const { own, partner } = stage;

  // Both have shared: this phone sends its key, once (revealReflection guards against a second).
  useEffect(() => {
    if (stage.revealDue) void client.revealReflection();
  }, [client, stage.revealDue]);

  return (
    <section className="panel reflection" aria-labelledby="reflection-heading">
      <h2 id="reflection-heading">{copy.heading}</h2>
      {own.kind === 'not_shared' ? (
        <>
          {partner.kind !== 'not_shared' && (
            <p className="reflection__note reflection__note--partner">{copy.partnerShared}</p>
          )}
          {/* They chose to show theirs now: it comes first, then the form. */}
          {partner.kind === 'readable' && <PartnerAnswers client={client} partner={partner} />}
          <ReflectionForm client={client} />
        </>
      ) : (
        <>
          {partner.kind === 'not_shared' && <p className="reflection__note">{copy.waiting}</p>}
          {partner.kind === 'not_shared' && own.revealed && (
            <p className="reflection__hint">{copy.shownToPartner}</p>
          )}
          {!own.revealed && partner.kind === 'not_shared' && (
            <button type="button" className="button" onClick={() => void client.revealReflection()}>
              {copy.showMine}
            </button>
          )}
          <ReflectionAnswersView
            client={client}
            whose="own"
            sealed={own.sealed}
            revealedKey={null}
          />
          {partner.kind === 'readable' && <PartnerAnswers client={client} partner={partner} />}
          {/* Both have shared: their phone sends its key by itself, at once if it is online. */}
          {partner.kind === 'locked' && (
            <p className="reflection__hint" aria-busy="true">
              {copy.partnerKeyComing}
            </p>
          )}
        </>
      )}
    </section>
  );
}

function PartnerAnswers({
  client,
  partner,
}: {
  readonly client: RoomClient;
  readonly partner: Extract<PartnerReflection, { kind: 'readable' }>;
}) {
  return (
    <ReflectionAnswersView
      client={client}
      whose="partner"
      sealed={partner.record.sealed}
      revealedKey={partner.record.key}
    />
  );
}

function ReflectionForm({ client }: { readonly client: RoomClient }) {
  const copy = useStore(reflectionText);
  const [good, setGood] = useState('');
  const [change, setChange] = useState('');
  const [sharing, setSharing] = useState(false);
  // The last tap queued nothing (the room closing, answers that could not be sealed): said, not
  // only the button enabled again, so the person does not take it for shared.
  const [notShared, setNotShared] = useState(false);
  const empty = good.trim() === '' && change.trim() === '';

  const share = async (event: SyntheticEvent) => {
    event.preventDefault();
    if (empty) return;
    setSharing(true);
    setNotShared(false);
    // Once queued, the panel shows the shared state; if it was not, the words stay to try again.
    const queued = await client.shareReflection({ good, change });
    setNotShared(!queued);
    setSharing(false);
  };

  return (
    <form className="reflection__form" onSubmit={(event) => void share(event)}>
      <p className="reflection__intro">{copy.intro}</p>
      <AnswerField label={copy.good} value={good} onChange={setGood} />
      <AnswerField label={copy.change} value={change} onChange={setChange} />
      <button type="submit" className="button button--primary" disabled={empty || sharing}>
        {copy.share}
      </button>
      {notShared && (
        <p className="reflection__failed" role="status">
          {copy.notShared}
        </p>
      )}
    </form>
  );
}

/** One reflection question and the person's answer to it, within the contract's length. */
function AnswerField({
  label,
  value,
  onChange,
}: {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
}) {
  return (
    <label className="field">
      <span className="field__label field__label--strong">{label}</span>
      <textarea
        className="field__input field__input--area"
        rows={3}
        value={value}
        maxLength={LIMITS.maxReflectionChars}
        onChange={(event) => {
          onChange(event.currentTarget.value);
        }}
      />
    </label>
  );
}
