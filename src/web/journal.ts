import { controlCall } from './api.js';
import { formatTime, h, show, toast } from './dom.js';
import { jsonTree } from './json-tree.js';
import type { Page } from './page.js';

interface JournalEntry {
  id: string;
  time: string;
  method: string;
  path: string;
  status: number;
  duration_ms?: number;
  viewer?: { kind?: string; app_id?: string };
  error?: { code?: number; subcode?: number; message?: string };
  batch_index?: number;
}

interface JournalAnswer {
  data: JournalEntry[];
  summary: { retained: number; capacity: number };
}

const filters = [
  { name: 'path', label: 'Path', placeholder: 'customaudiences, /v*/me, ^/v2' },
  { name: 'status', label: 'Status', placeholder: '400, 4xx' },
  { name: 'app_id', label: 'App', placeholder: 'app id' },
  { name: 'ad_account_id', label: 'Ad account', placeholder: 'act_…' },
] as const;
const refreshEvery = 2000;

/** The request journal (GET /_graphd/requests): newest first, filtered, optionally live. */
export const journalPage: Page = (root) => {
  const inputs = filters.map(({ name, label, placeholder }) => ({ name, input: h('input', { type: 'text', class: 'mono', name, 'aria-label': label, placeholder, spellcheck: 'false' }), label }));
  const live = h('input', { type: 'checkbox', 'aria-label': 'Auto-refresh' });
  const results = h('div', { class: 'journal-results' }, h('p', { class: 'muted' }, 'Loading…'));
  const summary = h('span', { class: 'muted' });
  const opened = new Set<string>();
  let timer: ReturnType<typeof setInterval> | undefined;

  const load = async () => {
    const query = new URLSearchParams({ limit: '200' });
    for (const { name, input } of inputs) if (input.value.trim()) query.set(name, input.value.trim());
    try {
      const answer = await controlCall<JournalAnswer>('GET', `/requests?${query}`);
      summary.textContent = `${answer.data.length} shown · ${answer.summary.retained} of ${answer.summary.capacity} kept`;
      render(answer.data);
    } catch (error) {
      show(results, h('p', { class: 'error-text' }, (error as Error).message));
    }
  };

  const render = (entries: JournalEntry[]) => {
    if (entries.length === 0) return show(results, h('p', { class: 'muted' }, 'No requests match.'));
    const rows = entries.flatMap((entry) => {
      const details = h('tr', { class: 'entry-details', hidden: !opened.has(entry.id) }, h('td', { colspan: 7 }, jsonTree(entry)));
      const toggle = () => {
        details.hidden = !details.hidden;
        if (details.hidden) opened.delete(entry.id);
        else opened.add(entry.id);
      };
      return [
        h(
          'tr',
          { class: 'entry', tabindex: 0, onclick: toggle, onkeydown: (event: KeyboardEvent) => event.key === 'Enter' && toggle() },
          h('td', { class: 'muted' }, formatTime(new Date(entry.time))),
          h('td', null, entry.method),
          h('td', { class: 'mono path-cell' }, entry.path, entry.batch_index === undefined ? null : h('span', { class: 'muted' }, ` (batch #${entry.batch_index})`)),
          h('td', null, h('span', { class: `status status-${Math.floor(entry.status / 100)}xx` }, entry.status === 0 ? 'cut' : String(entry.status))),
          h('td', { class: 'num' }, entry.duration_ms === undefined ? '' : `${entry.duration_ms} ms`),
          h('td', { class: 'mono' }, entry.viewer?.app_id ?? ''),
          h('td', { class: 'error-cell' }, entry.error ? h('span', { title: entry.error.message ?? '' }, `#${entry.error.code}${entry.error.subcode ? `/${entry.error.subcode}` : ''} ${entry.error.message ?? ''}`) : null),
        ),
        details,
      ];
    });
    show(results, h('table', { class: 'table journal-table' }, h('thead', null, h('tr', null, ...['Time', 'Method', 'Path', 'Status', 'Took', 'App', 'Error'].map((title) => h('th', null, title)))), h('tbody', null, rows)));
  };

  live.addEventListener('change', () => {
    clearInterval(timer);
    timer = live.checked ? setInterval(() => void load(), refreshEvery) : undefined;
  });

  show(
    root,
    h('h1', null, 'Request journal'),
    h(
      'form',
      {
        class: 'card toolbar',
        onsubmit: (event: Event) => {
          event.preventDefault();
          void load();
        },
      },
      inputs.map(({ input, label }) => h('label', { class: 'field' }, h('span', { class: 'label' }, label), input)),
      h('button', { type: 'submit', class: 'primary' }, 'Filter'),
      h('label', { class: 'check' }, live, 'Auto-refresh'),
      h('span', { class: 'spacer' }),
      h(
        'button',
        {
          type: 'button',
          class: 'danger',
          onclick: async () => {
            if (!confirm('Forget every journal entry?')) return;
            await controlCall('DELETE', '/requests').then(() => toast('Journal cleared'), (error: Error) => toast(error.message, 'error'));
            void load();
          },
        },
        'Clear journal',
      ),
    ),
    h('section', { class: 'card' }, h('div', { class: 'card-head' }, h('h2', null, 'Requests'), summary), results),
  );
  void load();
  return () => clearInterval(timer);
};
