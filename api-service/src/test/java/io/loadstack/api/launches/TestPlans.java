package io.loadstack.api.launches;

import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.MultipartForm;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Plans the launch tests launch: uploaded as a user does, through POST /api/plans. */
final class TestPlans {

    private static final String LOCUSTFILE = "from locust import HttpUser, task\n\n\nclass U(HttpUser):\n    @task\n"
            + "    def home(self):\n        self.client.get(\"/\")\n";

    private TestPlans() {
    }

    /** A one-task locustfile named {@code name}; @return the plan's id */
    static long locust(String baseUrl, String jwt, String name) {
        HttpCall.Response created = new MultipartForm().text("name", name).text("generator", "locust")
                .file("main", "locustfile.py", LOCUSTFILE.getBytes(StandardCharsets.UTF_8))
                .post(baseUrl + "/api/plans").bearer(jwt).send();
        assertEquals(201, created.status(), created.toString());
        return ((Number) created.json().get("id")).longValue();
    }
}
