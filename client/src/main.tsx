import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { followLocale } from './i18n/document-language.ts';
import { translationsReady } from './i18n/i18n.ts';
import { parseFragment } from './room/room-link.ts';
import { App } from './ui/App.tsx';
import { roomScreen } from './ui/LazyRoomScreen.tsx';
import { text } from './ui/text.ts';
import { applyStoredTheme } from './ui/theme/apply-theme.ts';
import './styles.css';
import './shell.css';

// A room link needs the room chunk at once: ask for it before React's first render so its download
// overlaps React starting up (the start page never fetches it unless a room is started).
if (parseFragment(window.location.hash).kind === 'room') roomScreen.preload();

// A theme chosen on this phone shows from the first frame (the default needs no script).
applyStoredTheme();

const root = document.getElementById('root');
if (root === null) throw new Error('no #root element');
followLocale(document.documentElement);
// A phone in another language than English waits for its catalogue (one small chunk) before the
// first render, rather than showing English and then swapping every word. createRoot replaces the
// static start screen in index.html (painted before any script ran).
// The first render is a transition so React renders it in slices, yielding to the browser between
// them: a slow phone stays responsive to a tap while it starts, rather than blocked for one long
// task (the static start screen is on show meanwhile).
void translationsReady(text).then(() => {
  const reactRoot = createRoot(root);
  startTransition(() => {
    reactRoot.render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  });
});
