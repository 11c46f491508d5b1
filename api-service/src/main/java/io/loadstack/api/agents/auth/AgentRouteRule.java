package io.loadstack.api.agents.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecuredAnnotationRule;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * Keeps agents and people apart, before any other rule: an agent token is good on the agents' own routes
 * (templates under {@value #AGENT_ROUTES}) and nowhere else, not even on routes any signed-in caller may use
 * or open ones; and those routes take an agent token only, never a user's JWT. Judged on the matched route's
 * template rather than the raw path, so no spelling of a path gets an agent onto another route.
 */
@Singleton
public class AgentRouteRule implements SecurityRule<HttpRequest<?>> {

    static final String AGENT_ROUTES = "/api/agent/";
    private static final int ORDER = SecuredAnnotationRule.ORDER - 100;

    @Override
    public Publisher<SecurityRuleResult> check(@Nullable HttpRequest<?> request, @Nullable Authentication authentication) {
        if (request == null) {
            return Publishers.just(SecurityRuleResult.UNKNOWN);
        }
        boolean agent = authentication != null && AgentPrincipal.isAgent(authentication);
        boolean agentRoute = isAgentRoute(request);
        if (agent != agentRoute) {
            return Publishers.just(SecurityRuleResult.REJECTED);
        }
        return Publishers.just(SecurityRuleResult.UNKNOWN);
    }

    private static boolean isAgentRoute(HttpRequest<?> request) {
        return RouteAttributes.getRouteInfo(request)
                .filter(UriRouteInfo.class::isInstance)
                .map(route -> ((UriRouteInfo<?, ?>) route).getUriMatchTemplate().toString().startsWith(AGENT_ROUTES))
                .orElse(false);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
