package io.loadstack.api.runs;

import io.loadstack.api.web.Vendor;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A run as a CSV file and as a self-contained HTML report (data, styles, charts inline: opens offline). */
@Singleton
public class RunExports {

    static final String CSV_HEADER = "kind,seq,start,end,method,name,users,requests,failures,rps,"
            + "min_ms,mean_ms,p50_ms,p90_ms,p95_ms,p99_ms,max_ms,message\r\n";

    private final RunQueries runs;
    private final JsonMapper json;
    private final Vendor vendor;

    public RunExports(RunQueries runs, JsonMapper json, Vendor vendor) {
        this.runs = runs;
        this.json = json;
        this.vendor = vendor;
    }

    /**
     * One table, so a spreadsheet opens it directly: a {@code run} row with the totals, the 15-second
     * {@code record} rows (method and name empty for the whole run, else one endpoint), the {@code endpoint}
     * totals and the {@code error} messages (occurrences in the failures column).
     */
    public String csv(RunViews.Run run) {
        StringBuilder out = new StringBuilder(CSV_HEADER);
        row(out, "run", null, run.startedAt(), run.endedAt(), "", run.name(), run.maxUsers(), run.requests(),
                run.failures(), run.rps(), run.min(), run.mean(), run.p50(), run.p90(), run.p95(), run.p99(), run.max(), "");
        runs.records(run.uuid(), r -> row(out, "record", r.seq(), r.start(), r.end(), r.method(), r.name(), r.users(),
                r.requests(), r.failures(), r.rps(), r.min(), r.mean(), r.p50(), r.p90(), r.p95(), r.p99(), r.max(), ""));
        for (RunViews.Endpoint e : runs.endpoints(run.uuid(), RunQueries.coveredSeconds(run))) {
            row(out, "endpoint", null, null, null, e.method(), e.name(), null, e.requests(), e.failures(), e.rps(),
                    e.min(), e.mean(), e.p50(), e.p90(), e.p95(), e.p99(), e.max(), "");
        }
        for (RunViews.RunError e : runs.errors(run.uuid())) {
            row(out, "error", null, null, null, e.method(), e.name(), null, null, e.occurrences(), null,
                    null, null, null, null, null, null, null, e.message());
        }
        return out.toString();
    }

    private static void row(StringBuilder out, Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells[i]));
        }
        out.append("\r\n");
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : String.format(Locale.ROOT, "%.3f", d);
        }
        String text = value.toString();
        if (!(value instanceof Number) && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            // A spreadsheet would run a cell starting with these as a formula (CSV injection).
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    public String html(RunViews.Run run) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("run", run);
        data.put("series", runs.series(run.uuid()));
        data.put("endpoints", runs.endpoints(run.uuid(), RunQueries.coveredSeconds(run)));
        data.put("errors", runs.errors(run.uuid()));
        String dataJson;
        try {
            dataJson = json.writeValueAsString(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String title = "Loadstack run " + run.name();
        // Data goes in last: a run's name or tags may hold anything, and nothing is replaced inside them.
        return template()
                .replace("/*{{UPLOT_CSS}}*/", vendor.text("uPlot.min.css"))
                .replace("/*{{REPORT_CSS}}*/", resource("public/assets/app.css"))
                .replace("/*{{UPLOT_JS}}*/", scriptSafe(vendor.text("uPlot.iife.min.js")))
                .replace("/*{{REPORT_JS}}*/", scriptSafe(resource("runs/report.js")))
                .replace("{{TITLE}}", escapeHtml(title).replace("{", "&#123;"))
                // Inside <script>, "</" would end the element early: JSON allows escaping the slash.
                .replace("/*{{DATA}}*/null", dataJson.replace("</", "<\\/").replace("<!--", "\\u003c!--"));
    }

    private static String scriptSafe(String js) {
        return js.replace("</script", "<\\/script");
    }

    private static String template() {
        return resource("runs/report-template.html");
    }

    private static String resource(String path) {
        try (InputStream in = RunExports.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    /** A file name people recognise (the run's name) with a plain ASCII fallback for old clients. */
    static String attachment(RunViews.Run run, String extension) {
        String slug = run.name().replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 60) {
            slug = slug.substring(0, 60);
        }
        String base = "loadstack-" + (slug.isEmpty() ? "run" : slug) + "-" + run.uuid().substring(0, 8) + "." + extension;
        String utf8 = "loadstack-" + run.name().strip() + "-" + run.uuid().substring(0, 8) + "." + extension;
        return "attachment; filename=\"" + base + "\"; filename*=UTF-8''"
                + URLEncoder.encode(utf8, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
