import { api } from '../api.js';
import { h, notice, badge, redraw } from '../dom.js';
import * as fmt from '../format.js';

const REFRESH_MS = 5000;

/** A launch in one of these never changes again (the arrows are in api-service/README.md, "Launches"). */
export const ENDED = new Set(['COMPLETED', 'STOPPED', 'FAILED']);

/** The status, and the reason beside it when there is one (why it failed or who stopped it). */
export function launchStatus(launch, id) {
  return h('span', { class: 'status-with-reason', id },
    badge(launch.status), launch.reason ? h('span', { class: 'reason', dataset: { field: 'reason' } }, launch.reason) : null);
}

/**
 * "eu × 2, us × 1": from the launch's own regions when the API sends them (an object of counts, or a list of
 * {region, agents}), else counted from its agents.
 */
export function regionsText(launch) {
  let counts = launch.regions;
  if (Array.isArray(counts)) counts = Object.fromEntries(counts.map((r) => [r.region ?? r.name, r.agents ?? r.count]));
  if (!counts || typeof counts !== 'object') {
    counts = {};
    for (const a of Array.isArray(launch.agents) ? launch.agents : []) counts[a.region] = (counts[a.region] || 0) + 1;
  }
  const entries = Object.entries(counts).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? '–' : entries.map(([region, n]) => `${region} × ${n}`).join(', ');
}

export function planText(launch) {
  const name = launch.planName || (launch.planId != null ? `plan ${launch.planId}` : 'a deleted plan');
  return launch.version != null ? `${name} v${launch.version}` : name;
}

export function skewText(launch) {
  return launch.skewMs == null ? '–' : fmt.ms(launch.skewMs);
}

const PAGE_SIZE = 25;

/** GET /api/launches answers a page ({items, page, size, total}); a plain list is read the same way. */
function pageOf(body) {
  if (Array.isArray(body)) return { items: body, total: body.length };
  return { items: body && Array.isArray(body.items) ? body.items : [], total: body && body.total != null ? body.total : 0 };
}

export default async function (root, route) {
  const page = Math.max(0, Number(route.params.get('page')) || 0);
  document.title = 'Launches · Loadstack';
  const list = h('div', { id: 'launches' });
  const pager = h('div', { class: 'pager', id: 'launches-pager' });
  const updated = h('span', { class: 'live', id: 'launches-updated' });
  root.append(
    h('div', { class: 'row' }, h('h1', {}, 'Launches'), updated, h('span', { class: 'spacer' }),
      h('a', { class: 'button primary', href: '#/launches/new', id: 'new-launch' }, 'New launch')),
    h('p', { class: 'muted' }, 'A launch runs a plan on the load agents you pick, region by region, and records what they measure as one run.'),
    list, pager);

  let timer = null;
  let stopped = false;
  async function load() {
    try {
      const { items, total } = pageOf(await api(`/api/launches?page=${page}&size=${PAGE_SIZE}`));
      if (stopped) return;
      draw(items.sort((a, b) => b.id - a.id));
      drawPager(total);
      updated.textContent = 'Updated ' + fmt.clock(new Date().toISOString());
    } catch (e) { list.replaceChildren(notice(e.message, 'error')); }
  }
  function draw(launches) {
    redraw(list, launches.length === 0
      ? h('div', { class: 'panel empty' }, 'Nothing launched yet. ', h('a', { href: '#/launches/new' }, 'Launch a plan'),
        ' on the agents that are online.')
      : h('div', { class: 'table-wrap' }, h('table', { id: 'launch-list' },
        h('caption', { class: 'sr-only' }, 'Launches, newest first'),
        h('thead', {}, h('tr', {}, ['Launch', 'Plan', 'Status', 'Users', 'Regions', 'Created', 'Skew'].map((t) =>
          h('th', { scope: 'col', class: t === 'Users' || t === 'Skew' ? 'num' : '' }, t)))),
        h('tbody', {}, launches.map((l) => h('tr', { dataset: { id: l.id, status: l.status } },
          h('td', {}, h('a', { href: '#/launches/' + l.id }, '#' + l.id)),
          h('td', { dataset: { field: 'plan' } }, planText(l)),
          h('td', { class: 'wrap', dataset: { field: 'status' } }, launchStatus(l)),
          h('td', { class: 'num' }, l.users != null ? fmt.count(l.users) : '–'),
          h('td', { dataset: { field: 'regions' } }, regionsText(l)),
          h('td', { title: fmt.time(l.createdAt, { seconds: true }) }, l.createdAt ? fmt.time(l.createdAt) : '–',
            l.createdBy ? h('span', { class: 'muted' }, ' by ' + l.createdBy) : null),
          h('td', { class: 'num', dataset: { field: 'skew' } }, skewText(l))))))));
  }
  function drawPager(total) {
    const pages = Math.ceil(total / PAGE_SIZE);
    redraw(pager, ...(pages <= 1 ? [] : [
      h('span', { class: 'muted small' }, `Page ${page + 1} of ${pages} · ${fmt.count(total)} launches`),
      page > 0 ? h('a', { class: 'button', href: '#/launches?page=' + (page - 1) }, 'Newer') : null,
      page + 1 < pages ? h('a', { class: 'button', href: '#/launches?page=' + (page + 1) }, 'Older') : null,
    ].filter(Boolean)));
  }
  await load();
  // The list keeps itself current while it is open, so launches started elsewhere and their ends show up.
  timer = setInterval(load, REFRESH_MS);
  return () => { stopped = true; clearInterval(timer); };
}
