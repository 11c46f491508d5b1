package io.loadstack.consumer.graphite;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/** How Gatling's Graphite paths are read: prefixes, groups, users, percentile names, and what is refused. */
class GatlingMetricTest {

    private static final String TOKEN = "lst_Abc-_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";

    private static GatlingMetric.Read read(String line) {
        GraphiteLine.Parsed parsed = GraphiteLine.parse(line, 1_764_669_600L);
        assertInstanceOf(GraphiteLine.Ok.class, parsed, line);
        return GatlingMetric.of(((GraphiteLine.Ok) parsed).line());
    }

    private static GatlingMetric metric(String line) {
        GatlingMetric.Read read = read(line);
        assertInstanceOf(GatlingMetric.Metric.class, read, line);
        return ((GatlingMetric.Metric) read).metric();
    }

    @Test
    void aRequestInGroupsIsNamedGroupSlashRequest() {
        GatlingMetric m = metric(TOKEN + ".gatling.shopsimulation.Checkout.Payment.Pay_now.ko.percentiles95 250 1764669600");
        assertEquals(TOKEN, m.token());
        assertEquals("shopsimulation", m.simulation());
        assertEquals("Checkout / Payment / Pay_now", m.request());
        assertEquals("ko", m.status());
        assertEquals("percentiles95", m.name());
        assertEquals(250, m.value());
        assertEquals(1_764_669_600L, m.epochSeconds());
    }

    @Test
    void theGatlingElementAfterTheTokenIsOptional() {
        GatlingMetric m = metric(TOKEN + ".shopsimulation.Home.all.count 12 1764669600");
        assertEquals("shopsimulation", m.simulation());
        assertEquals("Home", m.request());
    }

    @Test
    void usersLinesAreUsersAndARequestNamedUsersIsARequest() {
        GatlingMetric users = metric(TOKEN + ".gatling.shop.users.allUsers.active 7 1764669600");
        assertNull(users.request());
        assertEquals("allUsers", users.status());
        assertEquals("active", users.name());
        GatlingMetric request = metric(TOKEN + ".gatling.shop.users.ok.count 3 1764669600");
        assertEquals("users", request.request());
    }

    @Test
    void percentileNamesKeepTheirDecimalsWhichGatlingWritesWithADash() {
        assertEquals(0.999, GatlingMetric.percentile("percentiles99-9"), 1e-9);
        assertEquals(0.5, GatlingMetric.percentile("percentiles50"), 1e-9);
        assertEquals(-1, GatlingMetric.percentile("percentiles"));
        assertEquals(-1, GatlingMetric.percentile("percentiles100"));
        assertEquals(-1, GatlingMetric.percentile("percentilesx"));
    }

    @Test
    void whatIsNotAGatlingLineWithATokenIsRefusedWithItsReason() {
        assertEquals("no_token", ((GatlingMetric.Refused) read("gatling.shop.Home.all.count 1 1764669600")).reason());
        assertEquals("no_token", ((GatlingMetric.Refused) read("lst_" + "x".repeat(200) + ".gatling.shop.Home.all.count 1 1764669600")).reason());
        assertEquals("unmapped", ((GatlingMetric.Refused) read(TOKEN + ".gatling.shop.Home.all.p95 1 1764669600")).reason());
        assertEquals("unmapped", ((GatlingMetric.Refused) read(TOKEN + ".gatling.shop 1 1764669600")).reason());
        assertEquals("absurd", ((GatlingMetric.Refused) read(TOKEN + ".gatling.shop.Home.all.max 3600001 1764669600")).reason());
        assertEquals("absurd", ((GatlingMetric.Refused) read(TOKEN + ".gatling.shop.users.allUsers.active -1 1764669600")).reason());
        assertInstanceOf(GraphiteLine.Refused.class, GraphiteLine.parse(TOKEN + ".a.b 1", 0));
        assertInstanceOf(GraphiteLine.Refused.class, GraphiteLine.parse(TOKEN + ".a.b Infinity 1764669600", 0));
        assertInstanceOf(GraphiteLine.Refused.class, GraphiteLine.parse("a" + ".b".repeat(40) + " 1 1764669600", 0));
    }

    @Test
    void carbonsMinusOneTimestampMeansNow() {
        GraphiteLine.Ok ok = (GraphiteLine.Ok) GraphiteLine.parse(TOKEN + ".gatling.shop.Home.all.count 1 -1", 1_764_669_600L);
        assertEquals(1_764_669_600L, ok.line().epochSeconds());
    }
}
