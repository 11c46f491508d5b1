import { login, session, startSession } from '../api.js';
import { h, notice } from '../dom.js';
import { secondFactorStep } from '../mfa.js';

export default function (root, route) {
  if (session()) { location.hash = '#/runs'; return; }
  document.title = 'Sign in · Loadstack';
  const message = route.params.get('message');
  const error = h('div', { id: 'login-error' });
  const username = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true, autofocus: true });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button', { class: 'primary', type: 'submit', id: 'sign-in' }, 'Sign in');
  const form = h('form', {
    onsubmit: async (event) => {
      event.preventDefault();
      submit.disabled = true;
      error.replaceChildren();
      try {
        const result = await login(username.value.trim(), password.value);
        if (result.challenge) {
          password.value = '';
          panel.replaceChildren(h('h1', {}, 'Loadstack'), secondFactorStep(result.challenge, (answer) => {
            startSession(answer);
            location.hash = route.params.get('next') || '#/runs';
          }));
          return;
        }
        location.hash = route.params.get('next') || '#/runs';
      } catch (e) {
        error.replaceChildren(notice(e.status === 401 ? 'Wrong username or password. Try again, or ask an admin to reset your password.' : e.message, 'error'));
        password.select();
      } finally {
        submit.disabled = false;
      }
    },
  },
  h('label', { for: 'username' }, 'Username', username),
  h('label', { for: 'password' }, 'Password', password),
  submit);
  const panel = h('div', { class: 'login panel' },
    h('h1', {}, 'Loadstack'),
    h('p', { class: 'muted' }, 'Sign in to see your team\'s load-test runs.'),
    message ? notice(message, 'warn') : null,
    error, form);
  root.append(panel);
  username.focus();
}
