import { render } from 'preact';
import { App } from './app.tsx';
import { initLang } from './i18n/index.ts';
import './styles.css';

initLang().finally(() => {
  const root = document.getElementById('app');
  if (root) render(<App />, root);
});
