import { api } from '../api.js';
import { h, replace, time, pageHeader, errorCallout } from '../dom.js';

export const title = 'Provisioning activity';

const REFRESH_MS = 5000;
const SHOWN = 25;
const LABELS = {
  'com.reftab.scim.user.created': 'User created',
  'com.reftab.scim.user.updated': 'User updated',
  'com.reftab.scim.user.deactivated': 'User deactivated',
  'com.reftab.scim.user.reactivated': 'User reactivated',
  'com.reftab.scim.user.deleted': 'User deleted',
  'com.reftab.scim.group.created': 'Group created',
  'com.reftab.scim.group.updated': 'Group updated',
  'com.reftab.scim.group.deleted': 'Group deleted',
  'com.reftab.scim.group.members.added': 'Members added',
  'com.reftab.scim.group.members.removed': 'Members removed',
  'com.reftab.access.group-mapping.changed': 'Group mapping changed',
  'com.reftab.access.default-role.changed': 'Default role changed',
};

export function render(container) {
  const alerts = h('div');
  const stats = h('div', { class: 'stats' });
  const events = h('div', { class: 'table-wrap' }, h('p', { class: 'empty' }, 'Loading…'));
  const refresh = h('button', { type: 'button', class: 'button', onclick: () => load() }, 'Refresh');
  let timer;
  let left = false;

  replace(container,
    pageHeader(title, 'What Okta changed recently, as the events other Reftab services receive, and whether they have reached Kafka yet.', refresh),
    alerts,
    stats,
    h('section', { class: 'card', 'aria-labelledby': 'events-title' },
      h('div', { class: 'card-header' }, h('div', {},
        h('h2', { id: 'events-title' }, 'Recent events'),
        h('p', {}, 'Newest first; refreshed every few seconds.'))),
      events));

  async function load() {
    clearTimeout(timer);
    try {
      const activity = await api.get(`/activity?limit=${SHOWN}`);
      if (left) return;
      replace(alerts, activity.relayHold ? holdCallout(activity.relayHold) : null);
      showStats(activity);
      showEvents(activity.events);
    } catch (error) {
      replace(alerts, errorCallout(error));
    }
    if (!left) timer = setTimeout(load, REFRESH_MS);
  }

  // Kafka refused one of this organisation's events for good: say what waits, and who can act.
  function holdCallout(hold) {
    return h('div', { class: 'callout callout-error', role: 'alert', 'data-held-sequence': String(hold.sequence) },
      h('h3', {}, 'Provisioning changes are held back'),
      h('p', {}, `Kafka refused the event “${LABELS[hold.type] || hold.type}” for `, h('code', {}, hold.subject),
        `: ${hold.reason}`),
      h('p', {}, `${hold.waitingEvents} change${hold.waitingEvents === 1 ? '' : 's'} wait, in order, since `,
        time(hold.heldSince),
        '. Other Reftab services and sign-in do not see them until the Reftab operator parks or retries the refused event.'));
  }

  function showStats(activity) {
    const backlog = activity.backlog;
    const latest = activity.events[0];
    replace(stats,
      h('div', { class: 'stat' },
        h('p', { class: 'label' }, 'Outbox backlog'),
        h('p', { class: 'value' }, String(backlog.pending)),
        h('span', { class: backlog.pending === 0 ? 'status status-ok' : 'status status-pending' },
          backlog.pending === 0 ? 'Every event has reached Kafka' : `Waiting for Kafka, oldest ${backlog.oldestPendingAgeSeconds} s`)),
      h('div', { class: 'stat' },
        h('p', { class: 'label' }, 'Latest event'),
        h('p', { class: 'value' }, latest ? LABELS[latest.type] || latest.type : 'None'),
        latest ? time(latest.time) : h('span', { class: 'hint' }, 'Nothing provisioned yet')),
      h('div', { class: 'stat' },
        h('p', { class: 'label' }, 'Events shown'),
        h('p', { class: 'value' }, String(activity.events.length)),
        h('span', { class: 'hint' }, `The last ${SHOWN} at most`)));
  }

  function showEvents(list) {
    if (list.length === 0) {
      replace(events, h('p', { class: 'empty' }, 'No provisioning events yet.'));
      return;
    }
    replace(events, h('table', {},
      h('caption', { class: 'visually-hidden' }, 'Recent provisioning events, newest first'),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Time'), h('th', { scope: 'col' }, 'Event'),
        h('th', { scope: 'col' }, 'Subject'), h('th', { scope: 'col' }, 'Delivery'))),
      h('tbody', {}, list.map((event) => h('tr', { 'data-sequence': String(event.sequence) },
        h('td', {}, time(event.time)),
        h('td', {}, LABELS[event.type] || event.type, h('span', { class: 'secondary mono' }, event.type)),
        h('td', {}, h('code', {}, event.subject)),
        h('td', {}, event.published
          ? h('span', { class: 'status status-ok' }, 'In Kafka')
          : h('span', { class: 'status status-pending' }, 'Waiting')))))));
  }

  load();
  return () => {
    left = true;
    clearTimeout(timer);
  };
}
