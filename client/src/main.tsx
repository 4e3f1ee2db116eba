import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App.tsx';
import { applyStoredTheme } from './ui/theme/apply-theme.ts';
import './styles.css';

// A theme chosen on this phone shows from the first frame (the default needs no script).
applyStoredTheme();

const root = document.getElementById('root');
if (root === null) throw new Error('no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
