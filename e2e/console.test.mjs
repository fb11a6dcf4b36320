// The admin console in a real browser, against a running service: an admin signs in, connects Okta,
// maps a pushed group, follows a deactivation into the report, generates, rotates and revokes
// SCIM and admin tokens, and connects Microsoft Entra ID with an OAuth client.
// Okta's side is played by SCIM calls made with the token the console generated, Entra's by token
// requests with the client secret the console showed.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [baseUrl, outputDir] = process.argv.slice(2);
const adminToken = process.env.REFTAB_E2E_ADMIN_TOKEN;
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const EVENTUALLY_MS = 30_000;
const run = randomBytes(3).toString('hex');

const consoleErrors = [];
const steps = [];

function watch(page) {
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${message.text()} (${page.url()})`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message} (${page.url()})`));
}

async function step(name, action) {
  const started = Date.now();
  await action();
  steps.push(name);
  console.log(`  ok  ${name} (${Date.now() - started} ms)`);
}

async function scim(token, method, path, body) {
  const response = await fetch(`${baseUrl}/scim/v2${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/scim+json', Accept: 'application/scim+json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** A call to the admin API, as a script holding an admin token would make it. */
async function adminCall(token, path) {
  const response = await fetch(`${baseUrl}/api/admin${path}`, {
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
  });
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON (a plain 404 page): only the status matters.
  }
  return { status: response.status, body };
}

/** A token request as Microsoft Entra ID makes it with a client secret (RFC 6749 §4.4, client_secret_post). */
async function tokenRequest(tokenEndpoint, clientId, clientSecret) {
  const response = await fetch(tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }).toString(),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

function oktaUser(first, last) {
  const userName = `${first.toLowerCase()}.${last.toLowerCase()}.${run}@example.com`;
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName,
    name: { givenName: first, familyName: last },
    displayName: `${first} ${last}`,
    emails: [{ primary: true, value: userName, type: 'work' }],
    active: true,
  };
}

async function screenshot(page, name) {
  await page.screenshot({ path: join(outputDir, `${name}.png`), fullPage: true });
}

/** Opens a screen from the sidebar, as an admin would. */
async function open(page, linkName, heading = linkName) {
  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: linkName, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
}

/** Retries a check until it passes or the time is up: the user store follows SCIM changes within seconds. */
async function eventually(check) {
  const deadline = Date.now() + EVENTUALLY_MS;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => { setTimeout(resolve, 250); }); // the poll interval
    }
  }
}

/** Reopens a screen until the row appears: the user store follows SCIM changes within seconds, not at once. */
async function untilRow(page, heading, text) {
  const row = page.locator('tbody tr', { hasText: text }).first();
  await eventually(async () => {
    try {
      await row.waitFor({ timeout: 1500 });
    } catch (error) {
      await page.reload();
      await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
      throw error;
    }
  });
  return row;
}

function parseCsv(text) {
  return text.trim().split(/\r\n/).map((line) => [...line.matchAll(/"((?:[^"]|"")*)"|(?<=^|,)(?=,|$)/g)]
    .map((match) => (match[1] ?? '').replace(/""/g, '"')));
}

async function main() {
  assert.ok(baseUrl && outputDir && adminToken, 'usage: REFTAB_E2E_ADMIN_TOKEN=… node console.test.mjs BASE_URL OUTPUT_DIR');
  await mkdir(outputDir, { recursive: true });
  const userDataDir = await mkdtemp(join(tmpdir(), 'reftab-console-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
  });
  const page = context.pages()[0] ?? await context.newPage();
  watch(page);
  try {
    await scenario(context, page);
    assert.deepEqual(consoleErrors, [], 'the console logged errors');
    console.log(`admin console: ${steps.length} steps passed; screenshots in ${outputDir}`);
  } catch (error) {
    await page.screenshot({ path: join(outputDir, 'failure.png'), fullPage: true }).catch(() => {});
    throw error;
  } finally {
    await context.close();
    await rm(userDataDir, { recursive: true, force: true });
  }
}

async function scenario(context, page) {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
  let scimToken;
  let endpoint;

  await step('the console asks for the admin token and keeps it out of the URL', async () => {
    await page.goto(`${baseUrl}/admin`);
    await page.getByRole('heading', { name: 'Sign in to identity provisioning' }).waitFor();
    await screenshot(page, 'sign-in');
    await page.getByLabel('Admin token', { exact: true }).fill(adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Configure SCIM' }).waitFor();
    assert.ok(!page.url().includes(adminToken), 'the admin token is in the URL');
    assert.equal(await page.evaluate(() => sessionStorage.getItem('reftab.adminToken')), adminToken);
    assert.equal(await page.evaluate(() => localStorage.length), 0, 'something was written to local storage');
    assert.deepEqual(await context.cookies(), [], 'the console set cookies');
  });

  await step('Configure SCIM shows the endpoint and a generated token once, with a copy button', async () => {
    endpoint = await page.getByLabel('SCIM connector base URL').inputValue();
    assert.equal(endpoint, `${baseUrl}/scim/v2`);
    await page.getByRole('button', { name: 'Generate SCIM token' }).click();
    const tokenField = page.getByRole('textbox', { name: 'New SCIM token' });
    await tokenField.waitFor();
    scimToken = await tokenField.inputValue();
    assert.match(scimToken, /^[A-Za-z0-9_-]{40,}$/);
    await page.getByRole('button', { name: 'Copy new SCIM token' }).click();
    await page.getByText('Copied to the clipboard.').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), scimToken);
    await page.getByText('Create Users, Update User Attributes and Deactivate Users').waitFor();
    await page.getByText('Application username format: Email').waitFor();
    await screenshot(page, 'configure-scim');
  });

  await step('the generated token works for SCIM, and the console shows its last use', async () => {
    const list = await scim(scimToken, 'GET', '/Users?count=1');
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.schemas, ['urn:ietf:params:scim:api:messages:2.0:ListResponse']);
    await page.reload();
    const row = page.locator('tbody tr', { hasText: `…${scimToken.slice(-4)}` });
    await row.waitFor();
    assert.equal(await row.getByText('Not used yet').count(), 0, 'the token is listed as never used');
    assert.equal(await page.getByRole('textbox', { name: 'New SCIM token' }).count(), 0, 'the token is shown again after a reload');
  });

  const ada = oktaUser('Ada', 'Lovelace');
  const grace = oktaUser('Grace', 'Hopper');
  const linus = oktaUser('Linus', 'Pauling');
  const groupName = `Field Engineers ${run}`;
  const ids = {};

  await step('Okta pushes three users and a group of two with the generated token', async () => {
    for (const user of [ada, grace, linus]) {
      const created = await scim(scimToken, 'POST', '/Users', user);
      assert.equal(created.status, 201, `create ${user.userName}`);
      ids[user.userName] = created.body.id;
    }
    const group = await scim(scimToken, 'POST', '/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: groupName,
      members: [ada, grace].map((u) => ({ value: ids[u.userName], display: u.userName })),
    });
    assert.equal(group.status, 201);
  });

  await step('mapping the pushed group saves at once and shows when the members have the role', async () => {
    await open(page, 'Group Mappings');
    const row = await untilRow(page, 'Group Mappings', groupName);
    assert.equal(await row.locator('td').nth(1).innerText(), '2');
    await page.getByLabel(groupName).selectOption('Manager');
    await row.getByText('Roles up to date').waitFor({ timeout: EVENTUALLY_MS });
    await screenshot(page, 'group-mappings');
  });

  await step('Sub Accounts finds the members with their new role and groups', async () => {
    await open(page, 'Sub Accounts');
    await eventually(async () => {
      await page.getByLabel('Search').fill(run);
      await page.getByLabel('Search').press('Enter');
      await page.locator('tbody tr', { hasText: linus.userName }).waitFor({ timeout: 1500 });
      assert.equal(await page.locator('tbody tr').count(), 3);
    });
    const adaRow = await page.locator('tbody tr', { hasText: ada.userName }).innerText();
    assert.match(adaRow, /Manager/);
    assert.match(adaRow, new RegExp(groupName));
    assert.match(adaRow, /Active/);
    assert.match(await page.locator('tbody tr', { hasText: linus.userName }).innerText(), /\bUser\b/);
    await screenshot(page, 'sub-accounts');
  });

  await roleOriginSteps(page, scimToken, ids, { ada, grace, linus }, groupName);

  await step('a user Okta deactivates appears in the disabled users report and its CSV', async () => {
    const patched = await scim(scimToken, 'PATCH', `/Users/${ids[linus.userName]}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', value: { active: false } }],
    });
    assert.equal(patched.status, 200);
    await open(page, 'Disabled users');
    const row = await untilRow(page, 'Disabled users', linus.userName);
    assert.equal(await page.locator('tbody tr').first().getAttribute('data-account-id'), ids[linus.userName],
      'the most recently disabled user is not first');
    assert.match(await row.innerText(), /Deactivated/);
    await page.getByText('com.reftab.scim.user.deactivated').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^disabled-users-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile(await download.path(), 'utf8');
    await writeFile(join(outputDir, 'disabled-users.csv'), csv);
    const [header, ...rows] = parseCsv(csv);
    assert.deepEqual(header, ['id', 'userName', 'email', 'givenName', 'familyName', 'displayName', 'accessRole',
      'groups', 'disabledAt', 'deletedInIdentityProvider']);
    const linusRow = rows.find((r) => r[0] === ids[linus.userName]);
    assert.ok(linusRow, 'the deactivated user is not in the CSV');
    assert.deepEqual(linusRow.slice(1, 8), [linus.userName, linus.userName, 'Linus', 'Pauling', 'Linus Pauling', 'User', '']);
    assert.ok(!Number.isNaN(Date.parse(linusRow[8])), `disabledAt is not a time: ${linusRow[8]}`);
    assert.equal(linusRow[9], 'false');
    assert.ok(!rows.some((r) => r[0] === ids[ada.userName]), 'an active user is in the CSV');
    await page.getByText('CSV downloaded.').waitFor();
    await screenshot(page, 'disabled-users');
  });

  await step('Provisioning activity lists the deactivation and the outbox backlog', async () => {
    await open(page, 'Provisioning activity');
    await untilRow(page, 'Provisioning activity', `Users/${ids[linus.userName]}`);
    await page.locator('tbody tr', { hasText: 'User deactivated' }).first().waitFor();
    await page.getByText('Outbox backlog').waitFor();
    await page.locator('tbody tr', { hasText: 'Group mapping changed' }).first().waitFor();
    await screenshot(page, 'activity');
  });

  await equipmentScenario(page, ids[linus.userName], linus.userName);

  await step('rotating keeps the old token working; revoking stops a token at once', async () => {
    await open(page, 'Configure SCIM');
    const hint = `…${scimToken.slice(-4)}`;
    await page.getByRole('button', { name: `Rotate SCIM token ${hint}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Rotate token' }).click();
    const rotatedField = page.getByRole('textbox', { name: 'New SCIM token' });
    await rotatedField.waitFor();
    const rotated = await rotatedField.inputValue();
    assert.notEqual(rotated, scimToken);
    assert.equal((await scim(rotated, 'GET', '/Users?count=1')).status, 200);
    assert.equal((await scim(scimToken, 'GET', '/Users?count=1')).status, 200, 'the rotated-out token stopped at once');
    await page.locator('tbody tr', { hasText: hint }).getByText('Rotated').waitFor();

    for (const token of [rotated, scimToken]) {
      const tokenHint = `…${token.slice(-4)}`;
      await page.getByRole('button', { name: `Revoke SCIM token ${tokenHint}` }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
      await page.getByText(`The SCIM token ${tokenHint} was revoked.`).waitFor();
      assert.equal(await page.locator('tbody tr', { hasText: tokenHint }).count(), 0);
      assert.equal((await scim(token, 'GET', '/Users?count=1')).status, 401);
    }
  });

  await step('an admin token is generated and shown once, rotated with an overlap and revoked', async () => {
    const card = page.getByRole('region', { name: 'Admin tokens' });
    if (adminToken.length > 8) {
      await card.locator('tbody tr', { hasText: `…${adminToken.slice(-4)}` }).getByText('Signed in', { exact: true }).waitFor();
    }
    await card.getByRole('button', { name: 'Generate admin token' }).click();
    const tokenField = page.getByRole('textbox', { name: 'New admin token' });
    await tokenField.waitFor();
    const generated = await tokenField.inputValue();
    assert.match(generated, /^[A-Za-z0-9_-]{40,}$/);
    await page.getByRole('button', { name: 'Copy new admin token' }).click();
    await card.getByText('Copied to the clipboard.').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), generated);
    assert.equal((await adminCall(generated, '/roles')).status, 200);
    assert.equal((await scim(generated, 'GET', '/Users?count=1')).status, 401, 'an admin token opened the SCIM API');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Configure SCIM' }).waitFor();
    const hint = `…${generated.slice(-4)}`;
    await card.locator('tbody tr', { hasText: hint }).waitFor();
    assert.equal(await page.getByRole('textbox', { name: 'New admin token' }).count(), 0, 'the admin token is shown again after a reload');

    await card.getByRole('button', { name: `Rotate admin token ${hint}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Rotate token' }).click();
    const rotatedField = page.getByRole('textbox', { name: 'New admin token' });
    await rotatedField.waitFor();
    const rotated = await rotatedField.inputValue();
    assert.notEqual(rotated, generated);
    assert.equal((await adminCall(rotated, '/roles')).status, 200);
    assert.equal((await adminCall(generated, '/roles')).status, 200, 'the rotated-out admin token stopped at once');
    await card.locator('tbody tr', { hasText: hint }).getByText('Rotated').waitFor();
    await screenshot(page, 'admin-tokens');

    await card.getByRole('button', { name: `Revoke admin token ${hint}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await card.locator('tbody tr', { hasText: hint }).waitFor();
    assert.equal((await adminCall(generated, '/roles')).status, 200, 'a cancelled revocation revoked the token');

    for (const token of [rotated, generated]) {
      const tokenHint = `…${token.slice(-4)}`;
      await card.getByRole('button', { name: `Revoke admin token ${tokenHint}` }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('It stops working at once').waitFor();
      await dialog.getByRole('button', { name: 'Revoke token' }).click();
      await page.getByText(`The admin token ${tokenHint} was revoked.`).waitFor();
      assert.equal(await card.locator('tbody tr', { hasText: tokenHint }).count(), 0);
      assert.equal((await adminCall(token, '/roles')).status, 401);
    }
    assert.equal(await page.evaluate(() => sessionStorage.getItem('reftab.adminToken')), adminToken,
      'revoking other admin tokens changed the session');
  });

  await entraScenario(page);

  await step('Equipment alerts: recipients, webhook and digest schedule are saved; a bad address is refused', async () => {
    await open(page, 'Equipment alerts');
    await page.getByLabel('E-mail recipients').fill('not an address');
    // The refusal is the server's 400, which the browser logs as a failed resource: expected here, so
    // it is taken out of the errors the run must not have, and only it.
    const refusalLogged = page.waitForEvent('console',
      { predicate: (message) => message.type() === 'error' && message.text().includes('status of 400'), timeout: 10000 });
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('alert').getByText('plain e-mail addresses').waitFor();
    await refusalLogged;
    consoleErrors.splice(consoleErrors.findIndex((error) => error.includes('status of 400')), 1);
    await page.getByLabel('E-mail recipients').fill('it@example.com\nfacilities@example.com');
    await page.getByLabel('Send alerts by e-mail').check();
    await page.getByLabel('Webhook URL (Slack-compatible, https)').fill('https://hooks.slack.com/services/T000/B000/e2e');
    await page.getByLabel('Send alerts to the webhook').check();
    await page.getByLabel('Send a digest of everyone disabled who still holds equipment').check();
    await page.getByLabel('Digest', { exact: true }).selectOption('weekly');
    await page.getByLabel('On', { exact: true }).selectOption('5');
    await page.getByLabel('At', { exact: true }).selectOption('7');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').getByText('Saved').waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Equipment alerts' }).waitFor();
    assert.equal(await page.getByLabel('E-mail recipients').inputValue(), 'it@example.com\nfacilities@example.com');
    assert.equal(await page.getByLabel('Digest', { exact: true }).inputValue(), 'weekly');
    assert.equal(await page.getByLabel('At', { exact: true }).inputValue(), '7');
    await screenshot(page, 'equipment-alerts');
  });

  await step('signing out forgets the admin token', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Admin token', { exact: true }).waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.getItem('reftab.adminToken')), null);
  });
}

/** Microsoft Entra ID's part of Configure SCIM: the identity provider, the connection, and an OAuth client's life. */
async function entraScenario(page) {
  const settings = (await adminCall(adminToken, '/scim-settings')).body;
  const connection = page.getByRole('region', { name: 'Microsoft Entra ID connection' });
  const clientsCard = page.getByRole('region', { name: 'OAuth clients' });

  await step('the Microsoft Entra ID section shows the tenant URL and the token endpoint', async () => {
    await open(page, 'Configure SCIM');
    assert.equal(await connection.getByLabel('Tenant URL').inputValue(), `${baseUrl}/scim/v2`);
    if (settings.tokenEndpoint) {
      assert.equal(await connection.getByLabel('Token endpoint').inputValue(), settings.tokenEndpoint);
      assert.equal(settings.tokenEndpoint, `${baseUrl}/oauth2/tenants/${settings.tenant}/oauth2/token`);
    } else {
      await connection.getByText('Token endpoint: not available on this service.').waitFor();
    }
    await page.getByRole('region', { name: 'Set up Microsoft Entra ID' }).getByText('Test Connection, then Save.').waitFor();
  });

  if (settings.identityProvider) {
    await step('choosing Microsoft Entra ID as the identity provider saves at once and puts its cards first', async () => {
      assert.equal(settings.identityProvider, 'okta', 'a new tenant does not follow Okta by default');
      await page.getByLabel('Your identity provider').selectOption('entra');
      await page.getByText('Saved: Reftab follows Microsoft Entra ID').waitFor();
      assert.equal((await adminCall(adminToken, '/scim-settings')).body.identityProvider, 'entra');
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Configure SCIM' }).waitFor();
      assert.equal(await page.getByLabel('Your identity provider').inputValue(), 'entra');
      const headings = await page.locator('main h2').allInnerTexts();
      assert.ok(headings.indexOf('Microsoft Entra ID connection') < headings.indexOf('SCIM connection'),
        `Entra's cards do not come first: ${headings.join(', ')}`);
    });
  } else {
    console.log('  --  the identity provider choice: not offered by this service (no identityProvider in /scim-settings)');
  }

  if (!settings.tokenEndpoint) {
    await step('without OAuth clients on the service, the section says so and offers none', async () => {
      await clientsCard.getByText('OAuth clients are not available on this service').waitFor();
      assert.equal(await clientsCard.getByRole('button', { name: 'Create OAuth client' }).count(), 0);
    });
    console.log('  --  OAuth clients, secrets and federated credentials: skipped, the service has no token endpoint (no tokenEndpoint in /scim-settings)');
    return;
  }

  const clientName = `Entra ${run}`;
  const client = page.getByRole('region', { name: clientName, exact: true });
  let clientId;
  let firstSecret;
  let firstSecretInfo;
  let secondSecret;
  let accessToken;

  await step('creating an OAuth client shows its secret once, with a copy button; a reload shows only its hint', async () => {
    await clientsCard.getByLabel('Client name').fill(clientName);
    assert.equal(await clientsCard.getByLabel('Client secrets expire after').inputValue(), '730', 'the default is not 2 years');
    await clientsCard.getByLabel('Client secrets expire after').selectOption('1095');
    await clientsCard.getByRole('button', { name: 'Create OAuth client' }).click();
    const secretField = page.getByRole('textbox', { name: 'New client secret' });
    await secretField.waitFor();
    firstSecret = await secretField.inputValue();
    assert.ok(firstSecret.length >= 32, `the client secret is short: ${firstSecret.length} characters`);
    await clientsCard.getByText('You will not see it again.').waitFor();
    await page.getByRole('button', { name: 'Copy new client secret' }).click();
    await clientsCard.getByText('Copied to the clipboard.').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), firstSecret);
    clientId = await client.getByLabel('Client ID').inputValue();
    const listed = (await adminCall(adminToken, '/oauth-clients')).body.clients.find((c) => c.clientId === clientId);
    assert.ok(listed, 'the new client is not listed by the admin API');
    assert.equal(listed.secrets.length, 1);
    [firstSecretInfo] = listed.secrets;
    const expiresInDays = (Date.parse(listed.secrets[0].expiresAt) - Date.now()) / 86_400_000;
    assert.ok(expiresInDays > 1093 && expiresInDays <= 1095, `the secret expires in ${expiresInDays} days, not 3 years`);

    const granted = await tokenRequest(settings.tokenEndpoint, clientId, firstSecret);
    assert.equal(granted.status, 200, JSON.stringify(granted.body));
    assert.equal(granted.body.token_type, 'Bearer');
    accessToken = granted.body.access_token;
    assert.equal((await scim(accessToken, 'GET', '/Users?count=1')).status, 200, 'the access token does not open the SCIM API');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Configure SCIM' }).waitFor();
    await client.locator('tbody tr').first().waitFor();
    assert.equal(await page.getByRole('textbox', { name: 'New client secret' }).count(), 0, 'the secret is shown again after a reload');
    assert.equal(await client.locator('tbody tr').count(), 1);
    assert.equal(await client.locator('tbody tr code').innerText(), listed.secrets[0].hint);
    assert.ok(!(await page.content()).includes(firstSecret), 'the secret is in the page after a reload');
  });

  await step('a second client secret is added for rotation, and the first one revoked', async () => {
    await client.getByRole('button', { name: `Generate client secret for ${clientName}` }).click();
    const secretField = page.getByRole('textbox', { name: 'New client secret' });
    await secretField.waitFor();
    secondSecret = await secretField.inputValue();
    assert.notEqual(secondSecret, firstSecret);
    await client.locator('tbody tr').nth(1).waitFor();
    assert.equal((await tokenRequest(settings.tokenEndpoint, clientId, firstSecret)).status, 200, 'the first secret stopped when a second was added');
    assert.equal((await tokenRequest(settings.tokenEndpoint, clientId, secondSecret)).status, 200);

    const first = firstSecretInfo;
    await client.locator(`tr[data-secret-id="${first.id}"]`).getByRole('button', { name: `Revoke client secret ${first.hint}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke secret' }).click();
    await page.getByText(`The client secret ${first.hint} was revoked.`).waitFor();
    assert.equal(await client.locator(`tr[data-secret-id="${first.id}"]`).count(), 0);
    assert.equal(await client.locator('tbody tr').count(), 1);
    const refused = await tokenRequest(settings.tokenEndpoint, clientId, firstSecret);
    assert.equal(refused.status, 401, 'a revoked secret still gets access tokens');
    assert.equal(refused.body.error, 'invalid_client');
    assert.equal((await tokenRequest(settings.tokenEndpoint, clientId, secondSecret)).status, 200);
  });

  await step('a federated credential is set with Entra\'s issuer and keys filled in from the tenant id, then removed', async () => {
    const entraTenant = '9b1f3a3c-5e2d-4c7a-8f41-2d6c0e8a7b15';
    const subject = '6f2a9c1e-3b4d-4e5f-8a7b-1c2d3e4f5a6b';
    const audience = 'api://1d5c2b7a-8e9f-4a3b-b6c5-d4e3f2a1b0c9';
    await client.getByRole('button', { name: `Set federated credential of ${clientName}` }).click();
    assert.equal(await client.getByLabel('Issuer').inputValue(), 'https://login.microsoftonline.com/<Entra tenant id>/v2.0');
    await client.getByLabel('Entra tenant ID').fill(entraTenant);
    assert.equal(await client.getByLabel('Issuer').inputValue(), `https://login.microsoftonline.com/${entraTenant}/v2.0`);
    assert.equal(await client.getByLabel('JWKS URL').inputValue(), `https://login.microsoftonline.com/${entraTenant}/discovery/v2.0/keys`);
    await client.getByRole('button', { name: 'Save federated credential' }).click();
    await client.getByText('Fill in: Subject, Audience.').waitFor();
    await client.getByLabel('Subject').fill(subject);
    await client.getByLabel('Audience').fill(audience);
    await client.getByRole('button', { name: 'Save federated credential' }).click();
    await page.getByText(`The federated credential of ${clientName} was saved.`).waitFor();
    await client.getByText(subject).waitFor();
    const saved = (await adminCall(adminToken, '/oauth-clients')).body.clients.find((c) => c.clientId === clientId);
    assert.deepEqual(saved.federatedCredential, {
      issuer: `https://login.microsoftonline.com/${entraTenant}/v2.0`,
      subject,
      audience,
      jwksUri: `https://login.microsoftonline.com/${entraTenant}/discovery/v2.0/keys`,
    });
    await screenshot(page, 'entra-id');

    await client.getByRole('button', { name: `Remove federated credential of ${clientName}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove credential' }).click();
    await page.getByText(`The federated credential of ${clientName} was removed.`).waitFor();
    await client.getByRole('button', { name: `Set federated credential of ${clientName}` }).waitFor();
    assert.equal((await adminCall(adminToken, '/oauth-clients')).body.clients.find((c) => c.clientId === clientId)
      .federatedCredential, null);
  });

  await step('deleting the client stops its access tokens at once', async () => {
    await client.getByRole('button', { name: `Delete client ${clientName}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete client' }).click();
    await page.getByText(`The client ${clientName} was deleted.`).waitFor();
    assert.equal(await client.count(), 0);
    assert.equal(await page.getByRole('textbox', { name: 'New client secret' }).count(), 0, 'a deleted client\'s secret is still shown');
    assert.equal((await scim(accessToken, 'GET', '/Users?count=1')).status, 401, 'a deleted client\'s access token still works');
    assert.equal((await tokenRequest(settings.tokenEndpoint, clientId, secondSecret)).status, 401);
  });

  if (settings.identityProvider) {
    await step('Okta is chosen again as the identity provider', async () => {
      await page.getByLabel('Your identity provider').selectOption('okta');
      await page.getByText('Saved: Reftab follows Okta').waitFor();
      assert.equal((await adminCall(adminToken, '/scim-settings')).body.identityProvider, 'okta');
    });
  }

  await step('Group Mappings withdraws a role from the identity provider and offers it again', async () => {
    await open(page, 'Group Mappings');
    const loanee = page.getByLabel('Loanee (no login)', { exact: true });
    await loanee.uncheck();
    await page.locator('tr[data-role="Loanee"]').getByText('Not offered').waitFor();
    const offered = async () => (await adminCall(adminToken, '/roles')).body.roles.find((r) => r.name === 'Loanee').offered;
    assert.equal(await offered(), false, 'the withdrawal was not saved');
    await loanee.check();
    await page.locator('tr[data-role="Loanee"]').getByText('Offered', { exact: true }).waitFor();
    assert.equal(await offered(), true, 'the offer was not saved');
    await screenshot(page, 'offered-roles');
  });
}

main().catch((error) => {
  console.error(`admin console browser tests FAILED after: ${steps.join(' / ') || 'nothing'}`);
  console.error(error);
  if (consoleErrors.length) console.error(`console errors:\n  ${consoleErrors.join('\n  ')}`);
  process.exit(1);
});

/** A loan published as the asset service would (the demo API; the service runs with REFTAB_LOANS_DEMO=true). */
async function lend(loan) {
  const response = await fetch(`${baseUrl}/api/admin/loans`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(loan),
  });
  assert.notEqual(response.status, 404, 'POST /api/admin/loans is off: start the service with REFTAB_LOANS_DEMO=true');
  assert.equal(response.status, 202, await response.text());
}

/** "Disabled users with equipment": a disabled person's laptop is listed, downloaded as CSV, and gone once returned. */
async function equipmentScenario(page, userId, userName) {
  const itemId = `laptop-${run}`;
  await step('a disabled person still holding a laptop is in "Disabled users with equipment" and its CSV', async () => {
    await lend({ type: 'checked-out', itemId, name: 'MacBook Pro 14', category: 'Laptops', assetTag: `RT-${run}`,
      value: 2499, currency: 'USD', userId });
    await open(page, 'Disabled users with equipment');
    const row = await untilRow(page, 'Disabled users with equipment', userName);
    assert.equal(await row.getAttribute('data-account-id'), userId);
    assert.match(await row.innerText(), /MacBook Pro 14/);
    assert.match(await row.innerText(), new RegExp(`RT-${run}`));
    assert.match(await row.innerText(), /2,499\.00 USD/);
    await page.getByLabel('Order').selectOption('value');
    await page.locator('tbody tr', { hasText: userName }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^disabled-users-with-equipment-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile(await download.path(), 'utf8');
    await writeFile(join(outputDir, 'disabled-users-with-equipment.csv'), csv);
    const [header, ...rows] = parseCsv(csv);
    assert.deepEqual(header, ['id', 'userName', 'displayName', 'disabledAt', 'daysDisabled', 'totalValue', 'itemId',
      'name', 'category', 'assetTag', 'since', 'value', 'currency']);
    const laptopRow = rows.find((r) => r[6] === itemId);
    assert.ok(laptopRow, 'the laptop is not in the CSV');
    assert.deepEqual([laptopRow[0], laptopRow[1], laptopRow[7], laptopRow[9], laptopRow[11]],
      [userId, userName, 'MacBook Pro 14', `RT-${run}`, '2499.00']);
    await page.getByText('CSV downloaded.').waitFor();
    await screenshot(page, 'disabled-users-with-equipment');
  });

  await step('once the laptop is returned, the person leaves "Disabled users with equipment"', async () => {
    await lend({ type: 'returned', itemId });
    await eventually(async () => {
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Disabled users with equipment' }).waitFor();
      await page.locator('.table-wrap').filter({ hasNotText: 'Loading…' }).waitFor();
      assert.equal(await page.locator('tbody tr', { hasText: userName }).count(), 0, 'the person is still listed');
    });
  });
}

/** Where each person's role comes from: a mapped group, a role the identity provider assigns directly, the default. */
async function roleOriginSteps(page, scimToken, ids, { ada, grace, linus }, groupName) {
  await step('a role the identity provider assigns directly shows as such beside group and default roles', async () => {
    const patched = await scim(scimToken, 'PATCH', `/Users/${ids[grace.userName]}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'Add', path: 'roles', value: [{ primary: false, type: 'WindowsAzureActiveDirectoryRole', value: 'Administrator' }] }],
    });
    assert.equal(patched.status, 200);
    await open(page, 'Sub Accounts');
    await eventually(async () => {
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Sub Accounts' }).waitFor();
      await page.getByLabel('Search').fill(run);
      await page.getByLabel('Search').press('Enter');
      const graceRow = page.locator('tbody tr', { hasText: grace.userName });
      await graceRow.getByText('Assigned directly by the identity provider').waitFor({ timeout: 1500 });
      assert.match(await graceRow.innerText(), /Administrator/);
    });
    assert.match(await page.locator('tbody tr', { hasText: ada.userName }).innerText(), new RegExp(`From group ${groupName}`));
    assert.match(await page.locator('tbody tr', { hasText: linus.userName }).innerText(), /Default role/);
    await screenshot(page, 'sub-accounts-role-origin');
  });

  await step('Group Mappings states the role rule, lists each member\'s role origin and saves the direct-roles setting', async () => {
    await open(page, 'Group Mappings');
    await page.getByText('the highest-precedence role among the roles the identity provider assigns them directly').waitFor();
    const row = await untilRow(page, 'Group Mappings', groupName);
    await row.getByRole('button', { name: 'Show members' }).click();
    await row.locator('li', { hasText: ada.displayName }).getByText(`From group ${groupName}`).waitFor();
    await row.locator('li', { hasText: grace.displayName }).getByText('Assigned directly by the identity provider').waitFor();
    assert.equal(await row.locator('li', { hasText: linus.displayName }).count(), 0, 'a person outside the group is listed');
    const setting = page.getByLabel(/Direct assignments decide/);
    assert.equal(await setting.isChecked(), false);
    await setting.check();
    await page.getByText('Saved: roles follow within seconds').waitFor();
    assert.equal((await adminCall(adminToken, '/direct-roles')).body.directRolesAuthoritative, true);
    await setting.uncheck();
    await eventually(async () => {
      assert.equal((await adminCall(adminToken, '/direct-roles')).body.directRolesAuthoritative, false);
    });
    await screenshot(page, 'group-mappings-role-origin');
  });
}
