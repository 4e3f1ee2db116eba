import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { followLocale } from './i18n/document-language.ts';
import { translationsReady } from './i18n/i18n.ts';
import { App } from './ui/App.tsx';
import { text } from './ui/text.ts';
import './styles.css';

const root = document.getElementById('root');
if (root === null) throw new Error('no #root element');
followLocale(document.documentElement);
// A phone in another language than English waits for its catalogue (one small chunk) before the
// first render, rather than showing English and then swapping every word.
void translationsReady(text).then(() => {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
