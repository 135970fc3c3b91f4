import { controlCall } from './api.js';
import { h, show, toast } from './dom.js';
import type { Page } from './page.js';

interface FaultRule {
  id: string;
  match?: Record<string, string>;
  probability?: number;
  count?: number;
  latency_ms?: number;
  error?: { code: number; error_subcode?: number; message: string; status?: number; is_transient?: boolean };
  transport?: string;
  fired: number;
}

const matchCriteria = [
  { name: 'path', placeholder: '/v*/act_*/customaudiences' },
  { name: 'node', placeholder: 'CustomAudience' },
  { name: 'edge', placeholder: 'users' },
  { name: 'ad_account_id', placeholder: 'act_…' },
  { name: 'app_id', placeholder: 'app id' },
] as const;

/** The fault rules (/_graphd/faults, docs/faults.md): what fires, and a form to add more. */
export const faultsPage: Page = (root) => {
  const list = h('div', { class: 'fault-list' }, h('p', { class: 'muted' }, 'Loading…'));

  const load = async () => {
    try {
      render((await controlCall<{ data: FaultRule[] }>('GET', '/faults')).data);
    } catch (error) {
      show(list, h('p', { class: 'error-text' }, (error as Error).message));
    }
  };

  const act = async (what: Promise<unknown>, done: string) => {
    try {
      await what;
      toast(done);
    } catch (error) {
      toast((error as Error).message, 'error');
    }
    await load();
  };

  const render = (rules: FaultRule[]) =>
    show(
      list,
      rules.length === 0
        ? h('p', { class: 'muted' }, 'No fault rules: every call gets its normal answer.')
        : h(
            'table',
            { class: 'table faults-table' },
            h('thead', null, h('tr', null, ...['ID', 'Matches', 'Effect', 'Probability', 'Fired', ''].map((title) => h('th', null, title)))),
            h(
              'tbody',
              null,
              rules.map((rule) =>
                h(
                  'tr',
                  { 'data-rule': rule.id },
                  h('td', { class: 'mono' }, rule.id),
                  h('td', { class: 'mono' }, matchText(rule.match)),
                  h('td', null, effectText(rule)),
                  h('td', { class: 'num' }, String(rule.probability ?? 1)),
                  h('td', { class: 'num' }, rule.count === undefined ? String(rule.fired) : `${rule.fired} / ${rule.count}`),
                  h('td', null, h('button', { type: 'button', class: 'danger', onclick: () => act(controlCall('DELETE', `/faults/${encodeURIComponent(rule.id)}`), `Removed ${rule.id}`) }, 'Remove')),
                ),
              ),
            ),
          ),
    );

  show(
    root,
    h('h1', null, 'Fault injection'),
    h(
      'section',
      { class: 'card' },
      h('div', { class: 'card-head' }, h('h2', null, 'Active rules'), h('button', { type: 'button', class: 'danger', onclick: () => act(controlCall('DELETE', '/faults'), 'Every rule removed') }, 'Remove all')),
      list,
    ),
    addForm((rule) => act(controlCall('POST', '/faults', rule), 'Rule added')),
  );
  void load();
};

