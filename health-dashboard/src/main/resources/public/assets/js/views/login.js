import { login, startSession } from '../api.js';
import { h } from '../dom.js';
import { secondFactorStep } from '../mfa.js';

export default function (root) {
  document.title = 'Sign in · Loadstack health';
  const error = h('p', { id: 'login-error', class: 'error', role: 'alert' });
  const username = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true, autofocus: true });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button', { id: 'login-button', type: 'submit' }, 'Sign in');
  const form = h('form', {
    id: 'login-form', class: 'login', autocomplete: 'on',
    onsubmit: async (event) => {
      event.preventDefault();
      submit.disabled = true;
      error.textContent = '';
      try {
        const result = await login(username.value, password.value);
        password.value = '';
        if (result.challenge) {
          view.replaceChildren(secondFactorStep(result.challenge, (answer) => {
            startSession(answer);
            location.hash = '#/';
          }));
          return;
        }
        location.hash = '#/';
      } catch (e) {
        error.textContent = e.message;
        password.select();
      } finally {
        submit.disabled = false;
      }
    },
  },
  h('h2', {}, 'Sign in'),
  h('p', {}, 'Use your Loadstack account (the same as on the main dashboard).'),
  h('label', {}, 'Username ', username),
  h('label', {}, 'Password ', password),
  submit, error);
  const view = h('section', { id: 'login-view' }, form);
  root.append(view);
  username.focus();
}
