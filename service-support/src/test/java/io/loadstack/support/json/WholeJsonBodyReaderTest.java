package io.loadstack.support.json;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.io.buffer.ByteBufferFactory;
import io.micronaut.core.type.Argument;
import io.micronaut.http.MediaType;
import io.micronaut.http.body.MessageBodyHandlerRegistry;
import io.micronaut.http.body.MessageBodyReader;
import io.micronaut.http.codec.CodecException;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JSON body reader every service gets: one JSON value per body, nothing after it but whitespace. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WholeJsonBodyReaderTest {

    private static final Argument<Map<String, Object>> MAP = Argument.mapOf(String.class, Object.class);

    private ApplicationContext context;
    private MessageBodyReader<Map<String, Object>> reader;

    @BeforeAll
    void start() {
        context = ApplicationContext.run(Map.of("loadstack.jwt.secret", "a-test-secret-that-is-long-enough-for-hs256-0123"));
        reader = context.getBean(MessageBodyHandlerRegistry.class)
                .findReader(MAP, List.of(MediaType.APPLICATION_JSON_TYPE)).orElseThrow();
    }

    @AfterAll
    void stop() {
        context.close();
    }

    private Map<String, Object> readBuffer(String body) {
        var buffer = context.getBean(ByteBufferFactory.class).wrap(body.getBytes(StandardCharsets.UTF_8));
        return reader.read(MAP, MediaType.APPLICATION_JSON_TYPE, null, buffer);
    }

    private Map<String, Object> readStream(String body) {
        return reader.read(MAP, MediaType.APPLICATION_JSON_TYPE, null, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}{}{}", "{\"a\":1} {\"a\":2}", "{\"a\":1} 5", "{\"a\":1}]", "{\"a\":1}}", "{\"a\":1} x", "{\"a\":[1]} \"s\""})
    void contentAfterTheJsonValueIsRefused(String body) {
        assertInstanceOf(WholeJsonBodyReader.class, reader, "the JSON reader that comes first");
        CodecException buffered = assertThrows(CodecException.class, () -> readBuffer(body), body);
        // A second value is named as such; a stray token is already one of Jackson's syntax errors.
        assertTrue(buffered.getMessage().contains("after the JSON value") || !body.startsWith("{}"), buffered.getMessage());
        assertThrows(CodecException.class, () -> readStream(body), body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1}", "{\"a\":1}\n", "  {\"a\":1} \r\n\t ", "{\"a\":{\"b\":[1,{\"c\":2}]}}"})
    void oneJsonValueWithWhitespaceAroundIsRead(String body) {
        assertEquals(1, readBuffer(body).size(), body);
        assertEquals(1, readStream(body).size(), body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,2] 3", "5 6", "\"a\" \"b\"", "null {}"})
    void anyJsonValueMayBeFollowedByNothing(String body) {
        Argument<JsonNode> node = Argument.of(JsonNode.class);
        MessageBodyReader<JsonNode> nodeReader = context.getBean(MessageBodyHandlerRegistry.class)
                .findReader(node, List.of(MediaType.APPLICATION_JSON_TYPE)).orElseThrow();
        assertThrows(CodecException.class, () -> nodeReader.read(node, MediaType.APPLICATION_JSON_TYPE, null,
                new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))), body);
        String single = body.substring(0, body.indexOf(' '));
        nodeReader.read(node, MediaType.APPLICATION_JSON_TYPE, null, new ByteArrayInputStream(single.getBytes(StandardCharsets.UTF_8)));
    }
}
