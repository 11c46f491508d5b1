// The signed-in user's own page: the second factor (set up with a QR code, confirmed with a code, recovery codes
// shown once; turned off with the password and a code).
import { api } from '../api.js';
import { h, notice, announce } from '../dom.js';
import { qrImage, recoveryCodeList } from '../mfa.js';

function why(err) {
  // api() words a 403 as "ask an admin"; here a 403 is the user's own wrong code or password.
  return err.status === 403 || err.status === 409 || err.status === 429 ? err.message.replace(/^Not allowed: (.*)\. Ask an admin\.$/, '$1') : err.message;
}

export default async function (root) {
  document.title = 'Your account · Loadstack';
  const me = await api('/api/user');
  const section = h('section', { id: 'mfa-section', class: 'panel' });
  root.append(h('h1', {}, 'Your account'), h('p', {}, 'Signed in as ', h('strong', {}, me.username), ` (${me.roles.join(', ').toLowerCase()}).`),
    section);
  const message = h('div', { id: 'mfa-message' });

  function showOff() {
    const start = h('button', { type: 'button', class: 'primary', id: 'mfa-start', onclick: begin }, 'Set up a second factor');
    section.replaceChildren(h('h2', {}, 'Second factor'), h('p', { id: 'mfa-status' }, 'Off. Sign-in takes your password only.'),
      h('p', {}, 'With a second factor, signing in also takes a 6-digit code from an authenticator app on your phone ',
        '(Google Authenticator, Microsoft Authenticator, FreeOTP, or your password manager): a stolen password alone is not enough.'),
      start, message);
  }

  async function begin() {
    message.replaceChildren();
    let enrollment;
    try { enrollment = await api('/api/user/mfa', { method: 'POST', json: {} }); } catch (err) { message.replaceChildren(notice(why(err), 'error')); return; }
    const code = h('input', { id: 'mfa-confirm-code', required: true, inputmode: 'numeric', maxlength: 6, autocomplete: 'one-time-code', pattern: '[0-9]{6}' });
    const form = h('form', {
      onsubmit: async (e) => {
        e.preventDefault();
        message.replaceChildren();
        try {
          const confirmed = await api('/api/user/mfa/confirm', { method: 'POST', json: { code: code.value.trim() } });
          section.replaceChildren(h('h2', {}, 'Second factor'), h('p', { id: 'mfa-status' }, 'On. From your next sign-in you will be asked for a code.'),
            recoveryCodeList(confirmed.recoveryCodes), h('button', { type: 'button', class: 'primary', onclick: showOn }, 'Done'));
          announce('Second factor on');
        } catch (err) { message.replaceChildren(notice(why(err), 'error')); code.select(); }
      },
    }, h('label', { for: 'mfa-confirm-code' }, 'Code from the app', code), h('button', { type: 'submit', class: 'primary', id: 'mfa-confirm' }, 'Confirm'));
    section.replaceChildren(h('h2', {}, 'Set up a second factor'),
      h('ol', {}, h('li', {}, 'Scan this QR code with your authenticator app.'),
        h('li', {}, 'Type the 6-digit code the app shows, to prove it has the key.')),
      qrImage(enrollment.qrSvg),
      h('p', {}, 'Cannot scan? Add the key by hand (time-based, 6 digits, 30 seconds): ', h('code', { id: 'mfa-secret' }, enrollment.secret)),
      form, message);
    code.focus();
  }

  function showOn() {
    const password = h('input', { id: 'mfa-off-password', type: 'password', required: true, autocomplete: 'current-password' });
    const code = h('input', { id: 'mfa-off-code', required: true, maxlength: 64, autocomplete: 'one-time-code' });
    section.replaceChildren(h('h2', {}, 'Second factor'), h('p', { id: 'mfa-status' }, 'On. Sign-in asks for a code from your authenticator app.'),
      h('p', { class: 'muted' }, 'Lost your phone? Sign in with one of your recovery codes, then turn the second factor off and set it up again. ',
        'No recovery codes left? An admin can reset it.'),
      h('form', {
        class: 'filters', onsubmit: async (e) => {
          e.preventDefault();
          message.replaceChildren();
          try {
            await api('/api/user/mfa', { method: 'DELETE', json: { password: password.value, code: code.value.trim() } });
            announce('Second factor off');
            showOff();
            message.replaceChildren(notice('The second factor is off. Remove Loadstack from your authenticator app.'));
          } catch (err) { message.replaceChildren(notice(why(err), 'error')); }
        },
      }, h('label', { for: 'mfa-off-password' }, 'Password', password), h('label', { for: 'mfa-off-code' }, 'Code (or a recovery code)', code),
      h('button', { type: 'submit', class: 'danger', id: 'mfa-off' }, 'Turn off')),
      message);
  }

  if (me.mfaEnabled) showOn(); else showOff();
}
