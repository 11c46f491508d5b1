package io.loadstack.agent.share;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/** {@code POST /api/agent/launches/{id}/report} with the agent token. */
public final class HttpReports implements Reports {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient client;
    private final String url;
    private final String token;
    private final String agentName;
    private final ObjectMapper json;
    private final Logger log;

    /** @param url Loadstack's base URL */
    public HttpReports(HttpClient client, String url, String token, String agentName, ObjectMapper json, Logger log) {
        this.client = client;
        this.url = url;
        this.token = token;
        this.agentName = agentName;
        this.json = json;
        this.log = log;
    }

    @Override
    public ReportOutcome send(long launchId, Report report) throws InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", agentName);
        body.put("status", report.status().name());
        body.put("message", report.message());
        body.put("firstRequestAt", report.firstRequestAt() == null ? null : report.firstRequestAt().toString());
        body.put("requests", report.requests());
        body.put("failures", report.failures());
        body.put("log", report.log());
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url + "/api/agent/launches/" + launchId + "/report"))
                    .timeout(TIMEOUT)
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings, numbers and lists always serializes", e);
        }
        try {
            HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
            return switch (answer.statusCode()) {
                case 200 -> ReportOutcome.ACCEPTED;
                case 404, 409 -> {
                    log.info("Launch " + launchId + " answered the " + report.status() + " report with HTTP "
                            + answer.statusCode() + " (" + shorten(answer.body()) + "): the share stops");
                    yield ReportOutcome.GONE;
                }
                default -> {
                    log.warning("Launch " + launchId + ": the " + report.status() + " report got HTTP "
                            + answer.statusCode() + " " + shorten(answer.body()) + "; sent again later");
                    yield ReportOutcome.FAILED;
                }
            };
        } catch (IOException e) {
            log.warning("Launch " + launchId + ": the " + report.status() + " report got no answer (" + e
                    + "); sent again later");
            return ReportOutcome.FAILED;
        }
    }

    private static String shorten(String text) {
        String line = text == null ? "" : text.replaceAll("\\s+", " ").trim();
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }
}
