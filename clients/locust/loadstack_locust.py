"""Loadstack reporting for Locust: ``import loadstack_locust`` in a locustfile.

Adds ``--loadstack-host`` and ``--loadstack-token`` (and ``--loadstack-interval``, ``--loadstack-name``).
When a host is given, the master (or the single local runner) registers the run when the test starts,
posts what happened since its previous post every few seconds (per endpoint: requests, failures, the
response-time histogram Locust keeps, error messages; plus the current user count), and commits the run
with Locust's final request stats when the test stops. Workers send nothing to Loadstack: their stats
reach the master through Locust's own reporting and leave from there. A worker only marks the report that
carries its last requests, and the master commits once every worker's has arrived (or Locust quits), so
the run holds the totals of Locust's final summary.

Launched by a Loadstack agent (README.md, "Launched by an agent"), it joins the run the launch chose
(``--loadstack-run-uuid``) as its own ``--loadstack-source``, never commits (the launch does), and speaks
the agent's protocol on stdout: ``LOADSTACK READY`` once the locustfile is imported, then it waits for the
start file (``--loadstack-start-file``) and the instant it holds; ``LOADSTACK FIRST <epoch ms>`` when the
first request left, ``LOADSTACK COUNTS <requests> <failures>`` every 2 s and at the end.

Loadstack being slow or away never breaks the load test: every call has a short timeout, a post that
fails is retried with the same sequence number (the server counts a (source, seq) once), and dropped
with a warning after a few attempts.
"""

import json
import logging
import os
import signal
import socket
import ssl
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime, timezone

import gevent
import gevent.event
import locust
import locust.runners
from locust import events
from locust.runners import STATE_INIT, STATE_STOPPED, MasterRunner, WorkerRunner

log = logging.getLogger("loadstack")

# Debian's python3-locust (2.12.1) ships an empty locust.__version__, and a master refuses a worker
# whose version is empty as "pre 2.0": distributed mode cannot start. Every master and worker imports
# this file (it is in their locustfile), before its runner says hello, so they all get the same
# stand-in here; a Locust with a real version is left alone. See README.md.
UNKNOWN_LOCUST_VERSION = "0+unknown"
LOCUST_VERSION = locust.runners.__version__ or "(version unknown)"
if not locust.runners.__version__:
    locust.__version__ = locust.runners.__version__ = UNKNOWN_LOCUST_VERSION

TIMEOUT_SECONDS = 5
# a stats post is retried at the following ticks this many times, then dropped
MAX_POST_ATTEMPTS = 5
# the server takes at most this many endpoints and error messages per post
MAX_ENDPOINTS = 1000
MAX_ERRORS_PER_ENDPOINT = 100
# marks a worker's report sent when none of its users runs: it carries the worker's last requests
LAST_REPORT_KEY = "loadstack_last_report"
# how long a master that stopped a test (without quitting) waits for the workers' last reports: a
# stopped worker reports at its next regular report, every WORKER_REPORT_INTERVAL
LAST_REPORTS_WAIT_SECONDS = 2 * getattr(locust.runners, "WORKER_REPORT_INTERVAL", 3.0) + 4


@events.init_command_line_parser.add_listener
def _add_options(parser):
    group = parser.add_argument_group("Loadstack", "report the run to a Loadstack server")
    group.add_argument("--loadstack-host", type=str, default="", env_var="LOADSTACK_HOST",
                       help="Loadstack base URL, e.g. https://loadstack.example:8080")
    group.add_argument("--loadstack-token", type=str, default="", env_var="LOADSTACK_TOKEN",
                       help="an ingest token (Loadstack: Tokens page)")
    group.add_argument("--loadstack-interval", type=float, default=5.0, env_var="LOADSTACK_INTERVAL",
                       help="seconds between stats posts (default 5)")
    group.add_argument("--loadstack-name", type=str, default="", env_var="LOADSTACK_NAME",
                       help="the run's name (default: load test of <host>)")
    group.add_argument("--loadstack-insecure", action="store_true", default=False, env_var="LOADSTACK_INSECURE",
                       help="accept a self-signed TLS certificate")
    group.add_argument("--loadstack-run-uuid", type=str, default="", env_var="LOADSTACK_RUN_UUID",
                       help="join this run (created by whoever registers it first) and never commit it: a launch's agents")
    group.add_argument("--loadstack-source", type=str, default="", env_var="LOADSTACK_SOURCE",
                       help="the name this process posts its stats as (default: the host name)")
    group.add_argument("--loadstack-start-file", type=str, default="", env_var="LOADSTACK_START_FILE",
                       help="say LOADSTACK READY, wait until this file exists, then start at the epoch ms it holds")


