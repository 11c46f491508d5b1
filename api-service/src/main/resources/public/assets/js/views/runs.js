import { api } from '../api.js';
import { h, notice, badge, tags, announce, redraw } from '../dom.js';
import * as fmt from '../format.js';
import { verdictBadge } from '../verdicts.js';

const POLL_MS = 5000;

export default function (root, route) {
  document.title = 'Runs · Loadstack';
  const p = route.params;
  const selected = new Set((p.get('selected') || '').split(',').filter(Boolean));
  const status = h('select', { id: 'f-status', name: 'status' },
    ['', 'RUNNING', 'COMPLETED', 'ABANDONED'].map((s) => h('option', { value: s, selected: p.get('status') === s }, s || 'Any')));
  const q = h('input', { id: 'f-q', name: 'q', type: 'search', placeholder: 'name contains…', value: p.get('q') || '' });
  const tag = h('input', { id: 'f-tag', name: 'tag', placeholder: 'key:value', value: p.get('tag') || '' });
  const from = h('input', { id: 'f-from', name: 'from', type: 'date', value: p.get('from') || '' });
  const to = h('input', { id: 'f-to', name: 'to', type: 'date', value: p.get('to') || '' });
  const page = Number(p.get('page') || 0);
  const size = 25;

  const form = h('form', { class: 'filters panel', role: 'search', onsubmit: (e) => { e.preventDefault(); go(0); } },
    h('label', { for: 'f-q' }, 'Name', q),
    h('label', { for: 'f-tag' }, 'Tag', tag),
    h('label', { for: 'f-status' }, 'Status', status),
    h('label', { for: 'f-from' }, 'Started from', from),
    h('label', { for: 'f-to' }, 'to', to),
    h('div', { class: 'row' }, h('button', { type: 'submit', class: 'primary' }, 'Filter'),
      h('button', { type: 'button', onclick: () => { location.hash = '#/runs'; } }, 'Clear')));

  function go(toPage) {
    const params = new URLSearchParams();
    if (q.value.trim()) params.set('q', q.value.trim());
    if (tag.value.trim()) params.set('tag', tag.value.trim());
    if (status.value) params.set('status', status.value);
    if (from.value) params.set('from', from.value);
    if (to.value) params.set('to', to.value);
    if (toPage) params.set('page', toPage);
    location.hash = '#/runs' + (params.toString() ? '?' + params : '');
  }

  const compareButton = h('button', { type: 'button', id: 'compare-selected', disabled: true,
    onclick: () => { location.hash = '#/compare?runs=' + [...selected].join(','); } }, 'Compare selected');
  const body = h('div', { id: 'runs' });
  const pager = h('div', { class: 'pager' });
  root.append(
    h('div', { class: 'row' }, h('h1', {}, 'Runs'), h('span', { class: 'spacer' }),
      h('span', { class: 'muted small' }, 'Tick two or more runs to compare them.'), compareButton),
    form, body, pager);

  function query() {
    const params = new URLSearchParams({ page, size });
    if (p.get('q')) params.set('q', p.get('q'));
    if (p.get('tag')) params.set('tag', p.get('tag'));
    if (p.get('status')) params.set('status', p.get('status'));
    // Dates are the viewer's days: send their local midnight as an instant.
    if (p.get('from')) params.set('from', new Date(p.get('from') + 'T00:00').toISOString());
    if (p.get('to')) { const d = new Date(p.get('to') + 'T00:00'); d.setDate(d.getDate() + 1); params.set('to', d.toISOString()); }
    return params;
  }

  function updateCompare() {
    compareButton.disabled = selected.size < 2;
    compareButton.textContent = selected.size >= 2 ? `Compare ${selected.size} runs` : 'Compare selected';
  }

  function row(run) {
    const box = h('input', { type: 'checkbox', 'aria-label': 'Select ' + run.name + ' to compare', checked: selected.has(run.uuid),
      onchange: (e) => { if (e.target.checked) selected.add(run.uuid); else selected.delete(run.uuid); updateCompare(); } });
    return h('tr', { dataset: { uuid: run.uuid, status: run.status } },
      h('td', {}, box),
      h('td', {}, badge(run.status)),
      h('td', { dataset: { field: 'verdict' } }, verdicts.has(run.uuid) ? verdictBadge(verdicts.get(run.uuid)) : h('span', { class: 'muted' }, '…')),
      h('td', { class: 'wrap' }, h('a', { href: '#/runs/' + run.uuid }, run.name || run.uuid), h('div', {}, tags(run.tags))),
      h('td', { title: run.startedAt }, fmt.time(run.startedAt)),
      h('td', { class: 'num' }, fmt.duration(run.durationSeconds)),
      h('td', { class: 'num', dataset: { field: 'requests' } }, fmt.count(run.requests)),
      h('td', { class: 'num', dataset: { field: 'errorRate' } }, fmt.percent(run.errorRate)),
      h('td', { class: 'num', dataset: { field: 'p95' } }, fmt.ms(run.p95)),
      h('td', { class: 'num hide-narrow' }, fmt.rps(run.rps)));
  }

  // The list has no verdicts: each row on the page asks for its own, once for an ended run (it changes only
  // when someone edits its test), at every poll for a running one (shown as last seen meanwhile).
  const verdicts = new Map();
  async function fillVerdicts(items) {
    await Promise.all(items.filter((r) => r.status === 'RUNNING' || !verdicts.has(r.uuid)).map(async (r) => {
      let v;
      try { v = (await api(`/api/runs/${r.uuid}/verdict`)).verdict; } catch { v = null; }
      if (stopped) return;
      if (v) verdicts.set(r.uuid, v);
      const cell = body.querySelector(`tr[data-uuid="${r.uuid}"] td[data-field="verdict"]`);
      if (cell) cell.replaceChildren(v ? verdictBadge(v) : h('span', { class: 'muted', title: 'the verdict could not be read' }, '–'));
    }));
  }

  let timer = null;
  let stopped = false;
  async function load() {
    try {
      const result = await api('/api/runs?' + query());
      if (stopped) return;
      if (result.items.length === 0) {
        const filtered = [...p.keys()].some((k) => k !== 'page');
        redraw(body, h('div', { class: 'panel empty' }, filtered
          ? [h('p', {}, 'No run matches these filters.'), h('a', { href: '#/runs' }, 'Clear the filters')]
          : [h('p', {}, 'No runs yet. Create an ingest token, point your load generator at this server, and start a test: it appears here live.'),
            h('a', { class: 'button primary', href: '#/tokens' }, 'Create a token')]));
      } else {
        redraw(body, h('div', { class: 'table-wrap' }, h('table', {},
          h('caption', { class: 'sr-only' }, 'Load-test runs, newest first'),
          h('thead', {}, h('tr', {}, h('th', {}, h('span', { class: 'sr-only' }, 'Compare')), h('th', {}, 'Status'), h('th', {}, 'Verdict'), h('th', {}, 'Name and tags'),
            h('th', {}, 'Started'), h('th', { class: 'num' }, 'Duration'), h('th', { class: 'num' }, 'Requests'),
            h('th', { class: 'num' }, 'Errors'), h('th', { class: 'num' }, 'p95'), h('th', { class: 'num hide-narrow' }, 'RPS'))),
          h('tbody', {}, result.items.map(row)))));
      }
      const first = result.page * result.size;
      redraw(pager,
        h('span', { class: 'muted' }, result.total === 0 ? '' : `${first + 1}–${first + result.items.length} of ${result.total}`),
        h('button', { type: 'button', disabled: page === 0, onclick: () => go(page - 1) }, '← Newer'),
        h('button', { type: 'button', disabled: first + result.items.length >= result.total, onclick: () => go(page + 1) }, 'Older →'));
      updateCompare();
      fillVerdicts(result.items);
      // Only a page showing running runs changes by itself: poll it while it does.
      if (result.items.some((r) => r.status === 'RUNNING')) timer = setTimeout(() => load(), POLL_MS);
      if (first === 0 && result.total) announce(`${result.total} runs`);
    } catch (e) {
      if (stopped) return;
      body.replaceChildren(notice(`${e.message}`, 'error'));
      if (e.status === 400) body.append(h('a', { href: '#/runs' }, 'Clear the filters'));
      else timer = setTimeout(() => load(), POLL_MS * 2);
    }
  }
  load();
  return () => { stopped = true; clearTimeout(timer); };
}
