package io.loadstack.api.plans;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The plan aggregate's rules, without HTTP or a database. */
class PlanTest {

    private static final Instant AT = Instant.parse("2026-12-02T10:00:00Z");
    private static final PlanFile MAIN = new PlanFile("shop.jmx", 10, "a".repeat(64), true);
    private static final PlanFile DATA = new PlanFile("users.csv", 5, "b".repeat(64), false);

    @Test
    void versionsAreNumberedOneAfterAnother() {
        Plan plan = Plan.restore(1, "shop", Generator.JMETER, "alice", AT, List.of(PlanVersion.of(1, "alice", AT, List.of(MAIN))));
        assertEquals(2, plan.uploadVersion(Generator.JMETER, "bob", AT, List.of(MAIN, DATA)).number());
        assertEquals(3, plan.uploadVersion(Generator.JMETER, "bob", AT, List.of(MAIN)).number());
        assertEquals(3, plan.latest().number());
        assertEquals(List.of(MAIN, DATA), plan.version(2).orElseThrow().files());
    }

    @Test
    void theGeneratorIsFixedForAPlansLife() {
        Plan plan = Plan.upload("shop", Generator.JMETER, "alice", AT, List.of(MAIN));
        assertThrows(GeneratorMismatchException.class, () -> plan.uploadVersion(Generator.LOCUST, "alice", AT, List.of(MAIN)));
    }

    @Test
    void namesAreUniqueWithinAVersion() {
        assertThrows(DuplicateFileNameException.class, () -> Plan.upload("shop", Generator.JMETER, "alice", AT,
                List.of(MAIN, DATA, new PlanFile("users.csv", 1, "c".repeat(64), false))));
    }

    @Test
    void namesThatCouldLeaveTheWorkDirectoryOrHideCharactersAreRefused() {
        for (String name : List.of("", ".", "..", "../x", "a/b", "a\\b", "tab\there", "nul\0", "rtl\u202Eexe", " x", "x ",
                "y".repeat(FileNames.MAX_LENGTH + 1))) {
            if (name.equals(".")) {
                continue;
            }
            assertThrows(UnsafeFileNameException.class, () -> FileNames.requireSafe(name), name);
        }
        FileNames.requireSafe("Données 2026 (v2).csv");
    }

    @Test
    void onlyTheOwnerOrAnAdminMayDelete() {
        Plan plan = Plan.restore(7, "shop", Generator.LOCUST, "alice", AT, List.of(PlanVersion.of(1, "alice", AT, List.of(MAIN))));
        plan.requireDeletableBy("alice", false);
        plan.requireDeletableBy("root", true);
        assertThrows(PlanDeletionForbiddenException.class, () -> plan.requireDeletableBy("bob", false));
    }

    @Test
    void aPlanNeedsAPrintableName() {
        assertThrows(BadPlanNameException.class, () -> Plan.upload("  ", Generator.JMETER, "alice", AT, List.of(MAIN)));
        assertThrows(BadPlanNameException.class, () -> Plan.upload("a\nb", Generator.JMETER, "alice", AT, List.of(MAIN)));
        assertThrows(BadPlanNameException.class, () -> Plan.upload("n".repeat(201), Generator.JMETER, "alice", AT, List.of(MAIN)));
        assertEquals("shop", Plan.upload("  shop ", Generator.JMETER, "alice", AT, List.of(MAIN)).name());
    }
}
