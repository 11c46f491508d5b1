import { api } from '../api.js';
import { h, notice, announce } from '../dom.js';
import * as fmt from '../format.js';

/** Ready-to-paste setups, filled with this server's address and the new token. */
export function snippets(origin, token) {
  const host = new URL(origin).host;
  return [
    ['curl', `# Register a run, post one batch of stats, commit it
BASE=${origin}
TOKEN=${token}
UUID=$(curl -sk -X POST "$BASE/apiv0.1/events/register" -H "Authorization: Token $TOKEN" \\
  -H 'Content-Type: application/json' \\
  -d '{"startedAt":"'$(date -u +%FT%TZ)'","host":"'$(hostname)'","measurement":{"fields":{"clients":1},"tags":{"testName":"curl smoke test","targetHost":"http://example.test"}}}' \\
  | sed 's/.*"uuid":"\\([^"]*\\)".*/\\1/')
curl -sk -X POST "$BASE/apiv0.1/events/$UUID/stats" -H "Authorization: Token $TOKEN" -H 'Content-Type: application/json' \\
  -d '{"source":"'$(hostname)'","seq":1,"timestamp":"'$(date -u +%FT%TZ)'","users":1,"endpoints":[{"method":"GET","name":"/","requests":10,"failures":0,"responseTimes":{"120":10}}]}'
curl -sk -X POST "$BASE/apiv0.1/events/commit" -H "Authorization: Token $TOKEN" -H 'Content-Type: application/json' \\
  -d '{"startedAt":"'$(date -u +%FT%TZ)'","uuid":"'$UUID'","host":"'$(hostname)'","measurement":{"fields":{"requestStats":{}},"tags":{}}}'`],
    ['Locust', `# loadstack_listener.py: import it from your locustfile (import loadstack_listener).
import collections, datetime, os, socket, threading, time, requests, urllib3
from locust import events
urllib3.disable_warnings()  # the server's certificate is self-signed
URL, TOKEN = "${origin}", "${token}"
http = requests.Session(); http.headers["Authorization"] = "Token " + TOKEN; http.verify = False
run, lock = {}, threading.Lock()
new_bucket = lambda: {"requests": 0, "failures": 0, "responseTimes": collections.Counter()}
buckets = collections.defaultdict(new_bucket)
now = lambda: datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")

@events.request.add_listener
def on_request(request_type, name, response_time, exception, **kw):
    with lock:
        b = buckets[(request_type, name)]
        b["requests"] += 1; b["failures"] += exception is not None
        b["responseTimes"][str(int(round(response_time)))] += 1

def flush(env):
    global buckets
    with lock:
        taken, buckets = buckets, collections.defaultdict(new_bucket)
    run["seq"] += 1
    http.post(f"{URL}/apiv0.1/events/{run['uuid']}/stats", json={"source": socket.gethostname(), "seq": run["seq"],
        "timestamp": now(), "users": env.runner.user_count, "endpoints": [dict(method=m, name=n, **b) for (m, n), b in taken.items()]})

@events.test_start.add_listener
def on_start(environment, **kw):
    r = http.post(URL + "/apiv0.1/events/register", json={"startedAt": now(), "host": socket.gethostname(),
        "measurement": {"fields": {"clients": environment.parsed_options.num_users or 0, "requests": 0},
                        "tags": {"testName": os.environ.get("LOADSTACK_TEST_NAME", "locust test"),
                                 "targetHost": environment.host or "", "mode": "single"}}})
    run.update(uuid=r.json()["uuid"], seq=0, on=True)
    def loop():
        while run.get("on"): time.sleep(5); flush(environment)
    threading.Thread(target=loop, daemon=True).start()

@events.test_stop.add_listener
def on_stop(environment, **kw):
    run["on"] = False; flush(environment)
    http.post(URL + "/apiv0.1/events/commit", json={"startedAt": now(), "uuid": run["uuid"], "host": socket.gethostname(),
        "measurement": {"fields": {"requestStats": {}}, "tags": {"hostname": socket.gethostname(), "mode": "single"}}})`],
    ['JMeter', `<!-- Add a Backend Listener (Listener > Backend Listener) with these settings -->
Backend Listener implementation: org.apache.jmeter.visualizers.backend.influxdb.InfluxdbBackendListenerClient
influxdbMetricsSender:  org.apache.jmeter.visualizers.backend.influxdb.HttpMetricsSender
influxdbUrl:            ${origin}/write?db=jmeter
application:            my-test
measurement:            jmeter
summaryOnly:            false
samplersRegex:          .*
percentiles:            50;90;95;99
testTitle:              my-test
influxdbToken:          ${token}`],
    ['k6', `# k6 sends its metrics with the built-in InfluxDB (v1) output.
K6_INFLUXDB_USERNAME=loadstack \\
K6_INFLUXDB_PASSWORD=${token} \\
K6_INFLUXDB_INSECURE=true \\
k6 run --out influxdb=${origin}/k6 script.js
# (Loadstack answers the InfluxDB API at ${host}: /write, /query and /ping.)`],
  ];
}

