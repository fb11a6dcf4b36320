import { api } from '../api.js';
import { h, replace, time, pageHeader, errorCallout, pager } from '../dom.js';

export const title = 'Disabled users';

const PAGE_SIZE = 25;

export function render(container) {
  const alerts = h('div');
  const results = h('div', { class: 'table-wrap' }, h('p', { class: 'empty' }, 'Loading…'));
  const downloadStatus = h('span', { class: 'hint', role: 'status' });
  const download = h('button', { type: 'button', class: 'button button-primary', onclick: downloadCsv }, 'Download CSV');
  let page = 1;

  replace(container,
    pageHeader(title, 'People that Okta deactivated or removed, most recently disabled first. They can no longer sign in to Reftab; their equipment history stays.',
      downloadStatus, download),
    alerts,
    h('div', { class: 'columns' },
      h('section', { class: 'card', 'aria-labelledby': 'disabled-title' },
        h('div', { class: 'card-header' }, h('h2', { id: 'disabled-title' }, 'Disabled by provisioning')),
        results),
      h('aside', { class: 'card', 'aria-labelledby': 'equipment-title' },
        h('div', { class: 'card-header' }, h('h2', { id: 'equipment-title' }, 'Equipment they still hold')),
        h('div', { class: 'card-body' },
          h('p', {}, 'Everyone provisioning has disabled. Those who still hold equipment are listed, with their items, under ', h('a', { href: '#/disabled-equipment' }, 'Disabled users with equipment'), '.'),
          h('p', {}, 'When a user is disabled, Reftab publishes a ', h('code', {}, 'com.reftab.scim.user.deactivated'),
            ' event (', h('code', {}, '…user.deleted'), ' when Okta removes the person) on the ',
            h('code', {}, 'reftab.scim.events'), ' topic. Equipment services consume it to flag the person’s outstanding loans, so no one has to check by hand.')))));

  async function load() {
    try {
      const answer = await api.get(`/reports/disabled-users?startIndex=${(page - 1) * PAGE_SIZE + 1}&count=${PAGE_SIZE}`);
      show(answer);
    } catch (error) {
      replace(alerts, errorCallout(error));
    }
  }

  function show(answer) {
    if (answer.totalResults === 0) {
      replace(results, h('p', { class: 'empty' }, 'No one has been disabled by provisioning.'));
      return;
    }
    replace(results,
      h('table', {},
        h('caption', { class: 'visually-hidden' }, 'Users disabled by provisioning, most recent first'),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, 'Person'), h('th', { scope: 'col' }, 'Disabled'),
          h('th', { scope: 'col' }, 'Access role'), h('th', { scope: 'col' }, 'In Okta'))),
        h('tbody', {}, answer.users.map((user) => h('tr', { 'data-account-id': user.id },
          h('td', {}, user.displayName || user.userName, h('span', { class: 'secondary' }, user.email || user.userName)),
          h('td', {}, time(user.disabledAt)),
          h('td', {}, user.accessRole),
          h('td', {}, user.deletedInIdentityProvider ? 'Removed' : 'Deactivated'))))),
      pager(page, answer.totalResults, PAGE_SIZE, (next) => { page = next; load(); }));
  }

  // The download carries the admin token in a header, so it is fetched and handed to the browser as a file.
  async function downloadCsv() {
    download.disabled = true;
    downloadStatus.textContent = 'Preparing the CSV…';
    try {
      const blob = await api.blob('/reports/disabled-users.csv');
      const url = URL.createObjectURL(blob);
      const link = h('a', { href: url, download: `disabled-users-${new Date().toISOString().slice(0, 10)}.csv`, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      downloadStatus.textContent = 'CSV downloaded.';
    } catch (error) {
      downloadStatus.textContent = '';
      replace(alerts, errorCallout(error));
    } finally {
      download.disabled = false;
    }
  }

  load();
}
