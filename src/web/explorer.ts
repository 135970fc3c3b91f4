import { graphCall, graphVersion, usageHeaders, type GraphAnswer, type GraphRequest } from './api.js';
import { copyText, curlOf } from './curl.js';
import { h, show, toast } from './dom.js';
import { fieldAutocomplete } from './field-autocomplete.js';
import { forgetHistory, readHistory, remember, type HistoryEntry } from './history.js';
import { jsonTree, setAllOpen } from './json-tree.js';
import { fieldSuggestions } from './metadata.js';
import type { Page } from './page.js';
import { tokenPicker } from './token-picker.js';

/** The Graph API Explorer: build a call, send it with a token, read the answer. */
export const explorerPage: Page = (root) => {
  const tokens = tokenPicker();
  const method = h('select', { 'aria-label': 'Method', class: 'method' }, ...['GET', 'POST', 'DELETE'].map((name) => h('option', { value: name }, name)));
  const path = h('input', { type: 'text', class: 'path mono', 'aria-label': 'Path', value: `/${graphVersion}/me`, spellcheck: 'false' });
  const fields = h('input', { type: 'text', class: 'fields mono', 'aria-label': 'Fields', value: 'id,name', placeholder: 'id,name,…', spellcheck: 'false' });
  const params = h('div', { class: 'params' });
  const response = h('section', { class: 'card response', 'aria-label': 'Response' }, h('p', { class: 'muted' }, 'Send a request to see the answer here.'));
  const historyList = h('ol', { class: 'history-list' });

  const addParam = (name = '', value = '') => {
    const row = h(
      'div',
      { class: 'param-row' },
      h('input', { type: 'text', class: 'param-name mono', placeholder: 'name', 'aria-label': 'Param name', value: name, spellcheck: 'false' }),
      h('input', { type: 'text', class: 'param-value mono', placeholder: 'value', 'aria-label': 'Param value', value, spellcheck: 'false' }),
      h('button', { type: 'button', class: 'icon-button', title: 'Remove this param', 'aria-label': 'Remove param', onclick: () => row.remove() }, '×'),
    );
    params.append(row);
  };

  const currentRequest = (): GraphRequest => {
    const rows = [...params.querySelectorAll('.param-row')].map((row) => [
      (row.querySelector('.param-name') as HTMLInputElement).value.trim(),
      (row.querySelector('.param-value') as HTMLInputElement).value,
    ]) as [string, string][];
    const selection = fields.value.trim();
    return { method: method.value, path: path.value.trim(), params: [...(selection ? [['fields', selection] as [string, string]] : []), ...rows.filter(([name]) => name)], token: tokens.token() };
  };

  const send = async () => {
    const request = currentRequest();
    show(response, h('p', { class: 'muted' }, 'Sending…'));
    let answer: GraphAnswer;
    try {
      answer = await graphCall(request);
    } catch (error) {
      show(response, h('p', { class: 'error-text' }, `The request did not complete: ${(error as Error).message}`));
      return;
    }
    renderAnswer(request, answer);
    const entries = remember({
      method: request.method,
      path: request.path,
      fields: fields.value.trim(),
      params: request.params.filter(([name]) => name !== 'fields'),
      tokenKey: tokens.key(),
      pastedToken: tokens.key() === 'pasted' ? request.token : undefined,
      status: answer.status,
      ms: answer.ms,
      at: Date.now(),
    });
    renderHistory(entries);
  };

  const renderAnswer = (request: GraphRequest, answer: GraphAnswer) => {
    const tree = typeof answer.body === 'string' ? h('pre', { class: 'raw-body mono' }, answer.body || '(empty body)') : jsonTree(answer.body);
    const curl = h('pre', { class: 'curl mono', hidden: true, 'aria-label': 'curl command' }, curlOf(request));
    const usage = usageHeaders.filter((name) => answer.headers[name] !== undefined);
    show(
      response,
      h(
        'div',
        { class: 'response-head' },
        h('span', { class: `status status-${Math.floor(answer.status / 100)}xx`, 'data-testid': 'status' }, String(answer.status)),
        h('span', { class: 'timing', 'data-testid': 'timing' }, `${answer.ms} ms`),
        answer.headers['x-fb-request-id'] ? h('span', { class: 'muted mono trace' }, `fbtrace_id ${answer.headers['x-fb-request-id']}`) : null,
        h('span', { class: 'spacer' }),
        h('button', { type: 'button', onclick: () => setAllOpen(tree, true) }, 'Expand all'),
        h('button', { type: 'button', onclick: () => setAllOpen(tree, false) }, 'Collapse all'),
        h(
          'button',
          {
            type: 'button',
            onclick: async () => {
              curl.hidden = false;
              toast((await copyText(curl.textContent ?? '')) ? 'curl command copied' : 'Copy the curl command below');
            },
          },
          'Copy as curl',
        ),
      ),
      usage.length === 0
        ? h('p', { class: 'muted usage-none' }, 'No usage headers on this answer.')
        : h('dl', { class: 'usage' }, ...usage.flatMap((name) => [h('dt', { class: 'mono' }, name), h('dd', { class: 'mono' }, answer.headers[name])])),
      curl,
      h('div', { class: 'response-body', 'data-testid': 'response-body' }, tree),
    );
  };

  const load = (entry: HistoryEntry) => {
    method.value = entry.method;
    path.value = entry.path;
    fields.value = entry.fields;
    params.replaceChildren();
    for (const [name, value] of entry.params) addParam(name, value);
    tokens.select(entry.tokenKey, entry.pastedToken);
  };

  const renderHistory = (entries: HistoryEntry[]) => {
    show(
      historyList,
      entries.length === 0
        ? h('li', { class: 'muted' }, 'Calls you send appear here.')
        : entries.map((entry) =>
            h(
              'li',
              null,
              h(
                'button',
                { type: 'button', class: 'history-item', title: 'Run this call again', onclick: () => (load(entry), void send()) },
                h('span', { class: `status status-${Math.floor(entry.status / 100)}xx` }, String(entry.status)),
                h('span', { class: 'history-method' }, entry.method),
                h('span', { class: 'history-path mono' }, entry.path + (entry.fields ? `?fields=${entry.fields}` : '')),
                h('span', { class: 'muted history-ms' }, `${entry.ms} ms`),
              ),
            ),
          ),
    );
  };

  const form = h(
    'form',
    {
      class: 'card request',
      'aria-label': 'Request',
      onsubmit: (event: Event) => {
        event.preventDefault();
        void send();
      },
    },
    h('div', { class: 'row' }, h('label', { class: 'label' }, 'Token'), tokens.element),
    h('div', { class: 'row' }, method, path, h('button', { type: 'submit', class: 'primary' }, 'Send')),
    h('div', { class: 'row' }, h('label', { class: 'label' }, 'fields'), fieldAutocomplete(fields, () => fieldSuggestions(path.value.trim(), tokens.token()))),
    h('div', { class: 'row params-row' }, h('span', { class: 'label' }, 'Params'), h('div', { class: 'params-box' }, params, h('button', { type: 'button', class: 'link-button', onclick: () => addParam() }, '+ Add param'))),
  );

  show(
    root,
    h(
      'div',
      { class: 'explorer' },
      h('div', { class: 'explorer-main' }, form, response),
      h(
        'aside',
        { class: 'card history', 'aria-label': 'History' },
        h('div', { class: 'card-head' }, h('h2', null, 'History'), h('button', { type: 'button', class: 'link-button', onclick: () => (forgetHistory(), renderHistory([])) }, 'Clear')),
        historyList,
      ),
    ),
  );
  renderHistory(readHistory());
};
