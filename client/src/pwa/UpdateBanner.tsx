import { useStore } from '@nanostores/react';
import { pwaText } from '../ui/text/pwa.ts';
import { useHold } from '../ui/use-hold.ts';
import { $alertShowing } from './alert-gate.ts';
import { $update } from './update-state.ts';
import './update-banner.css';

/**
 * How long after an alert closes the banner stays away: the tap that answered the alert ("Got
 * it") must not land on "Reload to update" appearing under the same finger.
 */
const HOLD_AFTER_ALERT_MS = 700;

/**
 * "Reload to update": a small card over the top of the screen, below the quick exit button and
 * clear of the signal dock, so every control stays usable. Hidden while an alert is showing (and
 * the update refuses to apply then, should a tap get through), and for a moment after.
 */
export function UpdateBanner() {
  const t = useStore(pwaText);
  const update = useStore($update);
  const held = useHold(useStore($alertShowing), HOLD_AFTER_ALERT_MS);
  if (held) return null;
  switch (update.kind) {
    case 'none':
    case 'dismissed':
      return null;
    case 'waiting':
    case 'applying':
      break;
  }
  const applying = update.kind === 'applying';
  return (
    <aside className="pwa-update" aria-label={t.region}>
      <p className="pwa-update__text" role="status">
        {t.ready}
      </p>
      <div className="pwa-update__actions">
        <button
          type="button"
          className="button button--quiet"
          disabled={applying}
          onClick={() => {
            $update.set({ kind: 'dismissed' });
          }}
        >
          {t.later}
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={applying}
          onClick={() => {
            if (update.kind === 'waiting') update.apply();
          }}
        >
          {t.reload}
        </button>
      </div>
    </aside>
  );
}
