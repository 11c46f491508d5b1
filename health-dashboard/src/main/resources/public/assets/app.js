// The health page: sign in, load the cards and their history once, then follow the websocket.
// Plain ES module, no build step; uPlot comes from its WebJar at /vendor/uplot/.
import uPlot from "/vendor/uplot/uPlot.esm.js";

const TOKEN_KEY = "loadstack.health.token";
const USER_KEY = "loadstack.health.user";
const WINDOW_SECONDS = 30 * 60;

const $ = (id) => document.getElementById(id);
const cards = new Map(); // name -> {root, fields, chart, data}
let socket = null;
let reconnectTimer = null;

function token() { return sessionStorage.getItem(TOKEN_KEY); }

async function api(path, options = {}) {
  const headers = Object.assign({ "Accept": "application/json" }, options.headers || {});
  if (token()) headers["Authorization"] = "Bearer " + token();
  const response = await fetch(path, Object.assign({}, options, { headers }));
  if (response.status === 401 && path !== "/login") {
    signOut();
    throw new Error("signed out");
  }
  return response;
}

function show(view) {
  $("login-view").hidden = view !== "login";
  $("dashboard-view").hidden = view !== "dashboard";
  $("logout").hidden = view !== "dashboard";
  $("who").textContent = view === "dashboard" ? (sessionStorage.getItem(USER_KEY) || "") : "";
}

function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(USER_KEY);
  if (socket) { socket.onclose = null; socket.close(); socket = null; }
  clearTimeout(reconnectTimer);
  setConnection(false);
  show("login");
}

async function signIn(event) {
  event.preventDefault();
  $("login-error").textContent = "";
  const body = JSON.stringify({ username: $("username").value, password: $("password").value });
  let response;
  try {
    response = await fetch("/login", { method: "POST", headers: { "Content-Type": "application/json" }, body });
  } catch (e) {
    $("login-error").textContent = "the dashboard does not answer";
    return;
  }
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    $("login-error").textContent = answer.error || ("sign-in failed (" + response.status + ")");
    return;
  }
  sessionStorage.setItem(TOKEN_KEY, answer.access_token);
  sessionStorage.setItem(USER_KEY, answer.username);
  $("password").value = "";
  start();
}

// ---- formatting ---------------------------------------------------------------------------------
const percent = (v) => v == null ? "–" : (v * 100).toFixed(1) + " %";
function bytes(v) {
  if (v == null || v <= 0) return "–";
  const units = ["B", "KiB", "MiB", "GiB"];
  let i = 0;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return v.toFixed(i === 0 ? 0 : 1) + " " + units[i];
}
function duration(seconds) {
  if (seconds == null) return "–";
  const s = Math.floor(seconds);
  const d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60);
  if (d > 0) return d + "d " + h + "h";
  if (h > 0) return h + "h " + m + "m";
  if (m > 0) return m + "m " + (s % 60) + "s";
  return s + "s";
}
function ago(iso) {
  if (!iso) return "never";
  const seconds = Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
  return seconds < 5 ? "just now" : duration(seconds) + " ago";
}
const clock = (iso) => new Date(iso).toLocaleString();

// ---- cards --------------------------------------------------------------------------------------
const FIELDS = [["cpu", "CPU (process / host)"], ["memory", "Memory (heap / max, RSS)"], ["uptime", "Uptime"],
  ["seen", "Last seen"], ["restarts", "Restarts"], ["monit", "Monit"]];

function card(name) {
  if (cards.has(name)) return cards.get(name);
  const root = document.createElement("article");
  root.className = "card status-UNKNOWN";
  root.dataset.service = name;
  const title = document.createElement("h3");
  const label = document.createElement("span");
  label.textContent = name;
  const badge = document.createElement("span");
  badge.className = "badge";
  badge.textContent = "UNKNOWN";
  title.append(label, badge);
  const detail = document.createElement("p");
  detail.className = "detail";
  const list = document.createElement("dl");
  const fields = { badge, detail };
  for (const [key, text] of FIELDS) {
    const dt = document.createElement("dt");
    dt.textContent = text;
    const dd = document.createElement("dd");
    dd.dataset.field = key;
    list.append(dt, dd);
    fields[key] = dd;
  }
  const chartBox = document.createElement("div");
  chartBox.className = "chart";
  root.append(title, detail, list, chartBox);
  $("cards").append(root);
  const entry = { root, fields, chartBox, chart: null, data: [[], [], []], view: null };
  cards.set(name, entry);
  return entry;
}

