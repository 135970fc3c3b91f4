import { h } from './dom.js';

export interface Suggestion {
  name: string;
  /** The field's type, or "connection" for an edge. */
  detail: string;
  description?: string;
}

const shown = 12;

/**
 * Suggests names for the word under the caret of a `fields=` input (`id,na|` or
 * `adaccounts{na|`): arrows move, Enter or Tab takes, Escape closes.
 */
export function fieldAutocomplete(input: HTMLInputElement, load: () => Promise<Suggestion[]>): HTMLElement {
  const list = h('ul', { class: 'suggestions', role: 'listbox', hidden: true });
  let matches: Suggestion[] = [];
  let active = 0;
  let generation = 0;

  const word = () => {
    const before = input.value.slice(0, input.selectionStart ?? input.value.length);
    const start = Math.max(before.lastIndexOf(','), before.lastIndexOf('{'), before.lastIndexOf('}')) + 1;
    return { start, text: before.slice(start).trim() };
  };

  const close = () => {
    list.hidden = true;
    matches = [];
  };

  const render = () => {
    list.replaceChildren(
      ...matches.map((suggestion, index) =>
        h(
          'li',
          {
            role: 'option',
            class: index === active ? 'active' : '',
            'aria-selected': String(index === active),
            title: suggestion.description ?? '',
            onmousedown: (event: Event) => {
              event.preventDefault();
              take(suggestion);
            },
          },
          h('span', { class: 'suggestion-name mono' }, suggestion.name),
          h('span', { class: `suggestion-detail${suggestion.detail === 'connection' ? ' edge' : ''}` }, suggestion.detail),
        ),
      ),
    );
    list.hidden = matches.length === 0;
  };

  const refresh = async () => {
    const mine = ++generation;
    const all = await load().catch(() => []);
    if (mine !== generation || document.activeElement !== input) return;
    const text = word().text.toLowerCase();
    const starts = all.filter((s) => s.name.toLowerCase().startsWith(text));
    const contains = all.filter((s) => !s.name.toLowerCase().startsWith(text) && s.name.toLowerCase().includes(text));
    matches = [...starts, ...contains].filter((s) => s.name.toLowerCase() !== text).slice(0, shown);
    active = 0;
    render();
  };

  const take = (suggestion: Suggestion) => {
    const { start } = word();
    const end = input.selectionStart ?? input.value.length;
    const rest = input.value.slice(end).replace(/^[^,{}]*/, '');
    input.value = input.value.slice(0, start) + suggestion.name + rest;
    const caret = start + suggestion.name.length;
    input.setSelectionRange(caret, caret);
    input.dispatchEvent(new Event('change'));
    close();
  };

  input.setAttribute('autocomplete', 'off');
  input.setAttribute('role', 'combobox');
  input.addEventListener('input', () => void refresh());
  input.addEventListener('focus', () => void refresh());
  input.addEventListener('blur', close);
  input.addEventListener('keydown', (event) => {
    if (list.hidden) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      active = (active + (event.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length;
      render();
    } else if (event.key === 'Enter' || event.key === 'Tab') take(matches[active]);
    else if (event.key === 'Escape') close();
    else return;
    event.preventDefault();
    event.stopPropagation();
  });
  return h('div', { class: 'autocomplete' }, input, list);
}
