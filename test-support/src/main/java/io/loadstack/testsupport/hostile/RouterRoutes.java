package io.loadstack.testsupport.hostile;

import io.micronaut.context.ApplicationContext;
import io.micronaut.web.router.Router;

import java.util.Set;
import java.util.TreeSet;

/** Every route a running service's router serves, as {@code "METHOD /template"}: the list the corpus must cover. */
public final class RouterRoutes {

    private RouterRoutes() {
    }

    public static Set<String> of(ApplicationContext context) {
        Set<String> keys = new TreeSet<>();
        context.getBean(Router.class).uriRoutes()
                .forEach(route -> keys.add(route.getHttpMethodName() + " " + route.getUriMatchTemplate().toString()));
        return keys;
    }
}
