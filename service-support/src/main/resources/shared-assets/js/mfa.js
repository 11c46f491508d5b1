// The second factor in the browser, shared by the api-service's dashboard and the health dashboard: the step
// after a right password (a code from the app, or a recovery code) and the enrollment an admin's policy requires
// before the first sign-in. Both talk to the same endpoints, /auth/mfa and /auth/mfa/enroll[/confirm].
import { h } from './dom.js';

/** The enrollment QR code (an SVG the server drew) as an image: an <img> runs no script, whatever it holds. */
export function qrImage(svg, id = 'mfa-qr') {
  return h('img', { id, class: 'qr', width: 200, height: 200, alt: 'QR code to scan with your authenticator app',
    src: 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svg) });
}

/** The recovery codes, shown once, with a way to keep them. */
export function recoveryCodeList(codes) {
  return h('div', { class: 'recovery' },
    h('p', {}, h('strong', {}, 'Your recovery codes. '), 'Each signs you in once if your phone is lost. ',
      'They are shown only now: print them or keep them in your password manager.'),
    h('ol', { id: 'recovery-codes', class: 'codes' }, codes.map((c) => h('li', {}, h('code', {}, c)))),
    h('button', { type: 'button', onclick: () => navigator.clipboard && navigator.clipboard.writeText(codes.join('\n')) },
      'Copy the codes'));
}

async function post(path, json) {
  let response;
  try {
    response = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(json) });
  } catch {
    return { ok: false, status: 0, body: { error: 'the server cannot be reached; try again' } };
  }
  const body = await response.json().catch(() => ({}));
  return { ok: response.ok, status: response.status, body, retryAfter: response.headers.get('Retry-After') };
}

function problem(result) {
  if (result.status === 429) return `Too many wrong codes. Wait ${result.retryAfter || 'a few'} seconds, then try again.`;
  if (result.status === 401 && result.body.error === 'wrong code') {
    return 'That code is wrong or was already used. Type the code your app shows now, or a recovery code.';
  }
  return (result.body && result.body.error) || `sign-in failed (${result.status})`;
}

function codeInput(id) {
  return h('input', { id, name: 'code', required: true, maxlength: 64, autocomplete: 'one-time-code', spellcheck: 'false',
    autocapitalize: 'off' });
}

/**
 * The step after the password. challenge: the answer of /auth or /login ({mfa_required, mfa_token,
 * mfa_enrollment_required?}). done(loginAnswer) is called with the usual login answer once signed in.
 */
export function secondFactorStep(challenge, done) {
  return challenge.mfa_enrollment_required ? enrollmentStep(challenge, done) : codeStep(challenge, done);
}

function codeStep(challenge, done) {
  const error = h('div', { id: 'mfa-error', role: 'alert', class: 'error' });
  const code = codeInput('mfa-code');
  code.setAttribute('inputmode', 'text');
  const submit = h('button', { type: 'submit', class: 'primary', id: 'mfa-verify' }, 'Verify');
  const form = h('form', {
    id: 'mfa-form', class: 'login',
    onsubmit: async (event) => {
      event.preventDefault();
      submit.disabled = true;
      error.textContent = '';
      const result = await post('/auth/mfa', { mfa_token: challenge.mfa_token, code: code.value.trim() });
      submit.disabled = false;
      if (result.ok) { done(result.body); return; }
      error.textContent = problem(result);
      code.select();
    },
  },
  h('h2', {}, 'Second factor'),
  h('p', {}, 'Enter the 6-digit code your authenticator app shows for Loadstack, or one of your recovery codes.'),
  h('label', { for: 'mfa-code' }, 'Code ', code),
  submit, error,
  h('p', { class: 'muted' }, 'Lost your phone and your recovery codes? An admin can reset your second factor.'));
  setTimeout(() => code.focus(), 0);
  return form;
}

function enrollmentStep(challenge, done) {
  const section = h('section', { id: 'mfa-enroll', class: 'login' },
    h('h2', {}, 'Set up a second factor'),
    h('p', {}, 'Your admins require a second factor for your account. Scan the QR code with an authenticator app ',
      '(for example Google Authenticator, Microsoft Authenticator, FreeOTP or your password manager), ',
      'then type the code it shows.'));
  const error = h('div', { id: 'mfa-error', role: 'alert', class: 'error' });
  section.append(error);
  post('/auth/mfa/enroll', { mfa_token: challenge.mfa_token }).then((result) => {
    if (!result.ok) { error.textContent = problem(result); return; }
    const code = codeInput('mfa-enroll-code');
    code.setAttribute('inputmode', 'numeric');
    const submit = h('button', { type: 'submit', class: 'primary', id: 'mfa-enroll-confirm' }, 'Confirm and sign in');
    const form = h('form', {
      onsubmit: async (event) => {
        event.preventDefault();
        submit.disabled = true;
        error.textContent = '';
        const confirmed = await post('/auth/mfa/enroll/confirm', { mfa_token: challenge.mfa_token, code: code.value.trim() });
        submit.disabled = false;
        if (!confirmed.ok) { error.textContent = problem(confirmed); code.select(); return; }
        form.replaceWith(recoveryCodeList(confirmed.body.recoveryCodes),
          h('button', { type: 'button', class: 'primary', id: 'recovery-continue', onclick: () => done(confirmed.body) },
            'I have kept them: continue'));
      },
    }, h('label', { for: 'mfa-enroll-code' }, 'Code from the app ', code), submit);
    section.insertBefore(h('div', { class: 'enroll' }, qrImage(result.body.qrSvg),
      h('p', {}, 'Cannot scan? Type this key into the app: ', h('code', { id: 'mfa-secret' }, result.body.secret))), error);
    section.insertBefore(form, error);
    code.focus();
  });
  return section;
}
