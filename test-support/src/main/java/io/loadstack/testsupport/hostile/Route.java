package io.loadstack.testsupport.hostile;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One endpoint as the corpus sees it: its method and path template (as the router lists it), a valid
 * request (path values, query values, body) that the corpus mutates one part at a time, and who may call it.
 *
 * @param method       GET, POST, PUT, DELETE, or WEBSOCKET for a websocket upgrade (a GET in the router)
 * @param template     the router's template, e.g. {@code /api/runs/{uuid}}
 * @param pathValues   a valid value per path variable
 * @param queryValues  valid query values, already URL-encoded
 * @param body         the valid body: a JSON tree ({@link JsonText}), a String sent as text, or null for none
 * @param auth         how a valid caller proves who it is
 * @param maxBodyBytes the service's request size limit; the corpus sends a body just over it
 */
public record Route(String method, String template, Map<String, String> pathValues, Map<String, String> queryValues,
                    Object body, Auth auth, int maxBodyBytes) {

    /** How the endpoint authenticates: not at all, a login JWT, or an ingest token. */
    public enum Auth { ANONYMOUS, JWT, INGEST_TOKEN, JWT_QUERY }

    public static Route of(String method, String template, Auth auth, int maxBodyBytes) {
        return new Route(method, template, new LinkedHashMap<>(), new LinkedHashMap<>(), null, auth, maxBodyBytes);
    }

    public Route path(String variable, String value) {
        Map<String, String> values = new LinkedHashMap<>(pathValues);
        values.put(variable, value);
        return new Route(method, template, values, queryValues, body, auth, maxBodyBytes);
    }

    public Route query(String name, String value) {
        Map<String, String> values = new LinkedHashMap<>(queryValues);
        values.put(name, value);
        return new Route(method, template, pathValues, values, body, auth, maxBodyBytes);
    }

    public Route body(Object validBody) {
        return new Route(method, template, pathValues, queryValues, validBody, auth, maxBodyBytes);
    }

    /** {@code "POST /api/users"}: how the router's list and the corpus are compared. */
    public String key() {
        return ("WEBSOCKET".equals(method) ? "GET" : method) + " " + template;
    }

    boolean isJson() {
        return body instanceof Map<?, ?> || body instanceof java.util.List<?>;
    }

    boolean takesBody() {
        return method.equals("POST") || method.equals("PUT");
    }

    /** The path with the given values put in (they are sent as written: already encoded, or hostile). */
    String path(Map<String, String> values) {
        String path = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            path = path.replace("{" + value.getKey() + "}", value.getValue());
        }
        return path;
    }

    String query(Map<String, String> values) {
        StringBuilder query = new StringBuilder();
        values.forEach((name, value) -> query.append(query.isEmpty() ? "?" : "&").append(name).append('=').append(value));
        return query.toString();
    }
}
