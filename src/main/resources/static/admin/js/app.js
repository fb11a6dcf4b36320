import { api, session } from './api.js';
import { h, replace } from './dom.js';
import * as configureScim from './screens/configure-scim.js';
import * as groupMappings from './screens/group-mappings.js';
import * as subAccounts from './screens/sub-accounts.js';
import * as disabledUsers from './screens/disabled-users.js';
import * as activity from './screens/activity.js';
import * as equipmentAlerts from './screens/equipment-alerts.js';
import { pipelineBanner } from './pipeline-banner.js';
import * as disabledEquipment from './screens/disabled-equipment.js';

const screens = {
  'configure-scim': configureScim,
  'group-mappings': groupMappings,
  'sub-accounts': subAccounts,
  'disabled-users': disabledUsers,
  activity,
  'equipment-alerts': equipmentAlerts,
  'disabled-equipment': disabledEquipment,
};

const main = document.getElementById('main');
const layout = document.getElementById('layout');
const signInView = document.getElementById('sign-in');
const sessionBar = document.getElementById('session');
const lateDeactivations = pipelineBanner(layout);
let leaveScreen = () => {};

function currentScreen() {
  const name = location.hash.replace(/^#\/?/, '');
  return screens[name] ? name : 'configure-scim';
}

async function show() {
  leaveScreen();
  leaveScreen = () => {};
  if (!session.token()) {
    showSignIn();
    return;
  }
  signInView.hidden = true;
  layout.hidden = false;
  sessionBar.hidden = false;
  lateDeactivations.start();
  const name = currentScreen();
  for (const link of document.querySelectorAll('.sidebar a')) {
    if (link.dataset.screen === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (!document.getElementById('tenant-label').textContent) {
    api.get('/scim-settings').then((settings) => setTenant(settings.tenant), () => {});
  }
  const screen = screens[name];
  document.title = `${screen.title} · Reftab`;
  replace(main);
  leaveScreen = screen.render(main) || (() => {});
  main.focus({ preventScroll: true });
}

function showSignIn(message) {
  lateDeactivations.stop();
  layout.hidden = true;
  sessionBar.hidden = true;
  signInView.hidden = false;
  document.title = 'Sign in · Reftab';
  const error = h('div', { class: 'callout callout-error', role: 'alert', hidden: !message }, message || '');
  const input = h('input', { id: 'admin-token', type: 'password', name: 'admin-token', autocomplete: 'off',
    required: true, spellcheck: 'false', 'aria-describedby': 'admin-token-hint' });
  const submit = h('button', { type: 'submit', class: 'button button-primary' }, 'Sign in');
  const form = h('form', { class: 'card' },
    h('div', { class: 'card-body' },
      h('h1', {}, 'Sign in to identity provisioning'),
      h('p', { class: 'hint' }, 'Manage how Okta provisions people and groups into Reftab.'),
      error,
      h('div', { class: 'field' },
        h('label', { for: 'admin-token' }, 'Admin token'),
        input,
        h('p', { class: 'hint', id: 'admin-token-hint' },
          'The admin token was shown once when your Reftab tenant was set up. It is kept in this browser tab only and forgotten when you close it.')),
      submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const token = input.value.trim();
    if (!token) return;
    submit.disabled = true;
    try {
      await api.check(token);
      session.signIn(token);
      input.value = '';
      if (!location.hash) history.replaceState(null, '', '#/configure-scim');
      await show();
    } catch (e) {
      error.textContent = e.status === 401 ? 'That admin token was not accepted. Check it and try again.' : e.message;
      error.hidden = false;
      input.focus();
    } finally {
      submit.disabled = false;
    }
  });
  replace(signInView, form);
  input.focus();
}

document.getElementById('sign-out').addEventListener('click', () => {
  session.signOut();
  setTenant(null);
  show();
});

window.addEventListener('reftab:signed-out', () => {
  if (!session.token()) return;
  session.signOut();
  setTenant(null);
  leaveScreen();
  leaveScreen = () => {};
  showSignIn('Your session has ended. Sign in again with the admin token.');
});

window.addEventListener('hashchange', show);

function setTenant(tenant) {
  document.getElementById('tenant-label').textContent = tenant ? `Tenant: ${tenant}` : '';
}

show();
