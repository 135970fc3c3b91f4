import { graphGet, graphVersion } from './api.js';
import { demoCredentials } from './credentials.js';
import { formatNumber, formatTime, h, show } from './dom.js';
import type { Page } from './page.js';
import { sessionChart, type SessionPoint } from './session-chart.js';
import { tokenPicker, type TokenPicker } from './token-picker.js';

interface Status {
  code: number;
  description: string;
}

interface Audience {
  id: string;
  name?: string;
  subtype?: string;
  description?: string;
  approximate_count_lower_bound?: number;
  approximate_count_upper_bound?: number;
  operation_status?: Status;
  delivery_status?: Status;
  time_updated?: number;
}

interface Session {
  session_id: string;
  start_time: string;
  end_time: string;
  num_received: string;
  num_matched: string;
  num_invalid_entries: string;
  progress: string;
  stage: string;
}

interface Listing<T> {
  data: T[];
  paging?: { cursors?: { after?: string }; next?: string };
}

const accountKey = 'graphd.ad_account';
const audienceFields = 'id,name,subtype,approximate_count_lower_bound,approximate_count_upper_bound,operation_status,delivery_status';

/** An ad account's custom audiences; #/audiences/{id} shows one audience and its upload sessions. */
export const audiencesPage: Page = (root, route) => {
  const tokens = tokenPicker();
  const audienceId = route[0];
  if (audienceId) audienceDetail(root, audienceId, tokens);
  else audienceList(root, tokens);
};

function audienceList(root: HTMLElement, tokens: TokenPicker): void {
  const account = h('input', { type: 'text', class: 'mono account', 'aria-label': 'Ad account', placeholder: 'act_…', spellcheck: 'false', value: localStorage.getItem(accountKey) ?? '' });
  const results = h('div', { class: 'audience-results' });

  const load = async (after?: string) => {
    const id = account.value.trim();
    if (!id) return show(results, h('p', { class: 'muted' }, 'Type an ad account id (act_…) to list its audiences.'));
    localStorage.setItem(accountKey, id);
    if (!after) show(results, h('p', { class: 'muted' }, 'Loading…'));
    try {
      const params: Record<string, string> = { fields: audienceFields, limit: '25', ...(after ? { after } : {}) };
      const listing = await graphGet<Listing<Audience>>(`/${graphVersion}/${id.startsWith('act_') ? id : `act_${id}`}/customaudiences`, params, tokens.token());
      renderRows(listing, Boolean(after));
    } catch (error) {
      show(results, h('p', { class: 'error-text' }, (error as Error).message));
    }
  };

  const renderRows = (listing: Listing<Audience>, more: boolean) => {
    let body = results.querySelector('tbody');
    if (!more || !body) {
      body = h('tbody');
      show(
        results,
        listing.data.length === 0
          ? h('p', { class: 'muted' }, 'This ad account has no custom audiences yet.')
          : h('table', { class: 'table audiences-table' }, h('thead', null, h('tr', null, ...['Name', 'ID', 'Subtype', 'Size', 'Operation status', 'Delivery status'].map((title) => h('th', null, title)))), body),
      );
    }
    results.querySelector('.more')?.remove();
    for (const audience of listing.data) {
      body.append(
        h(
          'tr',
          null,
          h('td', null, h('a', { href: `#/audiences/${audience.id}` }, audience.name || '(no name)')),
          h('td', { class: 'mono' }, audience.id),
          h('td', null, audience.subtype ?? ''),
          h('td', { class: 'num' }, sizeOf(audience)),
          h('td', null, statusPill(audience.operation_status)),
          h('td', null, statusPill(audience.delivery_status)),
        ),
      );
    }
    const after = listing.paging?.next ? listing.paging.cursors?.after : undefined;
    if (after) results.append(h('button', { type: 'button', class: 'more', onclick: () => void load(after) }, 'Load more'));
  };

  show(
    root,
    h('h1', null, 'Custom audiences'),
    h(
      'form',
      {
        class: 'card toolbar',
        onsubmit: (event: Event) => {
          event.preventDefault();
          void load();
        },
      },
      h('label', { class: 'label' }, 'Token'),
      tokens.element,
      h('label', { class: 'label' }, 'Ad account'),
      account,
      h('button', { type: 'submit', class: 'primary' }, 'Load'),
    ),
    h('section', { class: 'card' }, results),
  );
  void Promise.all([demoCredentials(), tokens.ready]).then(([demo]) => {
    if (!account.value && demo) account.value = demo.ad_account_id;
    void load();
    tokens.onChange(() => void load());
  });
}

