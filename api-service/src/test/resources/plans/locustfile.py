from locust import HttpUser, task, between


class Shopper(HttpUser):
    wait_time = between(0.1, 0.5)

    @task
    def cart(self):
        self.client.get("/cart")
