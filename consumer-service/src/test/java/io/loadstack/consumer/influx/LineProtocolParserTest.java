package io.loadstack.consumer.influx;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LineProtocolParserTest {

    private static final long NOW = 1_700_000_000_123_000_000L;

    /** A copy of what the parser handed out, since it reuses its Point. */
    record Parsed(String measurement, Map<String, String> tags, Map<String, Object> fields, long time) {
    }

    private final List<Parsed> points = new ArrayList<>();

    private LineProtocolParser.Result parse(String body, Precision precision) {
        return parse(body.getBytes(StandardCharsets.UTF_8), precision);
    }

    private LineProtocolParser.Result parse(byte[] body, Precision precision) {
        points.clear();
        return new LineProtocolParser().parse(body, body.length, precision, NOW, point -> {
            Map<String, String> tags = new TreeMap<>();
            for (int i = 0; i < point.tagCount(); i++) {
                tags.put(point.tagKey(i), point.tagValue(i));
            }
            Map<String, Object> fields = new TreeMap<>();
            for (int i = 0; i < point.fieldCount(); i++) {
                String key = point.fieldKey(i);
                Object value = point.string(key) != null ? point.string(key)
                        : point.isBoolean(key) ? (Object) (point.number(key) == 1)
                        : point.isInteger(key) ? (Object) (long) point.number(key) : (Object) point.number(key);
                fields.put(key, value);
            }
            points.add(new Parsed(point.measurement(), tags, fields, point.timeNanos()));
        });
    }

    @Test
    void parsesMeasurementTagsFieldsOfEveryTypeAndTimestamp() {
        LineProtocolParser.Result result = parse("weather,location=us-midwest,season=summer temperature=82.5,humidity=71i,"
                + "count=3u,label=\"warm day\",sunny=t,rain=FALSE 1465839830100400200\n", Precision.NANOSECONDS);
        assertTrue(result.ok(), String.valueOf(result.firstError()));
        assertEquals(1, points.size());
        Parsed p = points.get(0);
        assertEquals("weather", p.measurement());
        assertEquals(Map.of("location", "us-midwest", "season", "summer"), p.tags());
        assertEquals(82.5, p.fields().get("temperature"));
        assertEquals(71L, p.fields().get("humidity"));
        assertEquals(3L, p.fields().get("count"));
        assertEquals("warm day", p.fields().get("label"));
        assertEquals(true, p.fields().get("sunny"));
        assertEquals(false, p.fields().get("rain"));
        assertEquals(1465839830100400200L, p.time());
    }

    @Test
    void unescapesMeasurementTagsAndFieldKeysAsTheSpecSays() {
        LineProtocolParser.Result result = parse(
                "my\\ measure\\,ment,tag\\ key\\,x\\=y=tag\\ value\\,1\\=2 field\\ key\\,\\==\"say \\\"hi\\\" \\\\o/\" 1\n",
                Precision.NANOSECONDS);
        assertTrue(result.ok(), String.valueOf(result.firstError()));
        Parsed p = points.get(0);
        assertEquals("my measure,ment", p.measurement());
        assertEquals(Map.of("tag key,x=y", "tag value,1=2"), p.tags());
        assertEquals(Map.of("field key,=", "say \"hi\" \\o/"), p.fields());
    }

    @Test
    void keepsJmeterStyleUnescapedBackslashesAsWritten() {
        assertTrue(parse("jmeter,application=app,transaction=C:\\temp\\file count=1i 1\n", Precision.NANOSECONDS).ok());
        assertEquals("C:\\temp\\file", points.get(0).tags().get("transaction"));
    }

    @ParameterizedTest
    @CsvSource({"n,1", "ns,1", "u,1000", "us,1000", "ms,1000000", "s,1000000000", "m,60000000000", "h,3600000000000"})
    void timestampsAtEveryPrecisionBecomeNanoseconds(String precision, long nanosPerUnit) {
        Precision unit = Precision.parse(precision, false).orElseThrow();
        assertTrue(parse("m v=1 1700\n", unit).ok());
        assertEquals(1700L * nanosPerUnit, points.get(0).time());
    }

    @Test
    void v2AcceptsOnlyItsFourPrecisions() {
        for (String ok : List.of("ns", "us", "ms", "s")) {
            assertTrue(Precision.parse(ok, true).isPresent(), ok);
        }
        for (String refused : List.of("n", "u", "m", "h", "xs")) {
            assertTrue(Precision.parse(refused, true).isEmpty(), refused);
        }
        assertTrue(Precision.parse("xs", false).isEmpty());
    }

    @Test
    void aMissingTimestampIsTheReceiveTime() {
        assertTrue(parse("m v=1\nm v=2   \n", Precision.SECONDS).ok());
        assertEquals(NOW, points.get(0).time());
        assertEquals(NOW, points.get(1).time());
    }

    @Test
    void skipsCommentsBlankLinesAndAcceptsCrLf() {
        LineProtocolParser.Result result = parse("# a comment\n\n   \r\nm v=1 1\r\nm v=2 2", Precision.NANOSECONDS);
        assertTrue(result.ok());
        assertEquals(2, points.size());
        assertEquals(2L, points.get(1).time());
    }

    @Test
    void skipsNanAndInfFieldsAndIgnoresALineLeftWithoutFields() {
        LineProtocolParser.Result result = parse("m a=NaN,b=1.5,c=+Inf,d=-inf\nm only=NaN\n", Precision.NANOSECONDS);
        assertTrue(result.ok());
        assertEquals(1, result.points());
        assertEquals(1, result.skipped());
        assertEquals(Map.of("b", 1.5), points.get(0).fields());
    }

    @Test
    void parsesFloatsExactlyLikeJava() {
        for (String text : List.of("0", "-0.5", "1e3", "1.5E-7", "123456.789", "0.000123", "12345678901234567890.5",
                "3.141592653589793", "1.7976931348623157e308", "4.9e-324", "99.99999999999999999")) {
            assertTrue(parse("m v=" + text + "\n", Precision.NANOSECONDS).ok(), text);
            assertEquals(Double.parseDouble(text), points.get(0).fields().get("v"), text);
        }
    }

    @Test
    void dropsEmptyTagValuesAsInfluxClientsDo() {
        assertTrue(parse("http_reqs,group=,method=GET value=1 1\n", Precision.NANOSECONDS).ok());
        assertEquals(Map.of("method", "GET"), points.get(0).tags());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "m|missing fields",
            "m,t=1|missing fields",
            "m v|missing field value",
            "m v=|missing field value",
            "m =1|missing field key",
            "m,=x v=1|missing tag key",
            "m,t v=1|missing tag value",
            "m v=\"open|unbalanced quotes",
            "m v=12abc|invalid number",
            "m v=tru|invalid boolean",
            "m v=99999999999999999999i|invalid integer: out of range",
            "m v=-1u|invalid unsigned integer: negative",
            "m v=1 12x|bad timestamp",
            "m v=1 1 2|bad timestamp",
            ",t=1 v=1|missing measurement",
            "m v=\"a\"b|invalid field format"})
    void refusesBadLinesWithInfluxDbsMessage(String line, String reason) {
        LineProtocolParser.Result result = parse(line + "\n", Precision.NANOSECONDS);
        assertFalse(result.ok());
        assertEquals("unable to parse '" + line + "': " + reason, result.firstError());
    }

    @Test
    void keepsTheValidLinesOfABatchWithBadOnes() {
        LineProtocolParser.Result result = parse("m v=1 1\nbroken\nm v=2 2\nalso broken\n", Precision.NANOSECONDS);
        assertEquals(2, result.points());
        assertEquals(2, result.errors());
        assertEquals("unable to parse 'broken': missing fields (and 1 more bad lines)", result.errorMessage());
        assertEquals(2, points.size());
    }

    @Test
    void refusesAHugeLineWithoutQuotingAllOfIt() {
        String megabyteTag = "x".repeat(1024 * 1024);
        LineProtocolParser.Result result = parse("m,t=" + megabyteTag + " v=1 1\nm v=1 1\n", Precision.NANOSECONDS);
        assertEquals(1, result.points());
        assertTrue(result.firstError().endsWith("': line too long: " + (1024 * 1024 + 10) + " bytes, at most 65536"), result.firstError());
        assertTrue(result.firstError().length() < 300);
    }

    @Test
    void refusesBinaryGarbageWithPrintableErrors() {
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        LineProtocolParser.Result result = parse(garbage, Precision.NANOSECONDS);
        assertTrue(result.errors() > 0);
        assertTrue(result.firstError().chars().noneMatch(c -> c < 0x20), result.firstError());
    }

    @Test
    void refusesTooManyTagsOrFields() {
        StringBuilder tags = new StringBuilder("m");
        for (int i = 0; i <= LineProtocolParser.MAX_TAGS; i++) {
            tags.append(",t").append(i).append("=v");
        }
        assertEquals("too many tags: at most 256", reason(parse(tags + " v=1\n", Precision.NANOSECONDS)));
        StringBuilder fields = new StringBuilder("m ");
        for (int i = 0; i <= LineProtocolParser.MAX_FIELDS; i++) {
            fields.append(i == 0 ? "" : ",").append("f").append(i).append("=1");
        }
        assertEquals("too many fields: at most 256", reason(parse(fields + "\n", Precision.NANOSECONDS)));
    }

    private static String reason(LineProtocolParser.Result result) {
        return result.firstError().substring(result.firstError().lastIndexOf("': ") + 3);
    }

    @Test
    void parsesMillionsOfDistinctSeriesInBoundedMemory() {
        // 1,000,000 lines, every one a new series: the parser keeps nothing per series.
        StringBuilder body = new StringBuilder(60 * 1_000_000);
        for (int i = 0; i < 1_000_000; i++) {
            body.append("cpu,host=h").append(i).append(",region=r").append(i % 97).append(" v=").append(i).append("i ").append(i).append('\n');
        }
        byte[] bytes = body.toString().getBytes(StandardCharsets.US_ASCII);
        body.setLength(0);
        long[] sum = {0};
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long before = runtime.totalMemory() - runtime.freeMemory();
        LineProtocolParser.Result result = new LineProtocolParser().parse(bytes, bytes.length, Precision.NANOSECONDS, NOW,
                point -> sum[0] += (long) point.number("v"));
        assertEquals(1_000_000, result.points());
        assertEquals(499_999_500_000L, sum[0]);
        System.gc();
        long after = runtime.totalMemory() - runtime.freeMemory();
        assertTrue(after - before < 16 * 1024 * 1024, "parser retained " + (after - before) + " bytes");
    }

    @Test
    void nullReturnsForAbsentTagsAndFields() {
        assertTrue(parse("m,a=1 v=\"s\" 1\n", Precision.NANOSECONDS).ok());
        assertNull(points.get(0).tags().get("b"));
    }
}
