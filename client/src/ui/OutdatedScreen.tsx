import { useStore } from '@nanostores/react';
import { reloadToNewest } from '../pwa/start.ts';
import { noticeText } from './text.ts';

/**
 * The server runs a newer build than this page. A reload fetches it (through the new service
 * worker, when there is one); the seat, the kept log and anything still queued are on the phone
 * and carry over.
 */
export function OutdatedScreen() {
  const t = useStore(noticeText);
  return (
    <main className="screen screen--notice">
      <h1 className="notice__title">{t.outdatedTitle}</h1>
      <p className="notice__body">{t.outdatedBody}</p>
      <button type="button" className="button button--primary" onClick={reloadToNewest}>
        {t.outdatedReload}
      </button>
    </main>
  );
}
