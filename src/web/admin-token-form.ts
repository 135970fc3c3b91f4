import { adminToken, setAdminToken } from './credentials.js';
import { h } from './dom.js';

/** The header's admin-token control: a button that opens a small form to set or forget it. */
export function adminTokenControl(): HTMLElement {
  const button = h('button', { type: 'button', class: 'admin-button' });
  const input = h('input', { type: 'password', class: 'mono', 'aria-label': 'Admin token', placeholder: 'graphd_admin_…', autocomplete: 'off' });
  const form = h(
    'form',
    {
      class: 'admin-form card',
      hidden: true,
      onsubmit: (event: Event) => {
        event.preventDefault();
        setAdminToken(input.value.trim() || undefined);
        form.hidden = true;
        label();
      },
    },
    h('p', null, 'The admin token graphd printed at start (also in its data directory, admin-token). It unlocks the journal, the faults and the demo world’s tokens, and stays in this browser only.'),
    input,
    h('div', { class: 'row' }, h('button', { type: 'submit', class: 'primary' }, 'Save'), h('button', { type: 'button', onclick: () => ((input.value = ''), setAdminToken(undefined), (form.hidden = true), label()) }, 'Forget')),
  );
  const label = () => {
    const set = Boolean(adminToken());
    button.textContent = set ? 'Admin token ✓' : 'Set admin token';
    button.classList.toggle('admin-missing', !set);
  };
  button.addEventListener('click', () => {
    form.hidden = !form.hidden;
    if (!form.hidden) {
      input.value = adminToken() ?? '';
      input.focus();
    }
  });
  label();
  return h('div', { class: 'admin' }, button, form);
}
