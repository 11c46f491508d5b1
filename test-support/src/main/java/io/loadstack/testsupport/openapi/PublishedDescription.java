package io.loadstack.testsupport.openapi;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadstack.testsupport.HttpCall;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A service's OpenAPI description as it publishes it (/openapi/&lt;module&gt;.yml), and the checks that keep it
 * honest: every route the router serves is described, and real responses match what is described (status,
 * content type, body schema). Failures are collected, so one test lists every drift at once.
 */
public final class PublishedDescription {

    private static final Pattern POINTER = Pattern.compile("\\[Path '([^']*)'\\]");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenApiInteractionValidator validator;
    private final OpenAPI model;
    private final List<String> failures = new ArrayList<>();
    private int checked;

    private PublishedDescription(String yaml) {
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(yaml).build();
        this.model = new OpenAPIV3Parser().readContents(yaml).getOpenAPI();
        if (model == null || model.getPaths() == null) {
            throw new IllegalArgumentException("not an OpenAPI description with paths:\n" + yaml.substring(0, Math.min(400, yaml.length())));
        }
    }

    public static PublishedDescription of(String yaml) {
        return new PublishedDescription(yaml);
    }

    /** "METHOD /template" for every described operation, templates as Micronaut writes them. */
    public Set<String> operations() {
        Set<String> operations = new TreeSet<>();
        model.getPaths().forEach((path, item) -> item.readOperationsMap().keySet()
                .forEach(method -> operations.add(method.name() + " " + path)));
        return operations;
    }

    /**
     * The router's routes (as {@code RouterRoutes} lists them) that the description lacks, but HEAD and those
     * the caller leaves out on purpose (pages and their files, marked hidden).
     */
    public Set<String> undescribed(Set<String> routerRoutes, Set<String> leftOut) {
        Set<String> described = operations().stream().map(PublishedDescription::normalized).collect(Collectors.toSet());
        Set<String> missing = new TreeSet<>();
        for (String route : routerRoutes) {
            if (route.startsWith("HEAD ") || leftOut.contains(route)) {
                continue;
            }
            if (!described.contains(normalized(route))) {
                missing.add(route);
            }
        }
        return missing;
    }

    /** Described operations the router does not serve: a description that promises more than the service does. */
    public Set<String> unserved(Set<String> routerRoutes) {
        Set<String> served = routerRoutes.stream().map(PublishedDescription::normalized).collect(Collectors.toSet());
        Set<String> extra = new TreeSet<>();
        for (String operation : operations()) {
            if (!served.contains(normalized(operation))) {
                extra.add(operation);
            }
        }
        return extra;
    }

    /** Checks one real answer to {@code method path} (the concrete path, no query) against the description. */
    public PublishedDescription check(String method, String path, HttpCall.Response response) {
        checked++;
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.status());
        String type = response.header("Content-Type");
        if (type != null) {
            answer.withContentType(type);
        }
        if (response.body() != null && !response.body().isEmpty()) {
            answer.withBody(response.body());
        }
        ValidationReport report = validator.validateResponse(path, Request.Method.valueOf(method.toUpperCase(Locale.ROOT)),
                answer.build());
        List<String> errors = report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .filter(m -> !nullWhereNullable(m, response.body()))
                // A 204 has no body by HTTP's rule; Micronaut lists a wildcard response type's content for it anyway.
                .filter(m -> !(response.status() == 204 && m.getKey().equals("validation.response.body.missing")))
                .map(m -> m.getKey() + ": " + m.getMessage()).toList();
        if (!errors.isEmpty()) {
            failures.add(method + " " + path + " → " + response.status() + ": " + String.join("; ", errors)
                    + "\n    body: " + shorten(response.body()));
        }
        return this;
    }

    /**
     * A nullable reference ({@code nullable: true} beside {@code allOf: [$ref]}, as Micronaut writes an optional
     * record in OpenAPI 3.0) holding null: allowed by the description, but the validator checks the null against
     * the referenced schema anyway. Only that case is let through: the message is about allOf, and the value at
     * its path is null.
     */
    private static boolean nullWhereNullable(ValidationReport.Message message, String body) {
        if (!message.getKey().endsWith(".allOf") || body == null) {
            return false;
        }
        Matcher at = POINTER.matcher(message.getMessage());
        if (!at.find()) {
            return false;
        }
        try {
            JsonNode value = JSON.readTree(body).at(at.group(1));
            return value != null && value.isNull();
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    public int checked() {
        return checked;
    }

    /** Every drift found so far, one per line; empty when the answers matched the description. */
    public String failures() {
        return String.join("\n", failures);
    }

    private static String normalized(String route) {
        // {uuid}, {id:[0-9]+} and {file} are all one path parameter: compare the shape only.
        return route.replaceAll("\\{[^}]*}", "{}");
    }

    private static String shorten(String body) {
        if (body == null) {
            return "";
        }
        return body.length() <= 300 ? body : body.substring(0, 300) + "…";
    }

    /** The description's path items, for a test that wants to look closer. */
    public java.util.Map<String, PathItem> paths() {
        return model.getPaths();
    }
}
