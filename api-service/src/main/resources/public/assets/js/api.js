// Talks to the api-service with the JWT kept for this browser tab (sessionStorage: gone when the tab closes).
const KEY = 'loadstack.session';

export class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

export function session() {
  try {
    const s = JSON.parse(sessionStorage.getItem(KEY));
    if (s && s.token && s.expiresAt > Date.now()) return s;
  } catch { /* nothing usable stored */ }
  return null;
}

export function isAdmin() {
  const s = session();
  return !!s && (s.roles || []).includes('ADMIN');
}

export async function login(username, password) {
  const response = await fetch('/auth', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, body.error || `sign-in failed (${response.status})`);
  // A user with a second factor gets the token of the next step instead (mfa.js shows that step).
  if (body.mfa_required) return { challenge: body };
  return startSession(body);
}

/** Keeps the login answer (of /auth or of the second step) for this tab. */
export function startSession(body) {
  const s = { token: body.access_token, username: body.username, roles: body.roles || [],
    expiresAt: Date.now() + body.expires_in * 1000 };
  sessionStorage.setItem(KEY, JSON.stringify(s));
  return s;
}

export function logout(message) {
  sessionStorage.removeItem(KEY);
  const q = message ? '?message=' + encodeURIComponent(message) : '';
  location.hash = '#/login' + q;
}

function expired() {
  logout('Your session has expired. Please sign in again.');
  return new ApiError(401, 'session expired');
}

async function call(path, options = {}) {
  const s = session();
  if (!s) throw expired();
  const headers = { Authorization: 'Bearer ' + s.token, ...(options.headers || {}) };
  let response;
  try {
    response = await fetch(path, { ...options, headers });
  } catch {
    throw new ApiError(0, 'The server cannot be reached. Check your connection, then try again.');
  }
  if (response.status === 401) throw expired();
  return response;
}

export async function api(path, options = {}) {
  const init = { ...options };
  if (options.json !== undefined) {
    init.body = JSON.stringify(options.json);
    init.headers = { 'Content-Type': 'application/json', ...(options.headers || {}) };
    delete init.json;
  }
  const response = await call(path, init);
  if (response.status === 204) return null;
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const message = body && body.error ? body.error : `request failed (${response.status})`;
    throw new ApiError(response.status, response.status === 403 ? `Not allowed: ${message}. Ask an admin.` : message);
  }
  return body;
}

/** Downloads a protected file: a plain link could not send the token, so fetch it and save the blob. */
export async function download(path) {
  const response = await call(path);
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    throw new ApiError(response.status, body.error || `download failed (${response.status})`);
  }
  const disposition = response.headers.get('Content-Disposition') || '';
  const match = /filename="([^"]+)"/.exec(disposition);
  const name = match ? match[1] : path.split('/').pop();
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url; a.download = name; a.hidden = true;
  document.body.append(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return name;
}
