package io.loadstack.testsupport.openapi;

import io.loadstack.testsupport.hostile.RouterRoutes;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A service's published description and its router agree both ways. A test class implements it beside its own
 * base class and adds its check of real answers ({@link PublishedDescription#check}).
 */
public interface DescribesEveryRoute {

    /** @return the description as the service publishes it at /openapi/&lt;service&gt;.yml */
    PublishedDescription description();

    /** @return the running service's context, whose router is the truth */
    ApplicationContext routedContext();

    /** @return "METHOD /path" of the routes left out of the description on purpose, each with its reason there */
    Set<String> undescribedOnPurpose();

    @Test
    default void everyRouteIsDescribed() {
        Set<String> missing = description().undescribed(RouterRoutes.of(routedContext()), undescribedOnPurpose());
        assertTrue(missing.isEmpty(), "routes the description lacks: " + missing);
    }

    @Test
    default void everythingDescribedIsServed() {
        Set<String> extra = description().unserved(RouterRoutes.of(routedContext()));
        assertTrue(extra.isEmpty(), "described but not served: " + extra);
    }
}
