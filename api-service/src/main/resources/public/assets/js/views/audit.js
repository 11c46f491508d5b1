import { api } from '../api.js';
import { h, notice } from '../dom.js';
import * as fmt from '../format.js';

const PAGE_SIZE = 50;

/** The actions GET /api/audit records, in the order the filter offers them. */
const ACTIONS = ['SIGN_IN', 'SIGN_IN_FAILED', 'MFA_ENROLLED', 'MFA_DISABLED', 'MFA_RESET', 'MFA_RECOVERY_CODE_USED',
  'MFA_POLICY_CHANGED', 'INGEST_TOKEN_CREATED', 'INGEST_TOKEN_REVOKED', 'AGENT_TOKEN_CREATED', 'AGENT_TOKEN_REVOKED',
  'USER_CREATED', 'USER_CHANGED', 'USER_DELETED', 'PASSWORD_CHANGED', 'PLAN_UPLOADED', 'PLAN_DELETED', 'LAUNCH_STARTED',
  'LAUNCH_STOPPED', 'RUN_DELETED', 'ALLOWED_TARGETS_CHANGED'];

/** "SIGN_IN_FAILED" → "sign in failed" */
function actionText(action) {
  return action.toLowerCase().replaceAll('_', ' ').replace('mfa', 'second factor');
}

/** The detail object as "key: value" pairs; lists joined, nested objects as JSON. */
function detailText(detail) {
  if (!detail || typeof detail !== 'object') return '';
  return Object.entries(detail).map(([k, v]) => {
    const value = Array.isArray(v) ? v.join(', ') : v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v);
    return `${k}: ${value}`;
  }).join(' · ');
}

/** A date input's day as the start of that day in UTC, ISO. */
function dayStart(value, plusDays = 0) {
  if (!value) return '';
  const d = new Date(value + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + plusDays);
  return d.toISOString();
}

export default async function (root, route) {
  document.title = 'Audit log · Loadstack';
  const params = route.params;
  const page = Math.max(0, Number(params.get('page')) || 0);
  const actor = h('input', { id: 'audit-actor', name: 'actor', value: params.get('actor') || '', placeholder: 'any', autocomplete: 'off' });
  const action = h('select', { id: 'audit-action', name: 'action' },
    h('option', { value: '' }, 'any action'),
    ACTIONS.map((a) => h('option', { value: a, selected: params.get('action') === a }, actionText(a))));
  const from = h('input', { id: 'audit-from', name: 'from', type: 'date', value: params.get('from') || '' });
  const to = h('input', { id: 'audit-to', name: 'to', type: 'date', value: params.get('to') || '' });
  const form = h('form', { class: 'filters', id: 'audit-filters' },
    h('label', {}, 'Who ', actor), h('label', {}, 'Action ', action),
    h('label', {}, 'From ', from), h('label', {}, 'To (inclusive) ', to),
    h('button', { type: 'submit', class: 'primary' }, 'Filter'));
  const list = h('div', { id: 'audit' });
  const pager = h('div', { class: 'pager', id: 'audit-pager' });
  root.append(h('h1', {}, 'Audit log'),
    h('p', { class: 'muted' }, 'Who signed in, changed a user, a token, a second factor or the allowed targets, uploaded a plan, '
      + 'launched or stopped a test or deleted a run: newest first. No password, code or token is ever kept here.'),
    form, list, pager);

  function hashFor(p) {
    const q = new URLSearchParams();
    if (actor.value.trim()) q.set('actor', actor.value.trim());
    if (action.value) q.set('action', action.value);
    if (from.value) q.set('from', from.value);
    if (to.value) q.set('to', to.value);
    if (p > 0) q.set('page', String(p));
    const text = q.toString();
    return '#/audit' + (text ? '?' + text : '');
  }
  form.addEventListener('submit', (e) => { e.preventDefault(); location.hash = hashFor(0); });

  const query = new URLSearchParams({ page: String(page), size: String(PAGE_SIZE) });
  if (params.get('actor')) query.set('actor', params.get('actor'));
  if (params.get('action')) query.set('action', params.get('action'));
  if (params.get('from')) query.set('from', dayStart(params.get('from')));
  if (params.get('to')) query.set('to', dayStart(params.get('to'), 1));
  try {
    const body = await api('/api/audit?' + query);
    const items = Array.isArray(body.items) ? body.items : [];
    list.replaceChildren(items.length === 0
      ? h('div', { class: 'panel empty' }, 'Nothing recorded matches these filters.')
      : h('div', { class: 'table-wrap' }, h('table', { id: 'audit-list' },
        h('caption', { class: 'sr-only' }, 'Audit log, newest first'),
        h('thead', {}, h('tr', {}, ['When', 'Who', 'From', 'Action', 'What'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, items.map((e) => h('tr', { dataset: { action: e.action } },
          h('td', { title: e.at }, fmt.time(e.at, { seconds: true })),
          h('td', { dataset: { field: 'actor' } }, e.actor),
          h('td', { class: 'muted' }, e.address || '–'),
          h('td', { dataset: { field: 'action' }, class: e.action.endsWith('FAILED') ? 'failed-action' : '' }, actionText(e.action)),
          h('td', { class: 'wrap', dataset: { field: 'detail' } }, detailText(e.detail))))))));
    const pages = Math.ceil((body.total || 0) / PAGE_SIZE);
    pager.replaceChildren(...(pages <= 1 ? [] : [
      h('span', { class: 'muted small' }, `Page ${page + 1} of ${pages} · ${fmt.count(body.total)} entries`),
      page > 0 ? h('a', { class: 'button', href: hashFor(page - 1) }, 'Newer') : null,
      page + 1 < pages ? h('a', { class: 'button', href: hashFor(page + 1) }, 'Older') : null,
    ].filter(Boolean)));
  } catch (e) {
    list.replaceChildren(notice(e.message, 'error'));
  }
}
