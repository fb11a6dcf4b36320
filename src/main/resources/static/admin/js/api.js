// Calls to the admin API with the admin token, which lives only in this tab's session storage.
const TOKEN_KEY = 'reftab.adminToken';

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export const session = {
  token: () => sessionStorage.getItem(TOKEN_KEY),
  signIn: (token) => sessionStorage.setItem(TOKEN_KEY, token),
  signOut: () => sessionStorage.removeItem(TOKEN_KEY),
};

async function send(method, path, body, token = session.token()) {
  const headers = { Accept: 'application/json', Authorization: `Bearer ${token}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(`/api/admin${path}`, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'The service could not be reached. Check your connection and try again.');
  }
  if (response.status === 401) {
    window.dispatchEvent(new CustomEvent('reftab:signed-out'));
    throw new ApiError(401, 'Your session has ended. Sign in again with the admin token.');
  }
  if (!response.ok) {
    let detail = `The request failed (${response.status}).`;
    try {
      const error = await response.json();
      if (error.detail) detail = error.detail;
    } catch {
      // Not a SCIM error body: keep the generic message.
    }
    throw new ApiError(response.status, detail);
  }
  return response;
}

/** The answer's JSON, or null for an answer without a body (204). */
async function json(response) {
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

export const api = {
  get: async (path) => json(await send('GET', path)),
  post: async (path, body) => json(await send('POST', path, body)),
  put: async (path, body) => json(await send('PUT', path, body)),
  delete: async (path) => { await send('DELETE', path); },
  blob: async (path) => (await send('GET', path)).blob(),
  /** Checks a token before keeping it, with a read every admin token may make. */
  check: async (token) => (await send('GET', '/scim-settings', undefined, token)).json(),
};
