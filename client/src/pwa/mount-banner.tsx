import { createRoot } from 'react-dom/client';
import { UpdateBanner } from './UpdateBanner.tsx';

let mounted = false;

/**
 * Renders the banner in a root of its own beside the app's, so offering an update touches no
 * screen of the app. Quick exit hides the whole body, this root with it.
 */
export function mountUpdateBanner(): void {
  if (mounted) return;
  mounted = true;
  const host = document.createElement('div');
  host.className = 'pwa-host';
  document.body.append(host);
  createRoot(host).render(<UpdateBanner />);
}
