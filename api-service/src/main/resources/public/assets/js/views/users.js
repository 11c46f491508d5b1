import { api, isAdmin, session } from '../api.js';
import { h, notice, announce } from '../dom.js';
import * as fmt from '../format.js';

export default async function (root) {
  document.title = 'Users · Loadstack';
  root.append(h('h1', {}, 'Users'));
  if (!isAdmin()) {
    root.append(notice('Only admins manage users. Ask an admin to add a colleague or reset a password.'));
    return;
  }
  const username = h('input', { id: 'new-username', required: true, maxlength: 64, autocomplete: 'off', pattern: '[A-Za-z0-9._@\\-]+' });
  const password = h('input', { id: 'new-password', type: 'password', required: true, minlength: 8, maxlength: 72, autocomplete: 'new-password' });
  const role = h('select', { id: 'new-role' }, h('option', { value: 'USER' }, 'User'), h('option', { value: 'ADMIN' }, 'Admin'));
  const message = h('div');
  const list = h('div', { id: 'user-list' });
  const policy = h('select', { id: 'mfa-policy', onchange: async () => {
    try {
      await api('/api/mfa-policy', { method: 'PUT', json: { requirement: policy.value } });
      message.replaceChildren(notice({ NONE: 'A second factor is optional.', ADMINS: 'Admins must have a second factor: one without is taken to set it up at sign-in.',
        EVERYONE: 'Everyone must have a second factor: a user without one is taken to set it up at sign-in.' }[policy.value]));
      announce('Second-factor policy changed');
    } catch (err) { message.replaceChildren(notice(err.message, 'error')); }
  } }, h('option', { value: 'NONE' }, 'Optional for everyone'), h('option', { value: 'ADMINS' }, 'Required for admins'),
  h('option', { value: 'EVERYONE' }, 'Required for everyone'));
  root.append(h('div', { class: 'filters panel' }, h('label', { for: 'mfa-policy' }, 'Second factor (authenticator app)', policy)));
  api('/api/mfa-policy').then((p) => { policy.value = p.requirement; }).catch((err) => message.replaceChildren(notice(err.message, 'error')));
  root.append(h('form', {
    class: 'filters panel', onsubmit: async (e) => {
      e.preventDefault();
      message.replaceChildren();
      try {
        await api('/api/users', { method: 'POST', json: { username: username.value.trim(), password: password.value, role: role.value } });
        message.replaceChildren(notice(`User ${username.value.trim()} created. Give them their password through a safe channel.`));
        username.value = ''; password.value = '';
        await load();
      } catch (err) { message.replaceChildren(notice(err.message, 'error')); }
    },
  }, h('label', { for: 'new-username' }, 'Username', username), h('label', { for: 'new-password' }, 'Password (8+ characters)', password),
  h('label', { for: 'new-role' }, 'Role', role), h('button', { type: 'submit', class: 'primary' }, 'Create user')), message, list);

  async function load() {
    try {
      const users = await api('/api/users');
      const me = session().username;
      list.replaceChildren(h('div', { class: 'table-wrap' }, h('table', {},
        h('thead', {}, h('tr', {}, ['Username', 'Role', 'Second factor', 'Created', ''].map((t) => h('th', {}, t)))),
        h('tbody', {}, users.map((u) => h('tr', { dataset: { user: u.username } },
          h('td', {}, u.username), h('td', {}, u.roles.join(', ')), h('td', { class: 'mfa' }, u.mfaEnabled ? 'on' : 'off'),
          h('td', {}, fmt.time(u.createdAt)),
          h('td', { class: 'row' },
            u.mfaEnabled ? h('button', { type: 'button', class: 'mfa-reset', 'aria-label': 'Reset the second factor of ' + u.username, onclick: async () => {
              if (!confirm(`Reset the second factor of ${u.username}? They sign in with their password alone until they set up a new one.`)) return;
              try { await api(`/api/users/${encodeURIComponent(u.username)}/mfa`, { method: 'DELETE' }); message.replaceChildren(notice(`Second factor of ${u.username} reset.`)); announce('Second factor reset'); await load(); } catch (err) { message.replaceChildren(notice(err.message, 'error')); }
            } }, 'Reset second factor') : null,
            h('button', { type: 'button', 'aria-label': 'Reset the password of ' + u.username, onclick: async () => {
              const pw = prompt(`New password for ${u.username} (8 to 72 characters):`);
              if (!pw) return;
              try { await api(`/api/users/${encodeURIComponent(u.username)}/password`, { method: 'PUT', json: { password: pw } }); message.replaceChildren(notice(`Password of ${u.username} reset.`)); announce('Password reset'); } catch (err) { message.replaceChildren(notice(err.message, 'error')); }
            } }, 'Reset password'),
            u.username === me ? null : h('button', { type: 'button', class: 'danger', 'aria-label': 'Remove ' + u.username, onclick: async () => {
              if (!confirm(`Remove ${u.username}? Their tokens stop working; their runs stay.`)) return;
              try { await api('/api/users/' + encodeURIComponent(u.username), { method: 'DELETE' }); await load(); announce('User removed'); } catch (err) { message.replaceChildren(notice(err.message, 'error')); }
            } }, 'Remove'))))))));
    } catch (e) { list.replaceChildren(notice(e.message, 'error')); }
  }
  await load();
}