def _now():
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


class LoadstackReporter:
    """One test run's reporting, on the master or local runner."""

    def __init__(self, environment):
        options = environment.parsed_options
        self.environment = environment
        self.base = options.loadstack_host.rstrip("/")
        self.token = options.loadstack_token
        self.interval = max(1.0, float(options.loadstack_interval))
        self.name = options.loadstack_name
        self.context = ssl._create_unverified_context() if options.loadstack_insecure else None
        self.source = options.loadstack_source or socket.gethostname()
        # a launch's run: registered with this uuid (the first agent creates it, the others join) and
        # committed by the launch, not by any of its agents
        self.run_uuid = options.loadstack_run_uuid or None
        self.uuid = None
        self.seq = 0
        self.sent = {}          # (method, name) -> (requests, failures, {ms: count}) already reported
        self.sent_errors = {}   # error key -> occurrences already reported
        self.pending = None     # (body, attempts) of a post not yet acknowledged
        self.greenlet = None
        # distributed mode: the workers whose last report is awaited, and those whose has arrived
        self.stopping = False
        self.workers = set()
        self.workers_done = set()
        self.last_reports_in = gevent.event.Event()
        self.finisher = None

    # -- HTTP ----------------------------------------------------------------------------------
    def _call(self, path, body):
        request = urllib.request.Request(self.base + path, data=json.dumps(body).encode("utf-8"), method="POST",
                                         headers={"Content-Type": "application/json",
                                                  "Authorization": "Token " + self.token})
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS, context=self.context) as response:
            text = response.read().decode("utf-8") or "{}"
            return response.status, json.loads(text)

    def _try(self, what, path, body):
        try:
            return self._call(path, body)
        except urllib.error.HTTPError as e:
            detail = e.read().decode("utf-8", "replace")[:300]
            log.warning("Loadstack %s refused: HTTP %s %s", what, e.code, detail)
            return e.code, None
        except Exception as e:  # unreachable, timeout, TLS...: the load test goes on
            log.warning("Loadstack %s failed: %s", what, e)
            return None, None

    # -- the run ---------------------------------------------------------------------------------
    def start(self):
        # registering and posting run in their own greenlet: a slow Loadstack never delays the test
        self.greenlet = gevent.spawn(self.register)

    def register(self):
        environment = self.environment
        runner = environment.runner
        options = environment.parsed_options
        distributed = isinstance(runner, MasterRunner)
        tags = {"targetHost": environment.host or "", "mode": "distributed" if distributed else "single",
                "tool": "locust"}
        if self.name:
            tags["testName"] = self.name
        body = {"startedAt": _now(), "host": self.source,
                "measurement": {"fields": {"clients": getattr(options, "num_users", None) or 0,
                                           "hatchRate": getattr(options, "spawn_rate", None) or 0,
                                           "requests": 0},
                                "tags": tags}}
        if self.run_uuid:
            body["uuid"] = self.run_uuid
        for attempt in range(3):
            status, answer = self._try("register", "/apiv0.1/events/register", body)
            if status in (200, 201) and answer and answer.get("uuid"):
                self.uuid = answer["uuid"]
                log.info("Loadstack run %s registered at %s", self.uuid, self.base)
                self._loop()
                return
            if status is not None and 400 <= status < 500:
                break  # a wrong token or URL does not get better by retrying
            gevent.sleep(1 + attempt)
        log.warning("Loadstack: the run is not reported (register failed); the load test goes on")

    def _loop(self):
        while True:
            gevent.sleep(self.interval)
            try:
                self.post_stats()
            except Exception as e:  # never let reporting kill the greenlet silently or the test
                log.warning("Loadstack stats post failed: %s", e)

    def _delta(self):
        """What Locust counted since the last post, per endpoint, as the stats body wants it."""
        stats = self.environment.stats
        endpoints = []
        errors_by_endpoint = {}
        for key, error in list(stats.errors.items()):
            new = error.occurrences - self.sent_errors.get(key, 0)
            if new > 0:
                self.sent_errors[key] = error.occurrences
                messages = errors_by_endpoint.setdefault((error.method or "", error.name), {})
                if len(messages) < MAX_ERRORS_PER_ENDPOINT:
                    message = error.to_name()[:500] if hasattr(error, "to_name") else str(error.error)[:500]
                    messages[message] = messages.get(message, 0) + new
        for (name, method), entry in list(stats.entries.items()):
            requests, failures, times = self.sent.get((method, name), (0, 0, {}))
            new_requests = entry.num_requests - requests
            new_failures = entry.num_failures - failures
            if new_requests <= 0 and new_failures <= 0:
                continue
            current = dict(entry.response_times)
            delta_times = {}
            for ms, count in current.items():
                new = count - times.get(ms, 0)
                if new > 0:
                    delta_times[str(ms)] = new
            self.sent[(method, name)] = (entry.num_requests, entry.num_failures, current)
            endpoint = {"method": (method or "GET")[:16], "name": (name or "/")[:300],
                        "requests": max(0, new_requests), "failures": max(0, new_failures),
                        "responseTimes": delta_times}
            messages = errors_by_endpoint.get((method or "", name))
            if messages:
                endpoint["errors"] = messages
            endpoints.append(endpoint)
        return endpoints

    def post_stats(self, final=False):
        if self.uuid is None:
            return
        if self.pending is None:
            endpoints = self._delta()
            if not endpoints and not final and self.seq > 0:
                endpoints = []  # an empty post still reports the user count
            self.pending = ({"source": self.source, "seq": self.seq, "timestamp": _now(),
                             "users": self.environment.runner.user_count, "endpoints": endpoints[:MAX_ENDPOINTS]}, 0)
            self.seq += 1
        body, attempts = self.pending
        status, _ = self._try("stats", "/apiv0.1/events/%s/stats" % self.uuid, body)
        if status == 202 or (status is not None and 400 <= status < 500 and status not in (408, 429)):
            # 202: counted (or a repeat the server recognised); other 4xx: retrying cannot help
            self.pending = None
        elif attempts + 1 >= MAX_POST_ATTEMPTS:
            log.warning("Loadstack: dropping stats post %s after %s attempts", body["seq"], attempts + 1)
            self.pending = None
        else:
            self.pending = (body, attempts + 1)

    def commit(self):
        if self.greenlet is not None:
            self.greenlet.kill(block=True)
        if self.uuid is None:
            return
        # what is still unsent: a pending retry, then the last delta
        for _ in range(3):
            if self.pending is None:
                break
            self.post_stats(final=True)
        self.post_stats(final=True)
        if self.run_uuid:
            log.info("Loadstack: last stats of %s posted to run %s (the launch commits it)", self.source, self.uuid)
            self.uuid = None
            return
        total = self.environment.stats.total
        request_stats = {}
        for (name, method), entry in list(self.environment.stats.entries.items()):
            request_stats["%s %s" % (method, name)] = {
                "method": method, "name": name, "num_requests": entry.num_requests,
                "num_failures": entry.num_failures, "avg_response_time": entry.avg_response_time,
                "min_response_time": entry.min_response_time, "max_response_time": entry.max_response_time,
                "median_response_time": entry.median_response_time,
                "p95_response_time": entry.get_response_time_percentile(0.95),
                "total_rps": entry.total_rps}
        request_stats["Aggregated"] = {"num_requests": total.num_requests, "num_failures": total.num_failures,
                                       "avg_response_time": total.avg_response_time}
        body = {"startedAt": _now(), "uuid": self.uuid, "host": self.source,
                "measurement": {"fields": {"requestStats": request_stats},
                                "tags": {"hostname": self.source,
                                         "mode": "distributed" if isinstance(self.environment.runner, MasterRunner) else "single"}}}
        for attempt in range(3):
            status, _ = self._try("commit", "/apiv0.1/events/commit", body)
            if status in (200, 409):
                log.info("Loadstack run %s committed", self.uuid)
                break
            if status is not None and 400 <= status < 500:
                break
            gevent.sleep(1 + attempt)
        self.uuid = None

    # -- the end of a distributed run: the workers' last reports ------------------------------------
    # Locust's master fires test_stop before its workers have sent the requests of their last seconds
    # (on --run-time it has not even told them to quit yet), so it cannot commit there.
    def worker_reported(self, client_id, last):
        if not last:
            self.workers.add(client_id)
        elif self.stopping:
            self.workers_done.add(client_id)
            self._check_last_reports()

    def stopping_began(self):
        self.stopping = True
        self.workers.update(self.environment.runner.clients.keys())
        self._check_last_reports()

    def _check_last_reports(self):
        if self.workers <= self.workers_done:
            self.last_reports_in.set()

    def commit_after_last_reports(self, done):
        self.finisher = gevent.spawn(self._commit_when_last_reports_in)
        self.finisher.link(lambda _greenlet: done(self))

    def _commit_when_last_reports_in(self):
        self.last_reports_in.wait(timeout=LAST_REPORTS_WAIT_SECONDS)
        missing = sorted(self.workers - self.workers_done)
        if missing:
            # Locust quit, or the wait ran out: a worker without this plugin (nothing marks its last
            # report), or one that died. The run gets what the master has counted, as Locust's summary.
            log.warning("Loadstack: no last report marked by worker(s) %s (do they import loadstack_locust?); "
                        "committing what the master has counted", ", ".join(missing))
        try:
            self.commit()
        except Exception as e:
            log.warning("Loadstack commit failed: %s", e)

    def finish(self):
        """Commits now, with what the master has: Locust is quitting, or a new test begins."""
        if self.finisher is None:
            self.commit()
            return
        self.last_reports_in.set()
        self.finisher.join()


