package io.loadstack.dashboard.polling;

import io.loadstack.dashboard.config.DashboardSettings;
import io.loadstack.dashboard.config.Target;
import jakarta.inject.Singleton;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

/**
 * Reads Monit's {@code /_status?format=xml} in a target's container: whether Monit sees the process
 * running and under which pid. Monit has no restart counter of its own, so a changed pid is how its
 * restarts show. Monit being unreachable is reported, never fatal: a host run without Monit is normal.
 */
@Singleton
public class MonitProbe {

    /** Monit's service type for "check process". */
    private static final String PROCESS = "3";

    private final HttpClient client;
    private final Duration timeout;
    private final String authorization;

    public MonitProbe(DashboardSettings settings) {
        this.timeout = settings.timeout();
        this.client = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
        String user = settings.monitUsername() == null ? "" : settings.monitUsername();
        String password = settings.monitPassword() == null ? "" : settings.monitPassword();
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public CompletableFuture<MonitStatus> probe(Target target) {
        if (target.monitUrl() == null) {
            return CompletableFuture.completedFuture(null);
        }
        HttpRequest request = HttpRequest.newBuilder(statusUrl(target.monitUrl()))
                .timeout(timeout)
                .header("Authorization", authorization)
                .GET().build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, failure) -> {
                    if (failure != null || response.statusCode() != 200) {
                        return MonitStatus.unreachable();
                    }
                    return parse(response.body());
                });
    }

    private static URI statusUrl(URI monit) {
        return monit.resolve("/_status?format=xml");
    }

    /** The first process service in Monit's XML (each Loadstack container supervises one). */
    static MonitStatus parse(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // Monit's answer is data, never a reason to fetch anything: no DTDs, no external entities.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
            NodeList services = document.getElementsByTagName("service");
            for (int i = 0; i < services.getLength(); i++) {
                Element service = (Element) services.item(i);
                if (!PROCESS.equals(service.getAttribute("type"))) {
                    continue;
                }
                String name = text(service, "name");
                int status = number(service, "status", 0);
                int monitor = number(service, "monitor", 1);
                int pid = number(service, "pid", -1);
                String state;
                if (monitor == 0) {
                    state = "not monitored";
                } else if ((monitor & 2) != 0) {
                    state = "initializing";
                } else if (status != 0) {
                    state = pid > 0 ? "failed" : "not running";
                } else if (pid <= 0) {
                    state = "not running";
                } else {
                    state = "running";
                }
                return new MonitStatus(state, name, pid > 0 ? pid : null);
            }
            return new MonitStatus("no process", null, null);
        } catch (Exception e) {
            return MonitStatus.unreachable();
        }
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
    }

    private static int number(Element parent, String tag, int fallback) {
        // Direct children only: <memory> and <cpu> have nested elements of their own.
        for (org.w3c.dom.Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && element.getTagName().equals(tag)) {
                try {
                    return Integer.parseInt(element.getTextContent().trim());
                } catch (NumberFormatException e) {
                    return fallback;
                }
            }
        }
        return fallback;
    }
}
