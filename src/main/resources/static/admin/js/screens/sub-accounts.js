import { api } from '../api.js';
import { h, replace, time, pageHeader, errorCallout, pager } from '../dom.js';
import { roleWithOrigin } from '../role-origin.js';

export const title = 'Sub Accounts';

const PAGE_SIZE = 25;

export function render(container) {
  const alerts = h('div');
  const results = h('div', { class: 'table-wrap', 'aria-busy': 'true' }, h('p', { class: 'empty' }, 'Loading…'));
  const search = h('input', { id: 'account-search', type: 'search', placeholder: 'Name, username or email', autocomplete: 'off' });
  const status = h('select', { id: 'account-status' },
    h('option', { value: '' }, 'Any status'), h('option', { value: 'active' }, 'Active'), h('option', { value: 'disabled' }, 'Disabled'));
  const role = h('select', { id: 'account-role' }, h('option', { value: '' }, 'Any role'));
  let page = 1;
  let typing;
  let request = 0;

  replace(container,
    pageHeader(title, 'The people the identity provider has provisioned into Reftab: whether they can sign in, their access role and where it comes from (a group, a direct assignment or the default), and when provisioning last changed them.'),
    alerts,
    h('section', { class: 'card', 'aria-label': 'Accounts' },
      h('form', { class: 'toolbar', role: 'search', onsubmit: (event) => { event.preventDefault(); page = 1; load(); } },
        h('div', { class: 'field grow' }, h('label', { for: 'account-search' }, 'Search'), search),
        h('div', { class: 'field' }, h('label', { for: 'account-status' }, 'Status'), status),
        h('div', { class: 'field' }, h('label', { for: 'account-role' }, 'Access role'), role)),
      results));

  search.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => { page = 1; load(); }, 300);
  });
  status.addEventListener('change', () => { page = 1; load(); });
  role.addEventListener('change', () => { page = 1; load(); });

  async function loadRoles() {
    try {
      const roles = await api.get('/roles');
      role.append(...roles.roles.map((r) => h('option', { value: r.name }, r.name)));
    } catch (error) {
      replace(alerts, errorCallout(error));
    }
  }

  async function load() {
    const mine = ++request;
    const query = new URLSearchParams({ startIndex: String((page - 1) * PAGE_SIZE + 1), count: String(PAGE_SIZE) });
    if (search.value.trim()) query.set('q', search.value.trim());
    if (status.value) query.set('status', status.value);
    if (role.value) query.set('role', role.value);
    results.setAttribute('aria-busy', 'true');
    try {
      const answer = await api.get(`/accounts?${query}`);
      if (mine !== request) return;
      replace(alerts);
      show(answer);
    } catch (error) {
      replace(alerts, errorCallout(error));
    } finally {
      results.setAttribute('aria-busy', 'false');
    }
  }

  function show(answer) {
    if (answer.totalResults === 0) {
      replace(results, h('p', { class: 'empty' }, search.value || status.value || role.value
        ? 'No account matches.' : 'No accounts yet. Assign people to the Reftab app in Okta and they appear here.'));
      return;
    }
    replace(results,
      h('table', {},
        h('caption', { class: 'visually-hidden' }, 'Accounts'),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, 'Person'), h('th', { scope: 'col' }, 'Status'), h('th', { scope: 'col' }, 'Access role'),
          h('th', { scope: 'col' }, 'Groups'), h('th', { scope: 'col' }, 'Last changed by provisioning'))),
        h('tbody', {}, answer.accounts.map(row))),
      pager(page, answer.totalResults, PAGE_SIZE, (next) => { page = next; load(); }));
  }

  function row(account) {
    const name = account.displayName || [account.givenName, account.familyName].filter(Boolean).join(' ') || account.userName;
    return h('tr', { 'data-account-id': account.id },
      h('td', {}, name, h('span', { class: 'secondary' }, account.email || account.userName)),
      h('td', {}, account.status === 'active'
        ? h('span', { class: 'badge badge-ok' }, 'Active')
        : h('span', { class: 'badge badge-off' }, 'Disabled'),
        account.status === 'active' && !account.canLogin ? h('span', { class: 'secondary' }, 'No login') : null),
      h('td', {}, ...roleWithOrigin(account)),
      h('td', {}, account.groups.length ? account.groups.map((g) => h('span', { class: 'chip' }, g.displayName)) : h('span', { class: 'secondary' }, 'None')),
      h('td', {}, time(account.lastProvisionedAt)));
  }

  loadRoles();
  load();
  return () => clearTimeout(typing);
}