_reporter = None


# -- launched by a Loadstack agent: the protocol lines it reads on stdout (docs/launches.md) --------------
COUNTS_INTERVAL_SECONDS = 2.0
START_FILE_POLL_SECONDS = 0.005
PARENT_CHECK_SECONDS = 0.5


def _say(line):
    # the agent reads these lines; Locust's own log goes to stderr, so they never interleave mid-line
    sys.stdout.write("LOADSTACK " + line + "\n")
    sys.stdout.flush()


class LaunchProtocol:
    """Ready, the start file, the first request and the counts, for the agent that runs this Locust."""

    def __init__(self, environment, start_file):
        self.environment = environment
        self.start_file = start_file
        self.first_said = False
        self.counts_greenlet = None
        self.ended = False

    def watch_the_agent(self):
        """An agent killed outright cannot stop its generator: this Locust notices it has a new parent and
        stops its load by itself, as a SIGTERM from the agent would."""
        parent = os.getppid()
        while os.getppid() == parent:
            gevent.sleep(PARENT_CHECK_SECONDS)
        log.warning("Loadstack: the agent that started this Locust is gone; stopping the load")
        os.kill(os.getpid(), signal.SIGTERM)

    def ready_then_wait_for_start(self, **_kwargs):
        environment = self.environment
        gevent.spawn(self.watch_the_agent)
        classes = ", ".join(sorted(cls.__name__ for cls in environment.user_classes)) or "no user classes"
        _say("READY Locust %s: %s" % (LOCUST_VERSION, classes))
        # before Locust's run starts (its --run-time counts from here), on the main greenlet
        while not os.path.exists(self.start_file):
            gevent.sleep(START_FILE_POLL_SECONDS)
        with open(self.start_file, encoding="ascii") as f:
            start_ms = int(f.read().strip())
        while True:
            remaining = start_ms / 1000.0 - time.time()
            if remaining <= 0:
                break
            gevent.sleep(min(remaining, 0.05) if remaining > 0.002 else 0)
        environment.events.request.add_listener(self.on_request)
        self.counts_greenlet = gevent.spawn(self._counts_loop)

    def on_request(self, response_time=None, **_kwargs):
        if self.first_said:
            return
        self.first_said = True
        started = time.time() - (response_time or 0) / 1000.0
        _say("FIRST %d" % int(started * 1000))

    def _counts_loop(self):
        while True:
            gevent.sleep(COUNTS_INTERVAL_SECONDS)
            self.say_counts()

    def say_counts(self):
        total = self.environment.stats.total
        _say("COUNTS %d %d" % (total.num_requests, total.num_failures))

    def end(self):
        """The users have stopped: the last counts, once."""
        if self.ended:
            return
        self.ended = True
        if self.counts_greenlet is not None:
            self.counts_greenlet.kill(block=False)
        self.say_counts()