export default async function (root) {
  document.title = 'Tokens · Loadstack';
  const name = h('input', { id: 'token-name', name: 'name', required: true, maxlength: 100, placeholder: 'e.g. ci-runner' });
  const created = h('div', { id: 'token-created' });
  const list = h('div', { id: 'token-list' });
  const formError = h('div');
  const form = h('form', {
    class: 'row panel', onsubmit: async (e) => {
      e.preventDefault();
      formError.replaceChildren();
      try {
        const t = await api('/api/tokens', { method: 'POST', json: { name: name.value.trim() } });
        name.value = '';
        showCreated(t);
        await load();
      } catch (err) { formError.replaceChildren(notice(err.message, 'error')); }
    },
  }, h('label', { for: 'token-name' }, 'Name of the new token', name), h('button', { type: 'submit', class: 'primary', id: 'create-token' }, 'Create token'));

  root.append(h('h1', {}, 'Ingest tokens'),
    h('p', { class: 'muted' }, 'Load generators send their results with an ingest token. A token can only ingest: it cannot read runs or sign in.'),
    form, formError, created, h('h2', {}, 'Your tokens'), list);

  function showCreated(t) {
    const copy = h('button', { type: 'button', onclick: async () => {
      try { await navigator.clipboard.writeText(t.token); copy.textContent = 'Copied'; } catch { copy.textContent = 'Select and copy it by hand'; }
    } }, 'Copy');
    created.replaceChildren(h('div', { class: 'panel' },
      h('h2', {}, `Token "${t.name}" created`),
      notice('Copy it now: it is shown only this once. Loadstack stores only a hash of it.', 'warn'),
      h('div', { class: 'row' }, h('code', { class: 'secret', id: 'new-token' }, t.token), copy),
      h('h3', {}, 'Set up your load generator'),
      snippets(location.origin, t.token).map(([tool, text]) => h('details', { open: tool === 'curl' },
        h('summary', {}, tool), h('pre', { class: 'snippet', dataset: { tool } }, text)))));
    announce('Token created. Copy it now: it is shown only once.');
  }

  async function load() {
    try {
      const tokens = await api('/api/tokens');
      list.replaceChildren(tokens.length === 0
        ? h('div', { class: 'panel empty' }, 'No tokens yet. Create one above to connect a load generator.')
        : h('div', { class: 'table-wrap' }, h('table', {},
          h('thead', {}, h('tr', {}, ['Name', 'Starts with', 'Created', 'Last used', ''].map((t) => h('th', {}, t)))),
          h('tbody', {}, tokens.map((t) => h('tr', {},
            h('td', {}, t.name), h('td', {}, h('code', {}, t.prefix + '…')), h('td', {}, fmt.time(t.createdAt)),
            h('td', {}, t.lastUsedAt ? fmt.time(t.lastUsedAt) : 'never'),
            h('td', {}, h('button', { type: 'button', class: 'danger', 'aria-label': 'Revoke ' + t.name, onclick: async () => {
              if (!confirm(`Revoke "${t.name}"? Load generators using it will be refused.`)) return;
              try { await api('/api/tokens/' + t.id, { method: 'DELETE' }); await load(); announce('Token revoked'); } catch (err) { list.prepend(notice(err.message, 'error')); }
            } }, 'Revoke'))))))));
    } catch (e) { list.replaceChildren(notice(e.message, 'error')); }
  }
  await load();
}
