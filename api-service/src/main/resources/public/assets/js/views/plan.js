import { api, download, isAdmin, session } from '../api.js';
import { h, notice, announce } from '../dom.js';
import * as fmt from '../format.js';
import { uploadPlan, fileInputs, fileCount } from './plans.js';

export default async function (root, route) {
  const id = route.id;
  document.title = 'Plan · Loadstack';
  root.append(h('p', {}, h('a', { href: '#/plans' }, '← All plans')));
  const body = h('div');
  root.append(body);
  let plan;
  try {
    plan = await api('/api/plans/' + encodeURIComponent(id));
  } catch (e) {
    body.replaceChildren(notice(e.status === 404 ? 'There is no such plan: it may have been deleted.' : e.message, 'error'));
    return;
  }
  render();

  function render() {
    document.title = `${plan.name} · Plans · Loadstack`;
    const message = h('div', { id: 'version-message' });
    const inputs = fileInputs('version');
    const submit = h('button', { type: 'submit', class: 'primary', id: 'upload-version' }, 'Upload new version');
    const form = h('form', {
      class: 'filters panel', id: 'version-form', onsubmit: async (e) => {
        e.preventDefault();
        message.replaceChildren();
        const data = new FormData();
        data.append('generator', plan.generator);
        inputs.fill(data);
        submit.disabled = true;
        try {
          const uploaded = await uploadPlan(`/api/plans/${plan.id}/versions`, data);
          plan = await api('/api/plans/' + plan.id);
          render();
          announce(`Version ${uploaded.version} uploaded`);
        } catch (err) { message.replaceChildren(notice(err.message, 'error')); submit.disabled = false; }
      },
    }, inputs.fields, submit);

    const mayDelete = isAdmin() || (session() && session().username === plan.owner);
    const remove = mayDelete ? h('button', { type: 'button', class: 'danger', id: 'delete-plan', onclick: async () => {
      if (!confirm(`Delete the plan "${plan.name}" and all its ${plan.versions.length} version(s)? This cannot be undone.`)) return;
      try {
        await api('/api/plans/' + plan.id, { method: 'DELETE' });
        announce(`Plan ${plan.name} deleted`);
        location.hash = '#/plans';
      } catch (err) { message.replaceChildren(notice(err.message, 'error')); }
    } }, 'Delete plan') : null;

    body.replaceChildren(
      h('div', { class: 'row' }, h('h1', { id: 'plan-name' }, plan.name), h('span', { class: 'tag' }, plan.generator),
        h('span', { class: 'spacer' }),
        h('a', { class: 'button primary', id: 'launch-plan-button', href: '#/launches/new?plan=' + encodeURIComponent(plan.id) }, 'Launch'),
        remove),
      h('p', { class: 'muted' }, `Owner ${plan.owner || '(removed user)'} · created ${fmt.time(plan.createdAt)} · latest version `,
        h('strong', { id: 'plan-version' }, 'v' + plan.version)),
      h('h2', {}, 'Upload a new version'),
      h('p', { class: 'muted small' }, 'A version never changes, so a launch keeps the version it ran. Upload the main file and every data file the new version needs.'),
      form, message,
      h('h2', {}, 'Versions'),
      h('div', { id: 'versions' }, plan.versions.map((v) => versionPanel(v))));
  }

  function versionPanel(v) {
    const error = h('div');
    return h('section', { class: 'panel', dataset: { version: v.version }, 'aria-labelledby': 'version-' + v.version },
      h('h3', { id: 'version-' + v.version }, `Version ${v.version}`, v.version === plan.version ? ' (latest)' : ''),
      h('p', { class: 'muted small' }, `Uploaded by ${v.uploadedBy} on ${fmt.time(v.createdAt)} · ${fileCount(v)}`),
      error,
      h('div', { class: 'table-wrap' }, h('table', {},
        h('caption', { class: 'sr-only' }, `Files of version ${v.version}`),
        h('thead', {}, h('tr', {}, ['File', 'Size', 'SHA-256', ''].map((t, i) => h('th', { scope: 'col', class: i === 1 ? 'num' : '' }, t)))),
        h('tbody', {}, v.files.map((f) => h('tr', { dataset: { file: f.name } },
          h('td', {}, f.name, f.main ? h('span', { class: 'tag' }, 'main') : null),
          h('td', { class: 'num' }, fmt.bytes(f.size)),
          h('td', {}, h('code', { title: f.sha256, dataset: { sha256: f.sha256 } }, f.sha256.slice(0, 12) + '…')),
          h('td', {}, h('button', { type: 'button', 'aria-label': `Download ${f.name} of version ${v.version}`, onclick: async () => {
            error.replaceChildren();
            try { await download(`/api/plans/${plan.id}/versions/${v.version}/files/${encodeURIComponent(f.name)}`); } catch (err) { error.replaceChildren(notice(err.message, 'error')); }
          } }, 'Download'))))))));
  }
}
