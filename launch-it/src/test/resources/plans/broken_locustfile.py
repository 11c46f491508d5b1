from locust import HttpUser, task

class Broken(HttpUser)
    @task
    def nothing(self):
        pass
