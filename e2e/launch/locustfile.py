# e2e/run step 8: GET / of the target (the launch's targetHost), every 100 ms per user.
from locust import HttpUser, constant, task


class Visitor(HttpUser):
    wait_time = constant(0.1)

    @task
    def index(self):
        self.client.get("/")
