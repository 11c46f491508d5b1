package io.loadstack.support.targets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TargetListTest {

    @ParameterizedTest(name = "{0} allows {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            // host names: exactly that name, any port, any case, a trailing dot is the same name
            "shop.internal           | http://shop.internal                    | true",
            "shop.internal           | https://SHOP.Internal:8443/cart?x=1     | true",
            "shop.internal           | http://shop.internal./                  | true",
            "Shop.Internal           | http://shop.internal                    | true",
            "shop.internal           | http://www.shop.internal                | false",
            "shop.internal           | http://shop.internal.evil.com           | false",
            "shop.internal           | http://evilshop.internal                | false",
            "shop.internal           | http://shop.internal@evil.com/          | false",
            "shop.internal           | http://evil.com#@shop.internal          | false",
            "shop.internal           | http://evil.com/?shop.internal          | false",
            "shop.internal           | ftp://shop.internal                     | false",
            "shop.internal           | //shop.internal                         | false",
            "shop.internal           | shop.internal                           | false",
            "localhost               | http://localhost:8089                   | true",
            "localhost               | http://127.0.0.1                        | false",
            // ports: as written, the scheme's default when the URL names none
            "shop.internal:8080      | http://shop.internal:8080/x             | true",
            "shop.internal:8080      | http://shop.internal                    | false",
            "shop.internal:80        | http://shop.internal                    | true",
            "shop.internal:443       | https://shop.internal/                  | true",
            "shop.internal:443       | http://shop.internal:4430               | false",
            "shop.internal:80        | https://shop.internal                   | false",
            // wildcards: names below the domain, at any depth, not the domain itself
            "*.example.com           | http://a.example.com                    | true",
            "*.example.com           | http://a.b.example.com:9000             | true",
            "*.example.com           | http://example.com                      | false",
            "*.example.com           | http://badexample.com                   | false",
            "*.example.com           | http://a.example.com.evil.net           | false",
            "*.example.com           | http://10.0.0.1                         | false",
            "*.example.com:8443      | https://a.example.com:8443              | true",
            "*.example.com:8443      | https://a.example.com                   | false",
            "*                       | http://anything.at.all:1234             | true",
            "*                       | http://[2001:db8::1]/                   | true",
            "*:8080                  | http://10.9.9.9:8080                    | true",
            "*:8080                  | http://10.9.9.9:8081                    | false",
            // IPv4 addresses and ranges: literal addresses only, never a name
            "10.0.0.0/8              | http://10.20.30.40:8080                 | true",
            "10.0.0.0/8              | http://11.0.0.1                         | false",
            "10.0.0.0/8              | http://10.0.0.1.nip.io                  | false",
            "10.0.0.0/8:8080         | http://10.1.1.1:8080                    | true",
            "10.0.0.0/8:8080         | http://10.1.1.1:8081                    | false",
            "192.168.1.0/25          | http://192.168.1.127                    | true",
            "192.168.1.0/25          | http://192.168.1.128                    | false",
            "192.168.1.7             | http://192.168.1.7:3000                 | true",
            "192.168.1.7             | http://192.168.1.8                      | false",
            "192.168.1.7:3000        | http://192.168.1.7:3001                 | false",
            "0.0.0.0/0               | http://203.0.113.9                      | true",
            "0.0.0.0/0               | http://shop.internal                    | false",
            "0.0.0.0/0               | http://[::1]                            | false",
            "127.0.0.0/8             | http://[::ffff:127.0.0.1]:8080          | true",
            // hostile spellings of an address are no address, and no name either
            "127.0.0.0/8             | http://2130706433/                      | false",
            "127.0.0.0/8             | http://0x7f000001/                      | false",
            "127.0.0.0/8             | http://127.1/                           | false",
            "127.0.0.0/8             | http://0177.0.0.1/                      | false",
            "127.0.0.0/8             | http://017.0.0.1/                       | false",
            "10.0.0.0/8              | http://10.0.0.256                       | false",
            "127.0.0.0/8             | http://127.0.0.1%2f@evil.com            | false",
            // IPv6: bracketed with a port, bare without
            "::1                     | http://[::1]:8443/                      | true",
            "[::1]                   | http://[::1]                            | true",
            "[::1]:8443              | https://[::1]:8443                      | true",
            "[::1]:8443              | https://[::1]:8444                      | false",
            "[::1]:8443              | http://127.0.0.1:8443                   | false",
            "2001:db8::/32           | http://[2001:db8:ffff::1]               | true",
            "2001:db8::/32           | http://[2001:db9::1]                    | false",
            "[2001:db8::/32]:443     | https://[2001:DB8::5]                   | true",
            "[2001:db8::/32]:443     | http://[2001:db8::5]                    | false",
            "fd00::/8                | http://[fd12:3456::1]                   | true",
            "::/0                    | http://10.0.0.1                         | false",
            "::/0                    | http://[fe80::1%25eth0]                 | false",
    })
    void anEntryAllowsWhatItNames(String entry, String url, boolean allowed) {
        assertEquals(allowed, TargetList.of(List.of(entry)).allows(url), entry + " vs " + url);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "http://shop.internal", "https://shop.internal:443", "shop.internal/cart", "shop internal", "shop.internal:",
            "shop.internal:0", "shop.internal:65536", "shop.internal:+80", "shop.internal:080", "shop.internal:8080:9",
            "shop_internal.test", "-shop.internal", "shop-.internal", "shop..internal", ".shop.internal",
            "shöp.internal", "shop.internal\u0000", "shop.*.internal", "*shop.internal", "*.*.internal", "**", "*.",
            "*.123", "10.0.0.300", "10.0.0", "10.0.0.1.2", "127.1", "2130706433", "010.0.0.1", "0x7f.0.0.1",
            "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/", "10.0.0.0/8/8", "10.0.0.1/8", "10.0.0.0/08", "shop.internal/8",
            "[10.0.0.1]", "[10.0.0.0/8]", "[::1", "[::1]8443", "[::1]:", "[::1]:99999", "::1::2", ":::", "::g",
            "fe80::1%eth0", "2001:db8::1/129", "2001:db8::1/32", "::ffff:10.0.0.1", "::ffff:10.0.0.0/104",
            "[shop.internal]", "[]", " ", "", "..",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                    + ".aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                    + ".aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    })
    void aBadEntryIsRefusedByName(String entry) {
        InvalidTargetEntryException refused = assertThrows(InvalidTargetEntryException.class,
                () -> TargetList.of(List.of("shop.internal", entry)));
        assertEquals(entry, refused.entry());
        assertTrue(refused.getMessage().startsWith("allowed target '" + (entry.length() > 80 ? entry.substring(0, 80) : entry)),
                refused.getMessage());
    }

    @Test
    void aNullEntryIsRefused() {
        List<String> entries = new ArrayList<>();
        entries.add(null);
        assertThrows(InvalidTargetEntryException.class, () -> TargetList.of(entries));
    }

    @Test
    void tooManyEntriesAreRefused() {
        List<String> entries = new ArrayList<>(Collections.nCopies(TargetList.MAX_ENTRIES, "shop.internal"));
        assertEquals(List.of("shop.internal"), TargetList.of(entries).entries());
        entries.add("shop.internal");
        InvalidTargetEntryException refused = assertThrows(InvalidTargetEntryException.class, () -> TargetList.of(entries));
        assertTrue(refused.getMessage().contains("more than the 200"), refused.getMessage());
    }

    @Test
    void anEmptyListAllowsNothing() {
        TargetList empty = TargetList.of(List.of());
        assertTrue(empty.isEmpty());
        assertFalse(empty.allows("http://localhost"));
        assertFalse(TargetList.ofCommaSeparated("").allows("http://localhost"));
    }

    @Test
    void aCommaSeparatedListIsReadEntryByEntryKeepingItsOrderAndSpellingOnce() {
        TargetList list = TargetList.ofCommaSeparated(" e2e-target:8000, localhost,,127.0.0.0/8 ,[::1],LOCALHOST,");
        assertEquals(List.of("e2e-target:8000", "localhost", "127.0.0.0/8", "[::1]"), list.entries());
        assertTrue(list.allows("http://e2e-target:8000/"));
        assertFalse(list.allows("http://e2e-target:8001/"));
        assertTrue(list.allows("http://127.0.0.1:9/"));
        assertTrue(list.allows("http://[::1]:8080"));
        InvalidTargetEntryException refused = assertThrows(InvalidTargetEntryException.class,
                () -> TargetList.ofCommaSeparated("localhost, http://shop.internal"));
        assertEquals(" http://shop.internal", refused.entry());
    }

    @Test
    void aUrlThatIsNoHttpUrlWithAHostIsNeverAllowed() {
        TargetList anything = TargetList.of(List.of("*"));
        for (String url : new String[] {null, "", "http://", "http:///path", "file:///etc/passwd", "javascript:alert(1)",
                "http://exa mple.com", "http://shop.internal:99999", "http://shop.internal:0", "http://sh\\op.internal",
                "gopher://shop.internal", "http://[::1", "x".repeat(3000)}) {
            assertFalse(anything.allows(url), String.valueOf(url));
        }
    }

    @Test
    void aTargetNamesItsHostAndPortForMessages() {
        assertEquals("shop.internal:80", Target.ofUrl("http://Shop.Internal./x").orElseThrow().hostAndPort());
        assertEquals("[::1]:8443", Target.ofUrl("https://[::1]:8443").orElseThrow().hostAndPort());
        assertEquals("10.0.0.1:443", Target.ofUrl("https://10.0.0.1").orElseThrow().hostAndPort());
    }
}
