import { api } from '../api.js';
import { h, replace, pageHeader, errorCallout, pager } from '../dom.js';
import { roleWithOrigin, RULE } from '../role-origin.js';
import { offeredRolesCard } from '../offered-roles.js';

export const title = 'Group Mappings';

const PAGE_SIZE = 50;
const POLL_MS = 1000;
const NO_ROLE = '';

export function render(container) {
  const alerts = h('div');
  const defaultRole = h('div', { class: 'card-body' });
  const directRoles = h('div', { class: 'card-body' });
  const list = h('div', { class: 'table-wrap' }, h('p', { class: 'empty' }, 'Loading…'));
  const timers = new Set();
  let roles = [];
  let page = 1;
  let left = false;
  const offered = offeredRolesCard();

  replace(container,
    pageHeader(title, 'Every group Okta pushes is listed here. Give a group an access role and its members get it within seconds; a person in several mapped groups gets the highest role.'),
    alerts,
    h('section', { class: 'card', 'aria-labelledby': 'mappings-title' },
      h('div', { class: 'card-header' }, h('div', {},
        h('h2', { id: 'mappings-title' }, 'Pushed groups'),
        h('p', {}, 'A change is saved as soon as you pick a role.'))),
      list),
    h('section', { class: 'card', 'aria-labelledby': 'default-role-title' },
      h('div', { class: 'card-header' }, h('div', {},
        h('h2', { id: 'default-role-title' }, 'Default role'),
        h('p', {}, 'The role of people whose groups are mapped to nothing.'))),
      defaultRole),
    h('section', { class: 'card', 'aria-labelledby': 'direct-roles-title' },
      h('div', { class: 'card-header' }, h('div', {},
        h('h2', { id: 'direct-roles-title' }, 'Roles assigned by the identity provider'),
        h('p', { id: 'role-rule' }, RULE))),
      directRoles),
    offered.card);

  async function load() {
    timers.forEach(clearTimeout);
    timers.clear();
    try {
      const [roleList, mappings] = await Promise.all([
        api.get('/roles'),
        api.get(`/group-mappings?startIndex=${(page - 1) * PAGE_SIZE + 1}&count=${PAGE_SIZE}`),
      ]);
      roles = roleList.roles;
      offered.show(roles);
      showDefaultRole(roleList.defaultRole);
      showDirectRoles(await api.get('/direct-roles'));
      showMappings(mappings, roleList.defaultRole);
    } catch (error) {
      replace(alerts, errorCallout(error));
    }
  }

  function showMappings(mappings, defaultRoleName) {
    if (mappings.totalResults === 0) {
      replace(list, h('p', { class: 'empty' }, 'No groups yet. Push groups from Okta (Push Groups tab) and they appear here.'));
      return;
    }
    replace(list,
      h('table', {},
        h('caption', { class: 'visually-hidden' }, 'Pushed groups and their access roles'),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, 'Group'), h('th', { scope: 'col', class: 'numeric' }, 'Members'),
          h('th', { scope: 'col' }, 'Access role'), h('th', { scope: 'col' }, 'Members’ roles'),
          h('th', { scope: 'col' }, 'Where members’ roles come from'))),
        h('tbody', {}, mappings.groupMappings.map((mapping) => row(mapping, defaultRoleName)))),
      mappings.totalResults > PAGE_SIZE ? pager(page, mappings.totalResults, PAGE_SIZE, (next) => { page = next; load(); }) : null);
  }

  function row(mapping, defaultRoleName) {
    const selectId = `role-${mapping.groupId}`;
    const status = h('span', { class: 'status', role: 'status' });
    const select = h('select', { id: selectId },
      h('option', { value: NO_ROLE }, `No role (default: ${defaultRoleName})`),
      roles.map((role) => h('option', { value: role.name }, role.canLogin ? role.name : `${role.name} (no login)`)));
    select.value = mapping.role || NO_ROLE;
    select.addEventListener('change', () => save(mapping, select, status));
    showProgress(status, mapping);
    if (!mapping.rolesFollowed) follow(mapping.groupId, status);
    return h('tr', { 'data-group-id': mapping.groupId },
      h('td', {}, h('label', { for: selectId }, mapping.displayName)),
      h('td', { class: 'numeric' }, String(mapping.memberCount)),
      h('td', {}, select),
      h('td', {}, status),
      h('td', {}, membersButton(mapping)));
  }

  // Each member's role and its origin: this group, another group, a direct assignment or the default.
  function membersButton(mapping) {
    const panel = h('div', { class: 'members-roles' });
    const button = h('button', { type: 'button', class: 'button-link', 'data-members-of': mapping.groupId,
      'aria-expanded': 'false', onclick: () => toggle() }, 'Show members');
    async function toggle() {
      if (button.getAttribute('aria-expanded') === 'true') {
        button.setAttribute('aria-expanded', 'false');
        button.textContent = 'Show members';
        replace(panel);
        return;
      }
      button.setAttribute('aria-expanded', 'true');
      button.textContent = 'Hide members';
      try {
        const answer = await api.get(`/accounts?group=${encodeURIComponent(mapping.groupId)}&count=50`);
        replace(panel, answer.accounts.length === 0 ? h('p', { class: 'secondary' }, 'No members') : h('ul', { class: 'plain' },
          answer.accounts.map((account) => h('li', { 'data-account-id': account.id },
            h('span', {}, account.displayName || account.userName), ' — ', ...roleWithOrigin(account)))),
        answer.totalResults > answer.accounts.length
          ? h('p', { class: 'secondary' }, `${answer.totalResults - answer.accounts.length} more in Sub Accounts`) : null);
      } catch (error) {
        replace(panel, errorCallout(error));
      }
    }
    return h('div', {}, button, panel);
  }

  function showDirectRoles(setting) {
    const status = h('span', { class: 'status', role: 'status' });
    const box = h('input', { id: 'direct-roles-authoritative', type: 'checkbox' });
    box.checked = setting.directRolesAuthoritative;
    box.addEventListener('change', async () => {
      box.disabled = true;
      setStatus(status, 'pending', 'Saving…');
      try {
        await api.put('/direct-roles', { directRolesAuthoritative: box.checked });
        setStatus(status, 'ok', 'Saved: roles follow within seconds');
      } catch (error) {
        box.checked = !box.checked;
        setStatus(status, 'error', `Not saved: ${error.message}`);
      } finally {
        box.disabled = false;
      }
    });
    replace(directRoles, h('div', { class: 'field' },
      h('div', { class: 'input-row' }, box,
        h('label', { for: 'direct-roles-authoritative' },
          'Direct assignments decide: a person with a role assigned by the identity provider gets the highest of those, whatever their groups give'),
        status)));
  }

  async function save(mapping, select, status) {
    const role = select.value;
    select.disabled = true;
    setStatus(status, 'pending', 'Saving…');
    try {
      if (role === NO_ROLE) {
        await api.delete(`/group-mappings/${encodeURIComponent(mapping.groupId)}`);
      } else {
        await api.put(`/group-mappings/${encodeURIComponent(mapping.groupId)}`, { role });
      }
      mapping.role = role || null;
      follow(mapping.groupId, status);
    } catch (error) {
      select.value = mapping.role || NO_ROLE;
      setStatus(status, 'error', `Not saved: ${error.message}`);
    } finally {
      select.disabled = false;
    }
  }

  // Asks until every member holds the role their groups now give them (the role-mapping route has caught up).
  function follow(groupId, status) {
    const check = async () => {
      timers.delete(timer);
      if (left) return;
      try {
        const current = await api.get(`/group-mappings/${encodeURIComponent(groupId)}`);
        showProgress(status, current);
        if (!current.rolesFollowed && !left) {
          timer = setTimeout(check, POLL_MS);
          timers.add(timer);
        }
      } catch (error) {
        setStatus(status, 'error', error.message);
      }
    };
    let timer = setTimeout(check, 0);
    timers.add(timer);
  }

  function showProgress(status, mapping) {
    if (mapping.rolesFollowed) {
      setStatus(status, 'ok', mapping.memberCount === 0 ? 'No members' : 'Roles up to date');
    } else {
      const n = mapping.membersAwaitingRole;
      setStatus(status, 'pending', `Updating ${n} member${n === 1 ? '' : 's'}…`);
    }
  }

  function setStatus(status, kind, text) {
    status.className = `status status-${kind}`;
    status.textContent = text;
  }

  function showDefaultRole(current) {
    const status = h('span', { class: 'status', role: 'status' });
    const select = h('select', { id: 'default-role' }, roles.map((role) => h('option', { value: role.name }, role.name)));
    select.value = current;
    select.addEventListener('change', async () => {
      select.disabled = true;
      setStatus(status, 'pending', 'Saving…');
      try {
        await api.put('/default-role', { role: select.value });
        setStatus(status, 'ok', 'Saved: members follow within seconds');
        load();
      } catch (error) {
        select.value = current;
        setStatus(status, 'error', `Not saved: ${error.message}`);
      } finally {
        select.disabled = false;
      }
    });
    replace(defaultRole, h('div', { class: 'field' },
      h('label', { for: 'default-role' }, 'Default access role'),
      h('div', { class: 'input-row' }, select, status)));
  }

  load();
  return () => {
    left = true;
    timers.forEach(clearTimeout);
  };
}
