package io.loadstack.support.targets;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A list of allowed targets: the api-service's (what admins allow every launch) and an agent's own
 * ({@code LOADSTACK_AGENT_ALLOWED_TARGETS}). A target URL is allowed when one entry matches its host and port as
 * written; host names are never resolved, so a name is allowed by a name entry and an address by an address or
 * range entry. An empty list allows nothing.
 */
public final class TargetList {

    /** More would be a list nobody reads; a network is a CIDR range, a domain a wildcard. */
    public static final int MAX_ENTRIES = 200;

    private final List<TargetRule> rules;

    private TargetList(List<TargetRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * Reads every entry; an entry that appears twice (as written, in any case) is kept once.
     *
     * @throws InvalidTargetEntryException naming the first entry that cannot be read, or when there are too many
     */
    public static TargetList of(Collection<String> entries) {
        if (entries.size() > MAX_ENTRIES) {
            throw new InvalidTargetEntryException(InvalidTargetEntryException.shorten(String.valueOf(entries.size())
                    + " entries"), "are more than the " + MAX_ENTRIES + " a list may hold: cover a network with a CIDR"
                    + " range and a domain with a wildcard");
        }
        Map<String, TargetRule> rules = new LinkedHashMap<>();
        for (String entry : entries) {
            TargetRule rule = TargetRule.parse(entry);
            rules.putIfAbsent(rule.text(), rule);
        }
        return new TargetList(new ArrayList<>(rules.values()));
    }

    /** A comma-separated list, as the environment variables hold it; empty items (",,", a trailing comma) are skipped. */
    public static TargetList ofCommaSeparated(String text) {
        List<String> entries = new ArrayList<>();
        for (String item : text == null ? new String[0] : text.split(",", -1)) {
            if (!item.isBlank()) {
                entries.add(item);
            }
        }
        return of(entries);
    }

    /** Whether the URL's host and port are allowed; a URL that is not http(s) with a host never is. */
    public boolean allows(String url) {
        return Target.ofUrl(url).map(this::allows).orElse(false);
    }

    public boolean allows(Target target) {
        return rules.stream().anyMatch(rule -> rule.matches(target));
    }

    /** The entries as written (trimmed, lower case), in their order. */
    public List<String> entries() {
        return rules.stream().map(TargetRule::text).toList();
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    @Override
    public String toString() {
        return String.join(",", entries());
    }
}