_launch = None


@events.init.add_listener
def _on_init(environment, runner=None, **_kwargs):
    global _launch
    options = environment.parsed_options
    start_file = getattr(options, "loadstack_start_file", "") if options is not None else ""
    if start_file and not isinstance(runner, (MasterRunner, WorkerRunner)):
        _launch = LaunchProtocol(environment, start_file)
        # added now, it runs after every other init listener (the locustfile's own setup among them)
        environment.events.init.add_listener(_launch.ready_then_wait_for_start)
    # registered here, after the runner's own listeners: a worker report reaches ours once Locust has
    # added its stats to the master's
    if isinstance(runner, WorkerRunner):
        def mark_last_report(data, **_kw):
            # no user runs, so none can add a request: this report carries the worker's last ones
            data[LAST_REPORT_KEY] = runner.state in (STATE_INIT, STATE_STOPPED)
        environment.events.report_to_master.add_listener(mark_last_report)
    elif isinstance(runner, MasterRunner):
        environment.events.worker_report.add_listener(_on_worker_report)


def _on_worker_report(client_id, data, **_kwargs):
    if _reporter is not None:
        _reporter.worker_reported(client_id, bool(data.get(LAST_REPORT_KEY)))


@events.test_start.add_listener
def _on_test_start(environment, **_kwargs):
    global _reporter
    options = environment.parsed_options
    if options is None or not getattr(options, "loadstack_host", ""):
        return
    if isinstance(environment.runner, WorkerRunner):
        return  # the master reports for everyone
    if not options.loadstack_token:
        log.warning("Loadstack: --loadstack-host without --loadstack-token; the run is not reported")
        return
    if _reporter is not None:
        # Locust has already cleared the stats for the new test: the previous run keeps what it posted
        log.warning("Loadstack: a new test started before the last reports of the previous one arrived")
        _finish()
    _reporter = LoadstackReporter(environment)
    _reporter.start()


