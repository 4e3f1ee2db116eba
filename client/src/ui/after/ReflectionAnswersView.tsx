import { useStore } from '@nanostores/react';
import type { RoomClient } from '../../room/room-client.ts';
import { reflectionText } from '../text/after.ts';
import { useReflectionAnswers } from './use-reflection-answers.ts';

/** One partner's answers, opened on this phone: a heading, then each question and answer. */
export function ReflectionAnswersView({
  client,
  whose,
  sealed,
  revealedKey,
}: {
  readonly client: RoomClient;
  readonly whose: 'own' | 'partner';
  readonly sealed: string;
  /** The partner's revealed key; null for this person's own. */
  readonly revealedKey: string | null;
}) {
  const copy = useStore(reflectionText);
  const opened = useReflectionAnswers(client, whose, sealed, revealedKey);
  const heading = whose === 'own' ? copy.yours : copy.theirs;
  const id = `reflection-${whose}`;
  return (
    <article className={`answers answers--${whose}`} aria-labelledby={id}>
      <h3 id={id} className="answers__heading">
        {heading}
      </h3>
      {opened.kind === 'opening' && (
        <p className="answers__status" aria-busy="true">
          {copy.opening}
        </p>
      )}
      {opened.kind === 'failed' && <p className="answers__status">{copy.couldNotOpen}</p>}
      {opened.kind === 'opened' && (
        <dl className="answers__list">
          <dt>{copy.good}</dt>
          <dd>{opened.answers.good.trim() === '' ? copy.blank : opened.answers.good}</dd>
          <dt>{copy.change}</dt>
          <dd>{opened.answers.change.trim() === '' ? copy.blank : opened.answers.change}</dd>
        </dl>
      )}
    </article>
  );
}
