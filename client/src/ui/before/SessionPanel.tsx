import type { SessionStatus } from '../../../../shared/reducer.ts';
import type { RoomClient } from '../../room/room-client.ts';
import { text } from '../text.ts';

export function SessionPanel({
  client,
  status,
}: {
  readonly client: RoomClient;
  readonly status: Exclude<SessionStatus, 'ended'>;
}) {
  return (
    <section className="panel session" aria-labelledby="session-heading">
      <h2 id="session-heading">
        {status === 'in_progress' ? text.session.inProgress : text.session.notStarted}
      </h2>
      {status === 'not_started' && <p className="session__hint">{text.session.notStartedHint}</p>}
      <div className="session__actions">
        {status === 'not_started' && (
          <button
            type="button"
            className="button button--primary button--large"
            onClick={() => client.startSession()}
          >
            {text.session.start}
          </button>
        )}
        <button
          type="button"
          className={`button button--large${status === 'in_progress' ? ' button--primary' : ''}`}
          onClick={() => client.endSession()}
        >
          {text.session.end}
        </button>
      </div>
    </section>
  );
}
