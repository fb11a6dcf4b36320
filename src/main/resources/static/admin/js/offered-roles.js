import { api } from './api.js';
import { h, replace } from './dom.js';

// The Group Mappings screen's card of the roles offered to the identity provider: a role that is
// offered is listed at /scim/v2/Roles, where Okta's Governance tab and Entra's app roles find it.
export function offeredRolesCard() {
  const body = h('div', { class: 'table-wrap' }, h('p', { class: 'empty' }, 'Loading…'));
  const card = h('section', { class: 'card', 'aria-labelledby': 'offered-roles-title' },
    h('div', { class: 'card-header' }, h('div', {},
      h('h2', { id: 'offered-roles-title' }, 'Roles offered to the identity provider'),
      h('p', {}, 'Okta (Governance tab) and Entra ID can assign the roles ticked here to people. Every role is offered until you untick it.'))),
    body);

  function show(roles) {
    replace(body, h('table', {},
      h('caption', { class: 'visually-hidden' }, 'Access roles and whether the identity provider may assign them'),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Access role'), h('th', { scope: 'col' }, 'Offered'), h('th', { scope: 'col' }, ''))),
      h('tbody', {}, roles.map(row))));
  }

  function row(role, index) {
    const id = `offered-role-${index}`;
    const status = h('span', { class: 'status', role: 'status' });
    const box = h('input', { type: 'checkbox', id, checked: role.offered });
    box.addEventListener('change', async () => {
      box.disabled = true;
      status.className = 'status status-pending';
      status.textContent = 'Saving…';
      try {
        const saved = await api.put(`/roles/${encodeURIComponent(role.name)}/offered`, { offered: box.checked });
        role.offered = saved.offered;
        status.className = 'status status-ok';
        status.textContent = saved.offered ? 'Offered' : 'Not offered';
      } catch (error) {
        box.checked = role.offered;
        status.className = 'status status-error';
        status.textContent = `Not saved: ${error.message}`;
      } finally {
        box.disabled = false;
      }
    });
    return h('tr', { 'data-role': role.name },
      h('td', {}, h('label', { for: id }, role.canLogin ? role.name : `${role.name} (no login)`)),
      h('td', {}, box),
      h('td', {}, status));
  }

  return { card, show };
}