function audienceDetail(root: HTMLElement, id: string, tokens: TokenPicker): void {
  const summary = h('section', { class: 'card audience-summary' }, h('p', { class: 'muted' }, 'Loading…'));
  const sessions = h('section', { class: 'card sessions' });

  const load = async () => {
    try {
      const [audience, listing] = await Promise.all([
        graphGet<Audience>(`/${graphVersion}/${id}`, { fields: `${audienceFields},description,time_updated` }, tokens.token()),
        graphGet<Listing<Session>>(`/${graphVersion}/${id}/sessions`, { limit: '100' }, tokens.token()),
      ]);
      renderSummary(audience);
      renderSessions(listing.data);
    } catch (error) {
      show(summary, h('p', { class: 'error-text' }, (error as Error).message));
      show(sessions);
    }
  };

  const renderSummary = (audience: Audience) =>
    show(
      summary,
      h('div', { class: 'card-head' }, h('h2', null, audience.name || '(no name)'), h('button', { type: 'button', onclick: () => void load() }, 'Refresh')),
      audience.description ? h('p', { class: 'muted' }, audience.description) : null,
      h(
        'dl',
        { class: 'facts' },
        h('dt', null, 'ID'),
        h('dd', { class: 'mono' }, audience.id),
        h('dt', null, 'Subtype'),
        h('dd', null, audience.subtype ?? ''),
        h('dt', null, 'Size'),
        h('dd', null, sizeOf(audience)),
        h('dt', null, 'Operation status'),
        h('dd', null, statusPill(audience.operation_status)),
        h('dt', null, 'Delivery status'),
        h('dd', null, statusPill(audience.delivery_status)),
        audience.time_updated ? [h('dt', null, 'Updated'), h('dd', null, formatTime(new Date(audience.time_updated * 1000)))] : null,
      ),
    );

  const renderSessions = (list: Session[]) => {
    const oldestFirst = [...list].sort((a, b) => Number(a.start_time) - Number(b.start_time));
    show(
      sessions,
      h('h2', null, 'Upload sessions'),
      sessionChart(chartPoints(oldestFirst)),
      list.length === 0
        ? null
        : h(
            'table',
            { class: 'table sessions-table' },
            h('thead', null, h('tr', null, ...['Session', 'Started', 'Stage', 'Progress', ''].map((title) => h('th', null, title)))),
            h(
              'tbody',
              null,
              list.map((session) =>
                h(
                  'tr',
                  { 'data-session': session.session_id },
                  h('td', { class: 'mono' }, session.session_id),
                  h('td', null, formatTime(new Date(Number(session.start_time) * 1000))),
                  h('td', null, session.stage),
                  h('td', { class: 'num' }, `${session.progress}%`),
                  h('td', { class: 'progress-cell' }, sessionBar(session)),
                ),
              ),
            ),
          ),
    );
  };

  show(root, h('p', null, h('a', { href: '#/audiences', class: 'back' }, '← All audiences')), summary, sessions);
  void tokens.ready.then(() => {
    void load();
    tokens.onChange(() => void load());
  });
}

/**
 * A session's progress bar (received of estimated; full once finished) and its figures:
 * rows received, invalid rows, and the audience's matched size once the session ended.
 */
function sessionBar(session: Session): HTMLElement {
  const matched = Number(session.num_matched);
  return h(
    'div',
    { class: 'session-progress' },
    h('div', { class: 'bar', role: 'progressbar', 'aria-valuenow': session.progress, 'aria-valuemin': 0, 'aria-valuemax': 100 }, h('span', { class: `bar-fill bar-${session.stage}`, style: `width:${Number(session.progress)}%` })),
    h(
      'span',
      { class: 'bar-figures' },
      h('span', { 'data-figure': 'received' }, formatNumber(Number(session.num_received))),
      ' received · ',
      h('span', { class: 'text-invalid', 'data-figure': 'invalid' }, formatNumber(Number(session.num_invalid_entries))),
      ' invalid · ',
      h('span', { class: 'text-matched', 'data-figure': 'matched', title: 'The audience\u2019s matched size when the session ended' }, matched < 0 ? '—' : formatNumber(matched)),
      ' matched',
    ),
  );
}

/** Per ended session: the matched size it left, and that size over every row received so far. */
function chartPoints(oldestFirst: Session[]): SessionPoint[] {
  let received = 0;
  const points: SessionPoint[] = [];
  for (const session of oldestFirst) {
    received += Number(session.num_received) - Number(session.num_invalid_entries);
    const matched = Number(session.num_matched);
    if (matched < 0) continue;
    points.push({ label: formatTime(new Date(Number(session.start_time) * 1000)).slice(5, 16), matched, rate: received > 0 ? Math.min(1, matched / received) : 0 });
  }
  return points;
}

function sizeOf(audience: Audience): string {
  const lower = audience.approximate_count_lower_bound;
  const upper = audience.approximate_count_upper_bound;
  if (lower === undefined || upper === undefined || lower < 0 || upper < 0) return 'not yet known';
  return `${formatNumber(lower)} – ${formatNumber(upper)}`;
}

function statusPill(status: Status | undefined): HTMLElement | null {
  if (!status) return null;
  return h('span', { class: `pill ${status.code === 200 ? 'pill-ok' : 'pill-wait'}`, title: status.description }, `${status.code} · ${status.description}`);
}
