import { api, ApiError, session, logout } from '../api.js';
import { h, notice, announce } from '../dom.js';
import * as fmt from '../format.js';

export const GENERATORS = [['jmeter', 'JMeter (.jmx)'], ['locust', 'Locust (locustfile.py)']];

/** Sends a plan's files as the multipart form the API reads; the JWT goes in the header, as for every call. */
export async function uploadPlan(path, form) {
  const s = session();
  let response;
  try {
    response = await fetch(path, { method: 'POST', headers: s ? { Authorization: 'Bearer ' + s.token } : {}, body: form });
  } catch {
    throw new ApiError(0, 'The server cannot be reached. Check your connection, then try again.');
  }
  const body = await response.json().catch(() => null);
  if (response.status === 401) {
    logout('Your session has expired. Please sign in again.');
    throw new ApiError(401, 'session expired');
  }
  if (!response.ok) {
    // The API's 413 names the file and the limit; a proxy's own 413 has no JSON body.
    const fallback = response.status === 413 ? 'The upload is larger than the server accepts.' : `upload failed (${response.status})`;
    throw new ApiError(response.status, body && body.error ? body.error : fallback);
  }
  return body;
}

/** The file inputs of an upload form: the main file and any data files, with a note of what was picked. */
export function fileInputs(prefix) {
  const main = h('input', { id: prefix + '-main', name: 'main', type: 'file', required: true });
  const files = h('input', { id: prefix + '-files', name: 'files', type: 'file', multiple: true });
  return {
    main, files,
    fields: [h('label', { for: prefix + '-main' }, 'Main file (the .jmx or the locustfile)', main),
      h('label', { for: prefix + '-files' }, 'Data files (CSV and the like; optional)', files)],
    fill(form) {
      form.append('main', main.files[0]);
      for (const f of files.files) form.append('files', f);
    },
    clear() { main.value = ''; files.value = ''; },
  };
}

export function fileCount(plan) {
  const data = plan.files.length - 1;
  return data === 0 ? 'main file only' : `main + ${data} data file${data === 1 ? '' : 's'}`;
}

export default async function (root) {
  document.title = 'Plans · Loadstack';
  const name = h('input', { id: 'plan-name', name: 'name', required: true, maxlength: 100, placeholder: 'e.g. checkout' });
  const generator = h('select', { id: 'plan-generator', name: 'generator' },
    GENERATORS.map(([value, label]) => h('option', { value }, label)));
  const inputs = fileInputs('plan');
  const message = h('div', { id: 'plan-message' });
  const list = h('div', { id: 'plans' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'upload-plan' }, 'Upload plan');
  const form = h('form', {
    class: 'filters panel', id: 'plan-form', onsubmit: async (e) => {
      e.preventDefault();
      message.replaceChildren();
      const data = new FormData();
      data.append('name', name.value.trim());
      data.append('generator', generator.value);
      inputs.fill(data);
      submit.disabled = true;
      try {
        const plan = await uploadPlan('/api/plans', data);
        name.value = ''; inputs.clear();
        message.replaceChildren(notice(h('span', {}, `Plan "${plan.name}" uploaded as version ${plan.version}. `,
          h('a', { href: '#/plans/' + plan.id }, 'Open it'))));
        announce(`Plan ${plan.name} uploaded`);
        await load();
      } catch (err) { message.replaceChildren(notice(err.message, 'error')); } finally { submit.disabled = false; }
    },
  }, h('label', { for: 'plan-name' }, 'Name', name), h('label', { for: 'plan-generator' }, 'Generator', generator),
  inputs.fields, submit);

  root.append(h('h1', {}, 'Test plans'),
    h('p', { class: 'muted' }, 'A plan is a generator\'s main file and the data files it reads. Plans are code: they run on the agents that launch them, never on Loadstack\'s servers. Uploading changes to a plan makes a new version.'),
    form, message, h('h2', {}, 'All plans'), list);

  async function load() {
    try {
      const plans = await api('/api/plans');
      list.replaceChildren(plans.length === 0
        ? h('div', { class: 'panel empty' }, 'No plans yet. Upload one above.')
        : h('div', { class: 'table-wrap' }, h('table', { id: 'plan-list' },
          h('caption', { class: 'sr-only' }, 'Test plans, newest first'),
          h('thead', {}, h('tr', {}, ['Name', 'Generator', 'Latest version', 'Files', 'Owner', 'Last upload', ''].map((t) => h('th', { scope: 'col', class: t === 'Latest version' ? 'num' : '' }, t)))),
          h('tbody', {}, plans.map((p) => h('tr', { dataset: { id: p.id } },
            h('td', {}, h('a', { href: '#/plans/' + p.id }, p.name)),
            h('td', {}, p.generator),
            h('td', { class: 'num', dataset: { field: 'version' } }, 'v' + p.version),
            h('td', {}, h('span', { title: p.files.map((f) => f.name).join(', ') }, `${fileCount(p)} · ${fmt.bytes(p.files.reduce((n, f) => n + f.size, 0))}`)),
            h('td', {}, p.owner || '(removed user)'),
            h('td', {}, `${fmt.time(p.uploadedAt)} by ${p.uploadedBy}`),
            h('td', {}, h('a', { class: 'button', href: '#/launches/new?plan=' + encodeURIComponent(p.id),
              'aria-label': 'Launch ' + p.name }, 'Launch'))))))));
    } catch (e) { list.replaceChildren(notice(e.message, 'error')); }
  }
  await load();
}
