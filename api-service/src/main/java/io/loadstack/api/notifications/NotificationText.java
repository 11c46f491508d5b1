package io.loadstack.api.notifications;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What an event says in words: a one-line summary (the deliveries list, the webhook's {@code summary}) and
 * the Slack message, with the key numbers and a link to the dashboard's page.
 */
final class NotificationText {

    private NotificationText() {
    }

    static String summary(NotificationEvent event) {
        if (event instanceof NotificationEvent.RunStarted e) {
            return "Run started: " + e.test() + " (" + e.origin() + (e.host() == null ? "" : " on " + e.host()) + ")";
        }
        if (event instanceof NotificationEvent.RunFinished e) {
            return "Run finished: " + e.test() + " " + e.status() + (e.verdict() == null ? "" : ", " + e.verdict());
        }
        if (event instanceof NotificationEvent.ThresholdFailed e) {
            return "Threshold failed: " + e.test() + ": " + String.join("; ", e.criteria());
        }
        if (event instanceof NotificationEvent.RegressionFound e) {
            return "Regression: " + e.test() + ": " + String.join("; ", e.regressions());
        }
        if (event instanceof NotificationEvent.LaunchFailed e) {
            return "Launch " + e.launchId() + " of " + e.test() + " failed: " + e.reason();
        }
        if (event instanceof NotificationEvent.AgentLost e) {
            return "Agent " + e.agent() + " lost in launch " + e.launchId() + " of " + e.test() + ": " + e.reason();
        }
        NotificationEvent.Ping e = (NotificationEvent.Ping) event;
        return "Test message for channel " + e.channel() + ", sent by " + e.by();
    }

    /** The Slack message: mrkdwn, with what the sender wrote escaped (a run name may hold {@code <}). */
    static String slack(NotificationEvent event, String link) {
        StringBuilder text = new StringBuilder();
        if (event instanceof NotificationEvent.RunStarted e) {
            text.append(":arrow_forward: Run started: *").append(escape(e.test())).append("* (").append(escape(e.origin()))
                    .append(e.host() == null ? "" : " on " + escape(e.host()))
                    .append(e.targetHost() == null ? "" : ", target " + escape(e.targetHost())).append(')');
        } else if (event instanceof NotificationEvent.RunFinished e) {
            String icon = "FAILED".equals(e.verdict()) ? ":x:" : "PASSED".equals(e.verdict()) ? ":white_check_mark:"
                    : ":checkered_flag:";
            text.append(icon).append(" Run finished: *").append(escape(e.test())).append("* ").append(e.status())
                    .append(e.verdict() == null ? "" : " — verdict *" + e.verdict() + "*")
                    .append('\n').append(numbers(e.numbers()));
            bullets(text, e.failed());
        } else if (event instanceof NotificationEvent.ThresholdFailed e) {
            text.append(":x: Threshold failed while *").append(escape(e.test())).append("* runs");
            bullets(text, e.criteria());
        } else if (event instanceof NotificationEvent.RegressionFound e) {
            text.append(":chart_with_upwards_trend: *").append(escape(e.test())).append("* regressed against its baseline");
            bullets(text, e.regressions());
        } else if (event instanceof NotificationEvent.LaunchFailed e) {
            text.append(":x: Launch ").append(e.launchId()).append(" of *").append(escape(e.test())).append("* failed: ")
                    .append(escape(e.reason()));
        } else if (event instanceof NotificationEvent.AgentLost e) {
            text.append(":warning: Agent *").append(escape(e.agent())).append("* lost during launch ").append(e.launchId())
                    .append(" of *").append(escape(e.test())).append("*: ").append(escape(e.reason()));
        } else {
            NotificationEvent.Ping e = (NotificationEvent.Ping) event;
            text.append(":wave: Test message for channel *").append(escape(e.channel())).append("*, sent by ")
                    .append(escape(e.by())).append(" from Loadstack");
        }
        return text.append("\n<").append(link).append('|').append(linkText(event)).append('>').toString();
    }

    /** The key numbers in one line: requests, errors, throughput, latencies, users, duration. */
    static String numbers(NotificationEvent.RunNumbers n) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%,d requests, %.2f %% errors", n.requests(),
                n.errorPercent()));
        if (n.rps() != null) {
            line.append(String.format(Locale.ROOT, ", %.1f req/s", n.rps()));
        }
        if (n.p50Ms() != null) {
            line.append(String.format(Locale.ROOT, ", p50 %.0f ms", n.p50Ms()));
        }
        if (n.p95Ms() != null) {
            line.append(String.format(Locale.ROOT, ", p95 %.0f ms", n.p95Ms()));
        }
        if (n.p99Ms() != null) {
            line.append(String.format(Locale.ROOT, ", p99 %.0f ms", n.p99Ms()));
        }
        line.append(", ").append(n.maxUsers()).append(n.maxUsers() == 1 ? " user" : " users");
        if (n.endedAt() != null) {
            line.append(", ").append(duration(Duration.between(n.startedAt(), n.endedAt())));
        }
        return line.toString();
    }

    private static void bullets(StringBuilder text, List<String> lines) {
        lines.forEach(line -> text.append("\n• ").append(escape(line)));
    }

    private static String linkText(NotificationEvent event) {
        if (event instanceof NotificationEvent.LaunchFailed || event instanceof NotificationEvent.AgentLost) {
            return "Open the launch";
        }
        return event instanceof NotificationEvent.Ping ? "Open the notifications page" : "Open the run";
    }

    private static String duration(Duration d) {
        long seconds = Math.max(0, d.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        return seconds < 3600 ? (seconds / 60) + " min " + (seconds % 60) + " s"
                : (seconds / 3600) + " h " + (seconds % 3600 / 60) + " min";
    }

    /** Slack's three control characters (https://api.slack.com/reference/surfaces/formatting#escaping). */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
