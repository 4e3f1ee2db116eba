import { reloadToNewest } from '../pwa/start.ts';
import { text } from './text.ts';

/**
 * The server runs a newer build than this page. A reload fetches it (through the new service
 * worker, when there is one); the seat, the kept log and anything still queued are on the phone
 * and carry over.
 */
export function OutdatedScreen() {
  return (
    <main className="screen screen--notice">
      <h1 className="notice__title">{text.outdated.title}</h1>
      <p className="notice__body">{text.outdated.body}</p>
      <button type="button" className="button button--primary" onClick={reloadToNewest}>
        {text.outdated.reload}
      </button>
    </main>
  );
}
