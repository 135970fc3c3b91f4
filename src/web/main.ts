import { adminTokenControl } from './admin-token-form.js';
import { audiencesPage } from './audiences.js';
import { onCredentialsChange } from './credentials.js';
import { h } from './dom.js';
import { explorerPage } from './explorer.js';
import { faultsPage } from './faults.js';
import { journalPage } from './journal.js';
import type { Page } from './page.js';

const pages: Record<string, { title: string; page: Page }> = {
  explorer: { title: 'Explorer', page: explorerPage },
  audiences: { title: 'Audiences', page: audiencesPage },
  journal: { title: 'Journal', page: journalPage },
  faults: { title: 'Faults', page: faultsPage },
};

const main = h('main', { id: 'page' });
const links = Object.entries(pages).map(([name, { title }]) => h('a', { href: `#/${name}`, 'data-page': name }, title));
document.body.append(
  h('header', { class: 'top' }, h('a', { class: 'brand', href: '#/explorer' }, 'graphd'), h('nav', null, links), h('span', { class: 'spacer' }), adminTokenControl()),
  main,
);

let leave: (() => void) | void;

/** #/{page}/{rest...}: draws the page the address names. */
function route(): void {
  const [name = 'explorer', ...rest] = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const chosen = pages[name] ?? pages.explorer;
  leave?.();
  main.replaceChildren();
  document.title = `${chosen.title} · graphd`;
  for (const link of links) link.classList.toggle('current', pages[link.dataset.page ?? ''] === chosen);
  leave = chosen.page(main, rest.map(decodeURIComponent));
}

window.addEventListener('hashchange', route);
onCredentialsChange(route);
route();
