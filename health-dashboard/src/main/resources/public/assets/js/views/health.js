// The cards and the event list: loaded once with their history, then kept current by the websocket.
import { api, liveSocket, session } from '../api.js';
import { h } from '../dom.js';
import * as fmt from '../format.js';
import { serviceCard } from '../card.js';

const EVENTS_KEPT = 200;

function setConnection(live) {
  const badge = document.getElementById('connection');
  badge.textContent = live ? 'live' : 'offline';
  badge.classList.toggle('live', live);
}

function eventItem(event) {
  return h('li', { dataset: { kind: event.kind, target: event.target } },
    h('time', { datetime: event.occurredAt }, fmt.time(event.occurredAt, { seconds: true })),
    h('span', { class: 'kind kind-' + event.kind }, event.kind),
    h('span', {}, event.message));
}

export default async function (root) {
  document.title = 'Loadstack health';
  const cardList = h('div', { id: 'cards', class: 'cards' });
  const eventList = h('ol', { id: 'events', class: 'events' });
  root.append(h('section', { id: 'dashboard-view' }, cardList, h('h2', {}, 'Events'), eventList));

  const cards = new Map();
  let socket = null;
  let reconnect = null;
  let closed = false;

  function card(name) {
    if (!cards.has(name)) {
      const created = serviceCard(name);
      cards.set(name, created);
      cardList.append(created.el);
    }
    return cards.get(name);
  }

  function addEvent(event, atTop) {
    if (atTop) eventList.prepend(eventItem(event)); else eventList.append(eventItem(event));
    while (eventList.children.length > EVENTS_KEPT) eventList.lastChild.remove();
  }

  function connect() {
    if (closed) return;
    socket = liveSocket();
    let opened = false;
    socket.onopen = () => { opened = true; setConnection(true); };
    socket.onmessage = (message) => {
      const update = JSON.parse(message.data);
      for (const view of update.services || []) {
        const c = card(view.name);
        c.render(view);
        if (update.type === 'update' && view.checkedAt) c.addPoint(Date.parse(view.checkedAt) / 1000, view.cpuProcess, view.memRss);
      }
      for (const event of update.events || []) addEvent(event, true);
    };
    socket.onclose = async () => {
      setConnection(false);
      socket = null;
      if (closed) return;
      if (!opened) {
        // Refused at the upgrade: maybe the token expired; api() signs out on a 401, which closes this view.
        try { await api('/api/services'); } catch { return; }
      }
      reconnect = setTimeout(connect, 2000);
    };
  }

  try {
    const [services, history, events] = await Promise.all([
      api('/api/services'), api('/api/history?minutes=30'), api('/api/events?limit=100')]);
    for (const view of services) card(view.name).render(view);
    for (const [name, series] of Object.entries(history)) cards.get(name)?.showHistory(series);
    for (const c of cards.values()) c.draw();
    eventList.replaceChildren(...events.map(eventItem));
  } catch (e) {
    if (session()) console.warn('loading failed', e);
  }
  // Signed out, or another view took the page, while the data was loading: nothing to follow.
  if (!session() || !root.isConnected) {
    for (const c of cards.values()) c.destroy();
    return null;
  }
  connect();
  const ticker = setInterval(() => { for (const c of cards.values()) c.tick(); }, 5000);

  return () => {
    closed = true;
    clearInterval(ticker);
    clearTimeout(reconnect);
    if (socket) { socket.onclose = null; socket.close(); socket = null; }
    setConnection(false);
    for (const c of cards.values()) c.destroy();
  };
}
