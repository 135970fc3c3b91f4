import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebUi, describeInBrowser, launchChromium, screenshotDir, startGraphd, type RunningGraphd } from './browser.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

let graphd: RunningGraphd;
beforeAll(async () => {
  buildWebUi();
  graphd = await startGraphd();
});
afterAll(async () => {
  await graphd?.close();
});

const graph = async (method: string, path: string, params: Record<string, string> = {}, token = graphd.demo.userToken) => {
  const body = new URLSearchParams(params);
  const response =
    method === 'GET'
      ? await fetch(`${graphd.origin}${path}?${body}`, { headers: { authorization: `Bearer ${token}` } })
      : await fetch(`${graphd.origin}${path}`, { method, headers: { authorization: `Bearer ${token}` }, body });
  return { status: response.status, headers: response.headers, json: (await response.json()) as any };
};
const control = async (method: string, path: string) => {
  const response = await fetch(`${graphd.origin}/_graphd${path}`, { method, headers: { authorization: `Bearer ${graphd.adminToken}` } });
  return { status: response.status, json: (await response.json()) as any };
};

describe('serving the web UI', () => {
  it('answers a browser at / with the page, and everyone else with the Graph API', async () => {
    const page = await fetch(`${graphd.origin}/`, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('/_graphd/web/main.js');
    expect(html).not.toContain(graphd.adminToken);

    const curl = await fetch(`${graphd.origin}/`, { headers: { accept: '*/*' } });
    expect(curl.headers.get('content-type')).toContain('application/json');
    const ids = await fetch(`${graphd.origin}/?ids=me&access_token=${graphd.demo.userToken}`, { headers: { accept: 'text/html' } });
    expect(ids.status).toBe(200);
    expect(Object.values((await ids.json()) as Record<string, { id: string }>)[0].id).toMatch(/^\d+$/);
  });

  it('serves the built files under /_graphd/web/ without a token, and nothing else', async () => {
    const script = await fetch(`${graphd.origin}/_graphd/web/main.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(await script.text()).toContain("from './explorer.js'");
    expect((await fetch(`${graphd.origin}/_graphd/web/styles.css`)).headers.get('content-type')).toContain('text/css');
    expect((await fetch(`${graphd.origin}/_graphd/web/missing.js`)).status).toBe(404);
    expect((await fetch(`${graphd.origin}/_graphd/web/..%2F..%2Fpackage.json`)).status).toBe(404);
  });

  it('hands the demo credentials to the admin token only', async () => {
    expect((await fetch(`${graphd.origin}/_graphd/demo`)).status).toBe(401);
    const demo = await control('GET', '/demo');
    expect(demo.status).toBe(200);
    expect(demo.json.data).toEqual({
      user_token: graphd.demo.userToken,
      app_token: graphd.demo.appToken,
      page_token: graphd.demo.pageToken,
      system_user_token: graphd.demo.systemUserToken,
      ad_account_id: graphd.demo.adAccountId,
      app_id: graphd.demo.appId,
    });
  });
});

describeInBrowser('the web UI in chromium', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** A fresh browser profile on a page of the UI, the admin token already typed in unless told. */
  const open = async (hash: string, { withAdminToken = true } = {}): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1360, height: 860 }, baseURL: graphd.origin });
    contexts.push(context);
    if (withAdminToken) await context.addInitScript((token) => localStorage.setItem('graphd.admin_token', token), graphd.adminToken);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(error.message));
    page.on('console', (message) => message.type() === 'error' && failures.push(message.text()));
    await page.goto(`/${hash}`);
    (page as Page & { failures: string[] }).failures = failures;
    return page;
  };
  const screenshot = (page: Page, name: string) => page.screenshot({ path: `${screenshotDir}${name}.png`, fullPage: true });
  const failuresOf = (page: Page) => (page as Page & { failures: string[] }).failures;
  afterAll(async () => {
    for (const context of contexts) await context.close();
  });

  it('explorer: takes the admin token, runs a query with autocompleted fields and shows the answer', async () => {
    const page = await open('#/explorer', { withAdminToken: false });
    await page.getByRole('button', { name: 'Set admin token' }).click();
    await page.getByLabel('Admin token').fill(graphd.adminToken);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByLabel('Access token', { exact: true }).inputValue()).toBe('demo:user');

    await page.getByLabel('Path').fill('/v21.0/me');
    const fields = page.getByLabel('Fields');
    await fields.fill('id,');
    await fields.pressSequentially('ema');
    const suggestion = page.getByRole('option', { name: /^email/ });
    await suggestion.waitFor();
    await page.keyboard.press('Enter');
    expect(await fields.inputValue()).toBe('id,email');
    await fields.press('End');
    await fields.pressSequentially(',name');
    await page.getByRole('button', { name: 'Send' }).click();

    const me = await graph('GET', '/v21.0/me', { fields: 'id,email,name' });
    const body = page.getByTestId('response-body');
    await expect.poll(() => body.textContent()).toContain(`"${me.json.name}"`);
    expect(await body.textContent()).toContain(`"${me.json.email}"`);
    expect(await page.getByTestId('status').textContent()).toBe('200');
    expect(await page.getByTestId('timing').textContent()).toMatch(/^\d+ ms$/);
    expect(me.headers.get('x-app-usage')).toBeTruthy();
    expect(await page.locator('.usage dt').allTextContents()).toContain('x-app-usage');

    await page.getByRole('button', { name: 'Copy as curl' }).click();
    const command = (await page.getByLabel('curl command').textContent())!;
    expect(command).toContain(`${graphd.origin}/v21.0/me?fields=id%2Cemail%2Cname`);
    // The server runs in this process: curl must not block its event loop.
    const viaCurl = JSON.parse((await promisify(execFile)('bash', ['-c', command], { encoding: 'utf8' })).stdout);
    expect(viaCurl).toEqual(me.json);

    // Collapsing the tree hides what it holds; the history re-runs a call.
    await page.getByRole('button', { name: 'Collapse all' }).click();
    expect(await body.getByText(`"${me.json.name}"`).isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Expand all' }).click();
    expect(await body.getByText(`"${me.json.name}"`).isVisible()).toBe(true);
    expect(await page.locator('.history-item').count()).toBe(1);
    await page.locator('.history-item').first().click();
    await expect.poll(() => page.locator('.history-item').count()).toBe(2);
    await page.getByRole('button', { name: 'Copy as curl' }).click();
    await page.getByLabel('curl command').waitFor();

    await screenshot(page, 'explorer');
    expect(failuresOf(page)).toEqual([]);
  });

  it('explorer: shows an error answer with its status', async () => {
    const page = await open('#/explorer');
    await page.getByLabel('Path').fill('/v21.0/1234567890123');
    await page.getByLabel('Fields').fill('');
    await page.getByRole('button', { name: 'Send' }).click();
    const direct = await graph('GET', '/v21.0/1234567890123');
    await expect.poll(() => page.getByTestId('status').textContent()).toBe(String(direct.status));
    expect(direct.status).toBeGreaterThanOrEqual(400);
    expect(await page.getByTestId('response-body').textContent()).toContain(direct.json.error.message);
  });

  it('audiences: shows an audience after an upload, with its sessions and chart', async () => {
    const act = graphd.demo.adAccountId;
    const tos = await graph('GET', `/v21.0/${act}/customaudiencestos`);
    await graph('POST', `/v21.0/${act}/customaudiencestos`, { tos_id: tos.json.data[0].id });
    const created = await graph('POST', `/v21.0/${act}/customaudiences`, { name: 'Spring newsletter', subtype: 'CUSTOM', customer_file_source: 'USER_PROVIDED_ONLY' });
    const audienceId: string = created.json.id;
    const people = (await graphd.store.people.list({ limit: 50 })).rows.filter((person) => person.email);
    const known = people.map((person) => sha256(person.email!.trim().toLowerCase()));
    const strangers = (n: number, tag: string) => Array.from({ length: n }, (_, i) => sha256(`stranger-${tag}-${i}@example.com`));
    const upload = (sessionId: number, data: string[]) =>
      graph('POST', `/v21.0/${audienceId}/users`, {
        payload: JSON.stringify({ schema: 'EMAIL_SHA256', data }),
        session: JSON.stringify({ session_id: sessionId, batch_seq: 1, last_batch_flag: true, estimated_num_total: data.length }),
      });
    const first = await upload(101, [...known.slice(0, 12), ...strangers(4, 'a'), 'not-a-hash']);
    expect(first.json.num_received).toBe(17);
    await upload(102, [...known.slice(12, 18), ...strangers(6, 'b')]);
    const sessions = (await graph('GET', `/v21.0/${audienceId}/sessions`)).json.data as { session_id: string; num_received: string; num_matched: string; num_invalid_entries: string }[];
    expect(sessions).toHaveLength(2);

    const page = await open('#/audiences');
    const row = page.locator('.audiences-table tr', { hasText: 'Spring newsletter' });
    await row.waitFor();
    expect(await row.textContent()).toContain('CUSTOM');
    expect(await row.locator('.pill').count()).toBe(2);
    expect(await page.getByLabel('Ad account').inputValue()).toBe(act);
    await screenshot(page, 'audiences');

    await row.getByRole('link', { name: 'Spring newsletter' }).click();
    await page.locator('.sessions-table').waitFor();
    for (const session of sessions) {
      const figures = page.locator(`tr[data-session="${session.session_id}"]`);
      expect(await figures.locator('[data-figure="received"]').textContent()).toBe(session.num_received);
      expect(await figures.locator('[data-figure="matched"]').textContent()).toBe(session.num_matched === '-1' ? '—' : session.num_matched);
      expect(await figures.locator('[data-figure="invalid"]').textContent()).toBe(session.num_invalid_entries);
    }
    expect(sessions.find((session) => session.session_id === '101')?.num_invalid_entries).toBe('1');
    // The second upload grew the matched size: its bar is the taller; the rate line stays inside the plot.
    const bars = await page.locator('.chart .chart-bar').evaluateAll((rects) => rects.map((rect) => Number(rect.getAttribute('height'))));
    expect(bars).toHaveLength(2);
    expect(bars[1]).toBeGreaterThan(bars[0]);
    const plot = await page.locator('.chart svg').evaluate((chart) => chart.getAttribute('viewBox')!.split(' ').map(Number));
    const line = (await page.locator('.chart .chart-line').getAttribute('points'))!.split(' ').map((point) => point.split(',').map(Number));
    expect(line).toHaveLength(2);
    for (const [, y] of line) expect(y).toBeGreaterThan(0), expect(y).toBeLessThan(plot[3]);
    expect(await page.locator('.audience-summary').textContent()).toContain(audienceId);
    await screenshot(page, 'audience');
    expect(failuresOf(page)).toEqual([]);
  });

  it('journal: lists recent requests with their outcome and filters them', async () => {
    await graph('GET', '/v21.0/me', { fields: 'id' });
    await graph('GET', '/v21.0/no_such_node_for_the_journal');
    const page = await open('#/journal');
    const failed = page.locator('.journal-table tr.entry', { hasText: '/v21.0/no_such_node_for_the_journal' });
    await failed.first().waitFor();
    expect(await failed.first().locator('.status').getAttribute('class')).toContain('status-4xx');
    expect(await failed.first().locator('.error-cell').textContent()).toMatch(/^#\d+/);
    expect(await page.locator('.journal-table tr.entry .status-2xx').count()).toBeGreaterThan(0);
    await screenshot(page, 'journal');

    await page.getByLabel('Status').fill('4xx');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(() => page.locator('.journal-table tr.entry .status-2xx').count()).toBe(0);
    expect(await page.locator('.journal-table tr.entry').count()).toBeGreaterThan(0);

    await failed.first().click();
    expect(await page.locator('.entry-details:not([hidden])').first().textContent()).toContain('"fbtrace_id"');
    expect(failuresOf(page)).toEqual([]);
  });

  it('faults: adds a rule that then fires, and removes it', async () => {
    const page = await open('#/faults');
    await page.getByText('No fault rules').waitFor();
    await page.getByLabel('id', { exact: true }).fill('web-ui-throttle');
    await page.getByLabel('method', { exact: true }).selectOption('GET');
    await page.getByLabel('path', { exact: true }).fill('/v*/me');
    await page.getByLabel('code', { exact: true }).fill('4');
    await page.getByLabel('message', { exact: true }).fill('(#4) Application request limit reached');
    await page.getByLabel('HTTP status', { exact: true }).fill('400');
    await page.getByRole('button', { name: 'Add rule' }).click();
    const row = page.locator('tr[data-rule="web-ui-throttle"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('path=/v*/me');

    const hit = await graph('GET', '/v21.0/me');
    expect(hit.status).toBe(400);
    expect(hit.json.error.code).toBe(4);
    await page.reload();
    await expect.poll(() => row.locator('td').nth(4).textContent()).toBe('1');
    await screenshot(page, 'faults');

    await row.getByRole('button', { name: 'Remove' }).click();
    await page.getByText('No fault rules').waitFor();
    expect((await control('GET', '/faults')).json.data).toEqual([]);
    expect((await graph('GET', '/v21.0/me')).status).toBe(200);
    expect(failuresOf(page)).toEqual([]);
  });
});
