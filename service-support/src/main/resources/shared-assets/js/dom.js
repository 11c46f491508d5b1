// Builds elements from data without innerHTML, so a run name can never become markup.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c == null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/**
 * Draws children into el, changing only the nodes that differ from what is there. A live page draws again on every
 * refresh; the parts that did not change stay the same nodes, so the reader keeps focus on a link, a text selection
 * or a hover. Only for drawings whose handlers follow from what they show: equal markup keeps the old nodes, and
 * with them the old listeners.
 */
export function redraw(el, ...children) {
  const next = el.cloneNode(false);
  append(next, children);
  patchChildren(el, next);
}

function patchChildren(el, next) {
  const now = [...el.childNodes];
  const drawn = [...next.childNodes];
  if (now.length !== drawn.length) { el.replaceChildren(...drawn); return; }
  now.forEach((node, i) => patch(node, drawn[i]));
}

function patch(node, drawn) {
  if (node.isEqualNode(drawn)) return;
  if (node.nodeType === Node.TEXT_NODE && drawn.nodeType === Node.TEXT_NODE) { node.data = drawn.data; return; }
  if (node.nodeName !== drawn.nodeName || node.nodeType !== Node.ELEMENT_NODE || !sameAttributes(node, drawn)) {
    node.replaceWith(drawn);
    return;
  }
  patchChildren(node, drawn);
}

function sameAttributes(a, b) {
  if (a.attributes.length !== b.attributes.length) return false;
  for (const { name, value } of a.attributes) if (b.getAttribute(name) !== value) return false;
  return true;
}

export function announce(text) {
  const live = document.getElementById('announce');
  if (live) live.textContent = text;
}

export function notice(text, kind = '') {
  return h('div', { class: 'notice ' + kind, role: kind === 'error' ? 'alert' : 'status' }, text);
}

export function badge(status) {
  return h('span', { class: 'badge ' + status }, status);
}

export function tags(map) {
  return Object.entries(map || {}).map(([k, v]) => h('span', { class: 'tag' }, `${k}: ${v}`));
}

/**
 * A table whose columns sort on click or Enter; columns: {key, label, num, value(row), render(row)}. A page that
 * draws the table again as data arrives passes onSort(key, descending) and gives the choice back as sortKey and
 * descending, so that the reader's order survives the redraw.
 */
export function sortableTable(columns, rows, { sortKey, descending = true, rowClass, caption, id, onSort } = {}) {
  let key = sortKey || columns[0].key;
  let desc = descending;
  const tbody = h('tbody');
  const heads = columns.map((c) => {
    const th = h('th', { scope: 'col', class: c.num ? 'num' : '' },
      h('button', { type: 'button', onclick: () => {
        desc = key === c.key ? !desc : true; key = c.key; draw();
        if (onSort) onSort(key, desc);
      } }, c.label));
    th.dataset.key = c.key;
    return th;
  });
  function value(row, c) { return c.value ? c.value(row) : row[c.key]; }
  function draw() {
    const c = columns.find((x) => x.key === key);
    const sorted = [...rows].sort((a, b) => {
      const x = value(a, c), y = value(b, c);
      const r = x == null ? -1 : y == null ? 1 : typeof x === 'string' ? x.localeCompare(y) : x - y;
      return desc ? -r : r;
    });
    heads.forEach((th) => th.setAttribute('aria-sort', th.dataset.key === key ? (desc ? 'descending' : 'ascending') : 'none'));
    tbody.replaceChildren(...sorted.map((row) => h('tr', { class: rowClass ? rowClass(row) : '' },
      columns.map((col) => h('td', { class: col.num ? 'num' : col.wrap ? 'wrap' : '' }, col.render ? col.render(row) : value(row, col))))));
  }
  draw();
  return h('div', { class: 'table-wrap' }, h('table', { id }, caption ? h('caption', { class: 'sr-only' }, caption) : null,
    h('thead', {}, h('tr', {}, heads)), tbody));
}
