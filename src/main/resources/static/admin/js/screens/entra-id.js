import { api } from '../api.js';
import { h, replace, time, errorCallout, copy, confirmDialog } from '../dom.js';

// Microsoft Entra ID signs in to the tenant's token endpoint with an OAuth client: by a client secret
// (OAuth 2.0 client credentials), or by a JWT Entra issues, checked against the client's federated
// credential (workload identity federation, RFC 7523). Entra's own values, as Microsoft documents them:
const ENTRA_ISSUER = (tenantId) => `https://login.microsoftonline.com/${tenantId}/v2.0`;
const ENTRA_JWKS = (tenantId) => `https://login.microsoftonline.com/${tenantId}/discovery/v2.0/keys`;
const SECRET_LIFETIMES = [[365, '1 year'], [730, '2 years'], [1095, '3 years']];
const DEFAULT_SECRET_LIFETIME_DAYS = 730; // the service's own default (REFTAB_OAUTH_SECRET_LIFETIME_DAYS)
const EXPIRES_SOON_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** An id for elements that belong to one client (client ids are not guaranteed to be valid in an id). */
function slug(clientId) {
  return clientId.replace(/[^A-Za-z0-9_-]/g, '_');
}

/** The Microsoft Entra ID cards of Configure SCIM: where Entra connects, and the OAuth clients it signs in with. */
export function entraSection(alerts) {
  const connection = h('div', { class: 'card-body' }, h('p', { class: 'hint' }, 'Loading…'));
  const newSecret = h('div');
  const clients = h('div', {}, h('p', { class: 'empty' }, 'Loading…'));
  const lifetime = h('select', { id: 'secret-lifetime' },
    SECRET_LIFETIMES.map(([days, label]) => h('option', { value: String(days) }, label)));
  lifetime.value = String(DEFAULT_SECRET_LIFETIME_DAYS);
  const clientName = h('input', { id: 'new-client-name', type: 'text', value: 'Microsoft Entra ID', autocomplete: 'off' });
  const createButton = h('button', { type: 'button', class: 'button button-primary', onclick: create }, 'Create OAuth client');
  const creation = h('div', { class: 'toolbar' },
    h('div', { class: 'field grow' }, h('label', { for: 'new-client-name' }, 'Client name'), clientName),
    h('div', { class: 'field' }, h('label', { for: 'secret-lifetime' }, 'Client secrets expire after'), lifetime));
  let available = true;
  // Which client and secret the shown secret belongs to: revoking or deleting it takes it off the screen.
  let shown = null;

  const connectionCard = h('section', { class: 'card', 'aria-labelledby': 'entra-title' },
    h('div', { class: 'card-header' }, h('div', {},
      h('h2', { id: 'entra-title' }, 'Microsoft Entra ID connection'),
      h('p', {}, 'Paste these into the Reftab enterprise application in Microsoft Entra ID, under Provisioning → Admin Credentials.'))),
    connection);

  const clientsCard = h('section', { class: 'card', 'aria-labelledby': 'oauth-clients-title' },
    h('div', { class: 'card-header' },
      h('div', {},
        h('h2', { id: 'oauth-clients-title' }, 'OAuth clients'),
        h('p', {}, 'Microsoft Entra ID gets its access tokens with one of these, by a client secret or by a federated credential. A client secret is shown once, when it is generated.')),
      createButton),
    creation,
    newSecret,
    clients);

  function show(settings, list) {
    showConnection(settings);
    available = list !== null;
    createButton.hidden = !available;
    creation.hidden = !available;
    if (!available) {
      hideNewSecret();
      replace(clients, h('p', { class: 'empty' },
        'OAuth clients are not available on this service: Microsoft Entra ID cannot connect by client credentials or federation yet.'));
      return;
    }
    showClients(list);
  }

  function showConnection(settings) {
    const status = h('span', { role: 'status' });
    const tenantUrl = h('input', { id: 'entra-tenant-url', type: 'text', readonly: true, value: settings.scimEndpoint,
      'aria-describedby': 'entra-tenant-url-hint' });
    const fields = [
      h('div', { class: 'field' },
        h('label', { for: 'entra-tenant-url' }, 'Tenant URL'),
        h('div', { class: 'input-row' }, tenantUrl,
          h('button', { type: 'button', class: 'button', onclick: () => copy(settings.scimEndpoint, tenantUrl, status) },
            'Copy', h('span', { class: 'visually-hidden' }, ' Tenant URL'))),
        h('p', { class: 'hint', id: 'entra-tenant-url-hint' }, 'The SCIM endpoint. Microsoft Entra ID must reach this address; in production it is an HTTPS URL.')),
    ];
    if (settings.tokenEndpoint) {
      const tokenEndpoint = h('input', { id: 'entra-token-endpoint', type: 'text', readonly: true, value: settings.tokenEndpoint,
        'aria-describedby': 'entra-token-endpoint-hint' });
      fields.push(h('div', { class: 'field' },
        h('label', { for: 'entra-token-endpoint' }, 'Token endpoint'),
        h('div', { class: 'input-row' }, tokenEndpoint,
          h('button', { type: 'button', class: 'button', onclick: () => copy(settings.tokenEndpoint, tokenEndpoint, status) },
            'Copy', h('span', { class: 'visually-hidden' }, ' Token endpoint'))),
        h('p', { class: 'hint', id: 'entra-token-endpoint-hint' },
          'Entra exchanges a client secret or its own signed token here for an access token, and sends that with every call.')));
    } else {
      fields.push(h('p', { class: 'hint' }, 'Token endpoint: not available on this service.'));
    }
    replace(connection, fields, h('p', { class: 'hint' }, status),
      h('dl', { class: 'settings-list' },
        h('dt', {}, 'Authentication method'), h('dd', {}, 'OAuth2 client credentials grant, or workload identity federation'),
        h('dt', {}, 'Client identifier'), h('dd', {}, 'The client ID of an OAuth client below')));
  }

  function showClients(list) {
    if (list.length === 0) {
      replace(clients, h('p', { class: 'empty' }, 'No OAuth client: create one, then give its client ID and secret to Microsoft Entra ID.'));
      return;
    }
    replace(clients, list.map(clientBlock));
  }

  function clientBlock(client) {
    const id = slug(client.clientId);
    const status = h('span', { role: 'status' });
    const clientIdInput = h('input', { id: `client-id-${id}`, type: 'text', readonly: true, value: client.clientId });
    const live = (client.secrets || []).filter((secret) => !secret.revokedAt);
    const name = client.name || client.clientId;
    return h('section', { class: 'client', 'aria-labelledby': `client-title-${id}`, 'data-client-id': client.clientId },
      h('div', { class: 'client-header' },
        h('div', {},
          h('h3', { id: `client-title-${id}` }, name),
          h('p', { class: 'hint' }, 'Created ', time(client.createdAt))),
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'button button-small', onclick: () => addSecret(client),
            'aria-label': `Generate client secret for ${name}` }, 'Generate client secret'),
          h('button', { type: 'button', class: 'button button-small button-danger', onclick: () => remove(client),
            'aria-label': `Delete client ${name}` }, 'Delete client'))),
      h('div', { class: 'field' },
        h('label', { for: `client-id-${id}` }, 'Client ID'),
        h('div', { class: 'input-row' }, clientIdInput,
          h('button', { type: 'button', class: 'button', onclick: () => copy(client.clientId, clientIdInput, status) },
            'Copy', h('span', { class: 'visually-hidden' }, ` client ID of ${name}`))),
        h('p', { class: 'hint' }, status)),
      secretsTable(client, live),
      federatedCredential(client));
  }

  function secretsTable(client, live) {
    const name = client.name || client.clientId;
    if (live.length === 0) {
      return h('p', { class: 'hint' }, 'No live client secret: this client can get access tokens only with its federated credential.');
    }
    return h('div', { class: 'table-wrap' }, h('table', {},
      h('caption', { class: 'visually-hidden' }, `Client secrets of ${name}`),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Secret'), h('th', { scope: 'col' }, 'Created'),
        h('th', { scope: 'col' }, 'Expires'),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
      h('tbody', {}, live.map((secret) => h('tr', { 'data-secret-id': secret.id },
        h('td', {}, h('code', {}, secret.hint)),
        h('td', {}, time(secret.createdAt)),
        h('td', {}, expiry(secret.expiresAt)),
        h('td', { class: 'numeric' }, h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'button button-small button-danger', onclick: () => revoke(client, secret),
            'aria-label': `Revoke client secret ${secret.hint}` }, 'Revoke'))))))));
  }

  function expiry(expiresAt) {
    if (!expiresAt) return 'Never';
    const left = new Date(expiresAt).getTime() - Date.now();
    if (left <= 0) return [h('span', { class: 'badge badge-off' }, 'Expired'), time(expiresAt)];
    if (left < EXPIRES_SOON_DAYS * DAY_MS) return [h('span', { class: 'badge badge-warn' }, 'Expires soon'), time(expiresAt)];
    return time(expiresAt);
  }

  /** The client's federated credential: Entra's issuer, subject, audience and keys, shown, set or removed. */
  function federatedCredential(client) {
    const id = slug(client.clientId);
    const name = client.name || client.clientId;
    const body = h('div');
    const block = h('div', { class: 'federated', role: 'group', 'aria-labelledby': `federated-title-${id}` },
      h('h4', { id: `federated-title-${id}` }, 'Federated credential'),
      body);

    function showCurrent() {
      const credential = client.federatedCredential;
      if (!credential) {
        replace(body,
          h('p', { class: 'hint' }, 'Not set. With one, Microsoft Entra ID gets access tokens with a token it signs (workload identity federation) and needs no client secret.'),
          h('button', { type: 'button', class: 'button button-small', onclick: edit,
            'aria-label': `Set federated credential of ${name}` }, 'Set federated credential'));
        return;
      }
      replace(body,
        h('dl', { class: 'settings-list' },
          h('dt', {}, 'Issuer'), h('dd', {}, h('code', {}, credential.issuer)),
          h('dt', {}, 'Subject'), h('dd', {}, h('code', {}, credential.subject)),
          h('dt', {}, 'Audience'), h('dd', {}, h('code', {}, credential.audience)),
          h('dt', {}, 'JWKS URL'), h('dd', {}, h('code', {}, credential.jwksUri))),
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'button button-small', onclick: edit,
            'aria-label': `Change federated credential of ${name}` }, 'Change'),
          h('button', { type: 'button', class: 'button button-small button-danger', onclick: removeCredential,
            'aria-label': `Remove federated credential of ${name}` }, 'Remove federated credential')));
    }

    function edit() {
      const current = client.federatedCredential || {};
      const input = (field, label, value, hint, placeholder) => {
        const element = h('input', { id: `${field}-${id}`, type: 'text', value: value || '', placeholder,
          spellcheck: 'false', autocomplete: 'off', 'aria-describedby': hint ? `${field}-${id}-hint` : undefined });
        return {
          element,
          field: h('div', { class: 'field' },
            h('label', { for: `${field}-${id}` }, label),
            element,
            hint ? h('p', { class: 'hint', id: `${field}-${id}-hint` }, hint) : null),
        };
      };
      const tenant = input('entra-tenant', 'Entra tenant ID', tenantOf(current.issuer),
        'The Directory (tenant) ID of your Microsoft Entra tenant: it fills in the issuer and the JWKS URL.',
        '00000000-0000-0000-0000-000000000000');
      const issuer = input('issuer', 'Issuer', current.issuer || ENTRA_ISSUER('<Entra tenant id>'), null);
      const subject = input('subject', 'Subject', current.subject,
        'The Subject Microsoft Entra ID shows when you choose workload identity federation for the app.');
      const audience = input('audience', 'Audience', current.audience,
        'The Audience Microsoft Entra ID shows beside the Subject.');
      const jwks = input('jwks-uri', 'JWKS URL', current.jwksUri || ENTRA_JWKS('<Entra tenant id>'), null);
      tenant.element.addEventListener('input', () => {
        const value = tenant.element.value.trim();
        if (!value) return;
        issuer.element.value = ENTRA_ISSUER(value);
        jwks.element.value = ENTRA_JWKS(value);
      });
      const error = h('div');
      const form = h('form', { class: 'federated-form' },
        error, tenant.field, issuer.field, subject.field, audience.field, jwks.field,
        h('div', { class: 'actions' },
          h('button', { type: 'submit', class: 'button button-primary button-small' }, 'Save federated credential'),
          h('button', { type: 'button', class: 'button button-small', onclick: showCurrent }, 'Cancel')));
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const credential = {
          issuer: issuer.element.value.trim(),
          subject: subject.element.value.trim(),
          audience: audience.element.value.trim(),
          jwksUri: jwks.element.value.trim(),
        };
        const missing = Object.entries({ Issuer: credential.issuer, Subject: credential.subject,
          Audience: credential.audience, 'JWKS URL': credential.jwksUri })
          .filter(([, value]) => !value || value.includes('<')).map(([label]) => label);
        if (missing.length) {
          replace(error, errorCallout({ message: `Fill in: ${missing.join(', ')}.` }));
          return;
        }
        try {
          await api.put(`/oauth-clients/${encodeURIComponent(client.clientId)}/federated-credential`, credential);
          await refresh();
          replace(alerts, h('div', { class: 'callout callout-info', role: 'status' },
            h('p', {}, `The federated credential of ${name} was saved.`)));
        } catch (e) {
          replace(error, errorCallout(e));
        }
      });
      replace(body, form);
      (tenant.element.value ? subject.element : tenant.element).focus();
    }

    async function removeCredential() {
      const ok = await confirmDialog({
        title: `Remove the federated credential of ${name}?`,
        message: 'Microsoft Entra ID can no longer get access tokens for this client with a token it signs. The client’s secrets keep working.',
        confirmLabel: 'Remove credential',
        danger: true,
      });
      if (!ok) return;
      try {
        await api.delete(`/oauth-clients/${encodeURIComponent(client.clientId)}/federated-credential`);
        await refresh();
        replace(alerts, h('div', { class: 'callout callout-info', role: 'status' },
          h('p', {}, `The federated credential of ${name} was removed.`)));
      } catch (error) {
        replace(alerts, errorCallout(error));
      }
    }

    showCurrent();
    return block;
  }

  /** The Entra tenant id inside an issuer of Entra's form, to show it again when the credential is changed. */
  function tenantOf(issuer) {
    const match = /^https:\/\/login\.microsoftonline\.com\/([^/]+)\/v2\.0$/.exec(issuer || '');
    return match ? match[1] : '';
  }

  function showNewSecret(clientId, secretId, clientSecret, headline) {
    shown = { clientId, secretId };
    const status = h('span', { role: 'status' });
    const input = h('input', { id: 'new-client-secret', type: 'text', readonly: true, value: clientSecret,
      spellcheck: 'false', autocomplete: 'off' });
    replace(newSecret, h('div', { class: 'card-body' },
      h('div', { class: 'callout callout-new', role: 'region', 'aria-labelledby': 'new-client-secret-title' },
        h('h3', { id: 'new-client-secret-title' }, headline),
        h('p', {}, `Copy it now and paste it into Microsoft Entra ID as the Client secret (Provisioning → Admin Credentials), with the client ID ${clientId}. You will not see it again.`),
        h('div', { class: 'field' },
          h('label', { for: 'new-client-secret' }, 'New client secret'),
          h('div', { class: 'input-row' }, input,
            h('button', { type: 'button', class: 'button button-primary', onclick: () => copy(clientSecret, input, status) },
              'Copy', h('span', { class: 'visually-hidden' }, ' new client secret')),
            h('button', { type: 'button', class: 'button', onclick: hideNewSecret }, 'Done')),
          h('p', { class: 'hint' }, status)))));
    input.focus();
    input.select();
  }

  function hideNewSecret() {
    shown = null;
    replace(newSecret);
  }

  async function create() {
    createButton.disabled = true;
    try {
      const body = { secretLifetimeDays: Number(lifetime.value) };
      const name = clientName.value.trim();
      if (name) body.name = name;
      const created = await api.post('/oauth-clients', body);
      showNewSecret(created.clientId, created.secret && created.secret.id, created.clientSecret,
        `Your new client ${created.name || ''}`.trim());
      await refresh();
    } catch (error) {
      replace(alerts, errorCallout(error));
    } finally {
      createButton.disabled = false;
    }
  }

  async function addSecret(client) {
    try {
      const created = await api.post(`/oauth-clients/${encodeURIComponent(client.clientId)}/secrets`,
        { secretLifetimeDays: Number(lifetime.value) });
      showNewSecret(client.clientId, created.secret && created.secret.id, created.clientSecret,
        `A new client secret for ${client.name || client.clientId}`);
      await refresh();
    } catch (error) {
      replace(alerts, errorCallout(error));
    }
  }

  async function revoke(client, secret) {
    const ok = await confirmDialog({
      title: `Revoke client secret ${secret.hint}?`,
      message: 'Microsoft Entra ID can no longer get access tokens with it; those it already has run to their end. If Entra still uses it, paste another secret of this client into Entra first.',
      confirmLabel: 'Revoke secret',
      danger: true,
    });
    if (!ok) return;
    try {
      await api.delete(`/oauth-clients/${encodeURIComponent(client.clientId)}/secrets/${encodeURIComponent(secret.id)}`);
      if (shown && shown.clientId === client.clientId && shown.secretId === secret.id) hideNewSecret();
      await refresh();
      replace(alerts, h('div', { class: 'callout callout-info', role: 'status' },
        h('p', {}, `The client secret ${secret.hint} was revoked.`)));
    } catch (error) {
      replace(alerts, errorCallout(error));
    }
  }

  async function remove(client) {
    const name = client.name || client.clientId;
    const ok = await confirmDialog({
      title: `Delete client ${name}?`,
      message: 'Its secrets and federated credential go with it, and the access tokens it was given stop working. If Microsoft Entra ID still uses it, provisioning stops until you connect another client.',
      confirmLabel: 'Delete client',
      danger: true,
    });
    if (!ok) return;
    try {
      await api.delete(`/oauth-clients/${encodeURIComponent(client.clientId)}`);
      if (shown && shown.clientId === client.clientId) hideNewSecret();
      await refresh();
      replace(alerts, h('div', { class: 'callout callout-info', role: 'status' },
        h('p', {}, `The client ${name} was deleted.`)));
    } catch (error) {
      replace(alerts, errorCallout(error));
    }
  }

  async function refresh() {
    showClients((await api.get('/oauth-clients')).clients);
  }

  return { elements: [connectionCard, clientsCard], show };
}

/**
 * The tenant's OAuth clients, or null where the service has none: its settings name no token endpoint
 * (then the list is not even asked for), or the list answers 404.
 */
export async function loadClients(settings) {
  if (!settings.tokenEndpoint) return null;
  try {
    return (await api.get('/oauth-clients')).clients;
  } catch (error) {
    if (error.status === 404) return null;
    throw error;
  }
}
