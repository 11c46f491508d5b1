"""bench/launch's Locust plan: GET /t/<agent>/<tag>/ping, as bench/launch-plan.jmx, with PAUSE_S seconds between
requests (0 for the agent's-cost runs). Launched, the launch's properties (TAG, PAUSE_S) are its environment and
the agent names itself in LOADSTACK_SOURCE; run stock, bench/launch sets TAG."""
import os

from locust import HttpUser, constant, task

PATH = "/t/%s/%s/ping" % (os.environ.get("LOADSTACK_SOURCE", "stock"), os.environ.get("TAG", "untagged"))


class Pinger(HttpUser):
    wait_time = constant(float(os.environ.get("PAUSE_S", "0")))

    @task
    def ping(self):
        self.client.get(PATH, name="ping")
