import { api } from '../api.js';
import { h, replace, time, pageHeader, errorCallout, pager } from '../dom.js';

export const title = 'Disabled users with equipment';

const PAGE_SIZE = 25;

function money(value, currency) {
  if (value === null || value === undefined) return '—';
  const amount = Number(value).toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return currency ? `${amount} ${currency}` : amount;
}

function days(count) {
  return count === 1 ? '1 day' : `${count} days`;
}

export function render(container) {
  const alerts = h('div');
  const results = h('div', { class: 'table-wrap' }, h('p', { class: 'empty' }, 'Loading…'));
  const downloadStatus = h('span', { class: 'hint', role: 'status' });
  const download = h('button', { type: 'button', class: 'button button-primary', onclick: downloadCsv }, 'Download CSV');
  const sort = h('select', { id: 'equipment-sort', onchange: () => { page = 1; load(); } },
    h('option', { value: 'oldest' }, 'Disabled the longest first'),
    h('option', { value: 'value' }, 'Most value held first'));
  let page = 1;

  replace(container,
    pageHeader(title, 'People provisioning disabled who still hold Reftab equipment: each item they have not returned, and since when. Follow them up until their laptop and badge are back.',
      downloadStatus, download),
    alerts,
    h('section', { class: 'card', 'aria-labelledby': 'equipment-holders-title' },
      h('div', { class: 'card-header' },
        h('h2', { id: 'equipment-holders-title' }, 'Still holding equipment'),
        h('div', { class: 'field field-inline' }, h('label', { for: 'equipment-sort' }, 'Order'), sort)),
      results));

  async function load() {
    try {
      const answer = await api.get(`/reports/disabled-users-with-equipment?sort=${sort.value}`
        + `&startIndex=${(page - 1) * PAGE_SIZE + 1}&count=${PAGE_SIZE}`);
      show(answer);
    } catch (error) {
      replace(alerts, errorCallout(error));
    }
  }

  function show(answer) {
    if (answer.totalResults === 0) {
      replace(results, h('p', { class: 'empty' }, 'No disabled person holds any equipment.'));
      return;
    }
    replace(results,
      h('table', {},
        h('caption', { class: 'visually-hidden' }, 'Disabled users who still hold equipment'),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, 'Person'), h('th', { scope: 'col' }, 'Disabled'),
          h('th', { scope: 'col' }, 'Items held'), h('th', { scope: 'col' }, 'Value'))),
        h('tbody', {}, answer.users.map((user) => h('tr', { 'data-account-id': user.id },
          h('td', {}, user.displayName || user.userName, h('span', { class: 'secondary' }, user.userName)),
          h('td', {}, h('div', { class: 'days-disabled' }, days(user.daysDisabled)), time(user.disabledAt)),
          h('td', {}, h('ul', { class: 'held-items' }, user.items.map((item) => h('li', { 'data-item-id': item.itemId },
            item.name || item.itemId,
            h('span', { class: 'secondary' }, [item.assetTag, item.category].filter(Boolean).join(' · ')),
            h('span', { class: 'secondary' }, 'Held since ', time(item.since, 'an unknown date')))))),
          h('td', {}, money(user.totalValue, user.items.length && user.items.every((item) => item.currency === user.items[0].currency)
            ? user.items[0].currency : null)))))),
      pager(page, answer.totalResults, PAGE_SIZE, (next) => { page = next; load(); }));
  }

  // The download carries the admin token in a header, so it is fetched and handed to the browser as a file.
  async function downloadCsv() {
    download.disabled = true;
    downloadStatus.textContent = 'Preparing the CSV…';
    try {
      const blob = await api.blob(`/reports/disabled-users-with-equipment.csv?sort=${sort.value}`);
      const url = URL.createObjectURL(blob);
      const link = h('a', { href: url, download: `disabled-users-with-equipment-${new Date().toISOString().slice(0, 10)}.csv`, hidden: true });
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
