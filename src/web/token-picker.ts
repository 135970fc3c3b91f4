import { chooseToken, chosenTokenKey, pastedToken, setPastedToken, tokenChoices, type TokenChoice } from './credentials.js';
import { h } from './dom.js';

export interface TokenPicker {
  element: HTMLElement;
  /** Settles once the demo tokens (if any) are offered. */
  ready: Promise<void>;
  /** The token to send now. */
  token(): string;
  /** Which choice is selected (a demo token's key, or "pasted"). */
  key(): string;
  select(key: string, token?: string): void;
  /** The user picked or pasted another token. */
  onChange(listener: () => void): void;
}

/** The demo world's tokens (when the admin token is set) or a pasted one; remembered across pages. */
export function tokenPicker(): TokenPicker {
  let choices: TokenChoice[] = [];
  const listeners: (() => void)[] = [];
  const selectBox = h('select', { 'aria-label': 'Access token', class: 'token-select' });
  const pasted = h('input', { type: 'text', class: 'token-input mono', placeholder: 'EAAB… access token', 'aria-label': 'Pasted access token', spellcheck: 'false', value: pastedToken() });
  const element = h('span', { class: 'token-picker' }, selectBox, pasted);
  const changed = () => listeners.forEach((listener) => listener());
  const showPasted = () => (pasted.hidden = selectBox.value !== 'pasted');

  selectBox.addEventListener('change', () => {
    chooseToken(selectBox.value);
    showPasted();
    if (selectBox.value === 'pasted') pasted.focus();
    changed();
  });
  pasted.addEventListener('change', () => {
    setPastedToken(pasted.value.trim());
    changed();
  });

  const fill = (wanted: string) => {
    selectBox.replaceChildren(...choices.map((choice) => h('option', { value: choice.key }, choice.label)));
    selectBox.value = choices.some((choice) => choice.key === wanted) ? wanted : choices[0].key;
    showPasted();
  };
  choices = [{ key: 'pasted', label: 'Paste a token…', token: '' }];
  fill('pasted');
  const ready = tokenChoices().then((loaded) => {
    choices = loaded;
    fill(chosenTokenKey());
  });

  return {
    element,
    ready,
    token: () => (selectBox.value === 'pasted' ? pasted.value.trim() : (choices.find((choice) => choice.key === selectBox.value)?.token ?? '')),
    key: () => selectBox.value,
    select(key, token) {
      if (key === 'pasted' && token !== undefined) {
        pasted.value = token;
        setPastedToken(token);
      }
      chooseToken(key);
      fill(key);
    },
    onChange: (listener) => listeners.push(listener),
  };
}
