"""A shopper for launch-it: two thirds of the requests succeed (/ok), one third fail (/fail answers 500)."""
from locust import HttpUser, constant, task


class Shopper(HttpUser):
    wait_time = constant(0.05)

    @task(2)
    def browse(self):
        self.client.get("/ok", name="GET /ok")

    @task(1)
    def checkout(self):
        self.client.get("/fail", name="GET /fail")