/** The form for the common fields of a rule, and a raw JSON box for the rest. */
function addForm(add: (rule: unknown) => Promise<void>): HTMLElement {
  const text = (name: string, placeholder = '', value = '') => h('input', { type: 'text', class: 'mono', name, placeholder, value, spellcheck: 'false' });
  const id = text('id', 'fault_… (made up when empty)');
  const method = h('select', { name: 'method' }, ...['', 'GET', 'POST', 'DELETE'].map((name) => h('option', { value: name }, name || 'any method')));
  const criteria = matchCriteria.map(({ name, placeholder }) => ({ name, input: text(name, placeholder) }));
  const effect = h('select', { name: 'effect' }, h('option', { value: 'error' }, 'Graph error'), h('option', { value: 'transport' }, 'Broken connection'), h('option', { value: 'latency' }, 'Latency only'));
  const code = text('code', '', '2');
  const subcode = text('error_subcode', 'optional');
  const message = text('message', '', 'An unexpected error has occurred. Please retry your request later.');
  const status = text('status', '', '500');
  const transient = h('input', { type: 'checkbox', name: 'is_transient', checked: true });
  const transport = h('select', { name: 'transport' }, ...['reset', 'html', 'truncated', 'stall'].map((name) => h('option', { value: name }, name)));
  const probability = text('probability', '1', '1');
  const count = text('count', 'no limit');
  const latency = text('latency_ms', 'none');
  const raw = h('textarea', { class: 'mono raw-rule', name: 'raw', 'aria-label': 'Raw JSON rule', rows: 6, spellcheck: 'false', placeholder: '{"match": {"path": "/v*/me"}, "transport": "reset"}' });

  const errorFields = h('div', { class: 'grid' }, field('code', code), field('error_subcode', subcode), field('message', message, 'wide'), field('HTTP status', status), h('label', { class: 'check' }, transient, 'is_transient'));
  const transportFields = h('div', { class: 'grid', hidden: true }, field('transport', transport));
  effect.addEventListener('change', () => {
    errorFields.hidden = effect.value !== 'error';
    transportFields.hidden = effect.value !== 'transport';
  });

  const built = (): Record<string, unknown> => {
    const match: Record<string, string> = {};
    if (method.value) match.method = method.value;
    for (const { name, input } of criteria) if (input.value.trim()) match[name] = input.value.trim();
    const rule: Record<string, unknown> = { match };
    if (id.value.trim()) rule.id = id.value.trim();
    if (probability.value.trim()) rule.probability = Number(probability.value);
    if (count.value.trim()) rule.count = Number(count.value);
    if (latency.value.trim()) rule.latency_ms = Number(latency.value);
    if (effect.value === 'error') {
      rule.error = { code: Number(code.value), message: message.value, status: Number(status.value), is_transient: transient.checked, ...(subcode.value.trim() ? { error_subcode: Number(subcode.value) } : {}) };
    }
    if (effect.value === 'transport') rule.transport = transport.value;
    return rule;
  };

  return h(
    'section',
    { class: 'card' },
    h('h2', null, 'Add a rule'),
    h(
      'form',
      {
        class: 'fault-form',
        'aria-label': 'Add a fault rule',
        onsubmit: (event: Event) => {
          event.preventDefault();
          void add(built());
        },
      },
      h('h3', { class: 'form-section' }, 'Which calls'),
      h('div', { class: 'grid' }, field('id', id), field('method', method), criteria.map(({ name, input }) => field(name, input))),
      h('h3', { class: 'form-section' }, 'What happens'),
      h('div', { class: 'grid' }, field('effect', effect), field('probability', probability), field('count', count), field('latency_ms', latency)),
      errorFields,
      transportFields,
      h('div', { class: 'row' }, h('button', { type: 'submit', class: 'primary' }, 'Add rule')),
    ),
    h(
      'details',
      { class: 'raw' },
      h('summary', null, 'Raw JSON (any field of docs/faults.md)'),
      raw,
      h(
        'div',
        { class: 'row' },
        h(
          'button',
          {
            type: 'button',
            onclick: () => {
              try {
                void add(JSON.parse(raw.value));
              } catch {
                toast('That is not JSON.', 'error');
              }
            },
          },
          'Add from JSON',
        ),
      ),
    ),
  );
}

function field(label: string, input: HTMLElement, extra = ''): HTMLElement {
  // Named after the visible label alone: a wrapped select would add its chosen option to the name.
  input.setAttribute('aria-label', label);
  return h('label', { class: `field ${extra}` }, h('span', { class: 'label' }, label), input);
}

function matchText(match: Record<string, string> | undefined): string {
  const entries = Object.entries(match ?? {});
  return entries.length === 0 ? 'every call' : entries.map(([name, value]) => `${name}=${value}`).join(' ');
}

function effectText(rule: FaultRule): string {
  const parts: string[] = [];
  if (rule.error) parts.push(`error #${rule.error.code}${rule.error.error_subcode ? `/${rule.error.error_subcode}` : ''} (HTTP ${rule.error.status ?? 400}): ${rule.error.message}`);
  if (rule.transport) parts.push(`transport: ${rule.transport}`);
  if (rule.latency_ms) parts.push(`+${rule.latency_ms} ms`);
  return parts.join(', ');
}