@events.test_stopping.add_listener
def _on_test_stopping(environment, **_kwargs):
    if _reporter is not None and isinstance(environment.runner, MasterRunner):
        _reporter.stopping_began()


@events.test_stop.add_listener
def _on_test_stop(environment, **_kwargs):
    if _reporter is None:
        if _launch is not None:
            _launch.end()
        return
    if isinstance(environment.runner, MasterRunner):
        if _reporter.finisher is None:
            _reporter.commit_after_last_reports(_forget)
    else:
        # a local runner's users are stopped: its stats are final
        _finish()
        if _launch is not None:
            _launch.end()


# Registered on import, before the runner's own quitting listener, and quitting runs its listeners in
# reverse: a master has quit, and has stopped taking worker reports, when this commits. What it has then
# is what Locust prints as its final summary.
@events.quitting.add_listener
def _on_quitting(environment, **_kwargs):
    if _launch is not None and environment.runner is not None:
        # SIGTERM (the agent's stop) quits a running test: its users are stopped first, so that the last
        # stats and counts hold every request, as Locust's final summary does
        environment.runner.stop()
    if _reporter is not None:
        _finish()


def _forget(reporter):
    global _reporter
    if _reporter is reporter:
        _reporter = None


def _finish():
    global _reporter
    reporter, _reporter = _reporter, None
    try:
        reporter.finish()
    except Exception as e:
        log.warning("Loadstack commit failed: %s", e)