function render(view) {
  const entry = card(view.name);
  entry.view = view;
  entry.root.className = "card status-" + view.status;
  entry.root.dataset.status = view.status;
  const f = entry.fields;
  f.badge.textContent = view.status;
  f.detail.textContent = view.status === "UP" ? "" : (view.detail || "");
  f.cpu.textContent = view.cpuProcess == null ? "–" : percent(view.cpuProcess) + " / " + percent(view.cpuSystem);
  f.memory.textContent = view.memUsed == null ? "–" : bytes(view.memUsed) + " / " + bytes(view.memMax) + ", " + bytes(view.memRss);
  f.uptime.textContent = duration(view.uptime);
  f.seen.textContent = ago(view.lastSeen);
  f.restarts.textContent = String(view.restarts ?? 0);
  f.monit.textContent = view.monit ? view.monit.state + (view.monit.pid ? " (pid " + view.monit.pid + ")" : "") : "–";
}

function chart(entry) {
  if (entry.chart || entry.view?.name === "database") return entry.chart;
  const width = Math.max(220, entry.chartBox.clientWidth || 280);
  entry.chart = new uPlot({
    width, height: 110,
    legend: { show: false },
    cursor: { show: false },
    scales: { cpu: { range: [0, 100] }, rss: {} },
    axes: [
      { size: 24, font: "10px system-ui" },
      { scale: "cpu", size: 44, font: "10px system-ui", values: (u, v) => v.map((x) => x + "%") },
      { scale: "rss", side: 1, size: 44, font: "10px system-ui", grid: { show: false },
        values: (u, v) => v.map((x) => x == null ? "" : Math.round(x) + "M") },
    ],
    series: [{}, { label: "CPU", scale: "cpu", stroke: "#3867d6", width: 1.5, points: { show: false } },
      { label: "RSS", scale: "rss", stroke: "#b7791f", width: 1.5, points: { show: false } }],
  }, entry.data, entry.chartBox);
  return entry.chart;
}

function addPoint(entry, t, cpu, rss) {
  const [ts, cpus, rsss] = entry.data;
  ts.push(t);
  cpus.push(cpu == null ? null : cpu * 100);
  rsss.push(rss == null ? null : rss / 1048576);
  while (ts.length && ts[0] < t - WINDOW_SECONDS) { ts.shift(); cpus.shift(); rsss.shift(); }
}

// ---- events -------------------------------------------------------------------------------------
function addEvent(event, atTop) {
  const li = document.createElement("li");
  li.dataset.kind = event.kind;
  li.dataset.target = event.target;
  const time = document.createElement("time");
  time.dateTime = event.occurredAt;
  time.textContent = clock(event.occurredAt);
  const kind = document.createElement("span");
  kind.className = "kind kind-" + event.kind;
  kind.textContent = event.kind;
  const text = document.createElement("span");
  text.textContent = event.message;
  li.append(time, kind, text);
  const list = $("events");
  if (atTop) list.prepend(li); else list.append(li);
  while (list.children.length > 200) list.lastChild.remove();
}

// ---- live ---------------------------------------------------------------------------------------
function setConnection(live) {
  $("connection").textContent = live ? "live" : "offline";
  $("connection").classList.toggle("live", live);
}

function connect() {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  socket = new WebSocket(scheme + "//" + location.host + "/ws/health?token=" + encodeURIComponent(token()));
  let opened = false;
  socket.onopen = () => { opened = true; setConnection(true); };
  socket.onmessage = (message) => {
    const update = JSON.parse(message.data);
    for (const view of update.services || []) {
      render(view);
      if (update.type === "update" && view.checkedAt) {
        const entry = cards.get(view.name);
        addPoint(entry, Date.parse(view.checkedAt) / 1000, view.cpuProcess, view.memRss);
        chart(entry)?.setData(entry.data);
      }
    }
    for (const event of update.events || []) addEvent(event, true);
  };
  socket.onclose = async () => {
    setConnection(false);
    socket = null;
    if (!opened) {
      // Refused at the upgrade: maybe the token expired. api() signs out on 401.
      try { await api("/api/services"); } catch (e) { return; }
    }
    reconnectTimer = setTimeout(connect, 2000);
  };
}

async function start() {
  show("dashboard");
  try {
    const [services, history, events] = await Promise.all([
      api("/api/services").then((r) => r.json()),
      api("/api/history?minutes=30").then((r) => r.json()),
      api("/api/events?limit=100").then((r) => r.json()),
    ]);
    for (const view of services) render(view);
    for (const [name, series] of Object.entries(history)) {
      const entry = cards.get(name);
      if (!entry) continue;
      entry.data = [[], [], []];
      series.t.forEach((t, i) => addPoint(entry, t, series.cpu[i], series.rss[i]));
      chart(entry)?.setData(entry.data);
    }
    for (const view of services) chart(cards.get(view.name));
    $("events").replaceChildren();
    for (const event of events) addEvent(event, false);
  } catch (e) {
    if (!token()) return;
    console.warn("loading failed", e);
  }
  if (token() && !socket) connect();
}

// "Last seen" moves on even when nothing else changes.
setInterval(() => {
  for (const entry of cards.values()) if (entry.view) entry.fields.seen.textContent = ago(entry.view.lastSeen);
}, 5000);

$("login-form").addEventListener("submit", signIn);
$("logout").addEventListener("click", signOut);
if (token()) start(); else show("login");
