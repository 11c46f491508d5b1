import { api } from '../api.js';
import { h, notice, sortableTable } from '../dom.js';
import * as fmt from '../format.js';
import { testHref } from '../verdicts.js';

export default async function (root) {
  document.title = 'Tests · Loadstack';
  const list = h('div', { id: 'tests' });
  root.append(h('h1', {}, 'Tests'),
    h('p', { class: 'muted' }, 'Runs with the same name form a test: its page charts them over time and holds the thresholds and the baseline each new run is judged by.'),
    list);
  let tests;
  try {
    tests = await api('/api/tests');
  } catch (e) {
    list.replaceChildren(notice(e.message, 'error'));
    return;
  }
  list.replaceChildren(tests.length === 0
    ? h('div', { class: 'panel empty' }, 'No tests yet: a test appears with its first run.')
    : sortableTable([
      { key: 'name', label: 'Test', wrap: true, render: (t) => h('a', { href: testHref(t.name) }, t.name) },
      { key: 'runs', label: 'Runs', num: true, render: (t) => fmt.count(t.runs) },
      { key: 'lastRunAt', label: 'Last run', value: (t) => t.lastRunAt || '', render: (t) => (t.lastRunAt ? fmt.time(t.lastRunAt) : 'never') },
      { key: 'thresholds', label: 'Thresholds', num: true },
      { key: 'baseline', label: 'Baseline', value: (t) => t.baseline || '',
        render: (t) => (t.baseline ? h('a', { href: '#/runs/' + t.baseline }, 'a pinned run') : h('span', { class: 'muted' }, 'none')) },
    ], tests, { sortKey: 'lastRunAt', caption: 'Tests, the most recently run first', id: 'tests-table' }));
}
