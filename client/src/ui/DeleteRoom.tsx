import { useStore } from '@nanostores/react';
import { useState } from 'react';
import type { RoomClient } from '../room/room-client.ts';
import { deleteText } from './text.ts';

/** Deleting is for both partners and final, so it takes a second, deliberate tap. */
export function DeleteRoom({ client }: { readonly client: RoomClient }) {
  const t = useStore(deleteText);
  const [stage, setStage] = useState<'idle' | 'confirm' | 'deleting' | 'failed'>('idle');

  const remove = async () => {
    setStage('deleting');
    const deleted = await client.deleteRoom();
    if (!deleted) setStage('failed');
  };

  if (stage === 'idle' || stage === 'failed') {
    return (
      <div className="danger">
        <button type="button" className="button button--quiet" onClick={() => setStage('confirm')}>
          {t.deleteRoom}
        </button>
        {stage === 'failed' && (
          <p className="danger__error" role="status">
            {t.failed}
          </p>
        )}
      </div>
    );
  }
  return (
    <div className="danger danger--confirm" role="group" aria-label={t.deleteRoom}>
      <p>{t.confirm}</p>
      <div className="danger__actions">
        <button
          type="button"
          className="button button--danger"
          disabled={stage === 'deleting'}
          onClick={() => void remove()}
        >
          {t.confirmYes}
        </button>
        <button type="button" className="button" onClick={() => setStage('idle')}>
          {t.cancel}
        </button>
      </div>
    </div>
  );
}
