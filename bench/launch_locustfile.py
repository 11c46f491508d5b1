"""bench/launch's Locust plan: GET /t/<agent>/<tag>/ping with no pause, as bench/launch-plan.jmx. Launched, the
launch's properties (TAG, AGENT) are its environment; run stock, bench/launch sets the same variables."""
import os

from locust import HttpUser, constant, task

PATH = "/t/%s/%s/ping" % (os.environ.get("AGENT", "stock"), os.environ.get("TAG", "untagged"))


class Pinger(HttpUser):
    wait_time = constant(0)

    @task
    def ping(self):
        self.client.get(PATH, name="ping")
