package io.loadstack.support.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.io.buffer.ByteBuffer;
import io.micronaut.core.io.buffer.ReferenceCounted;
import io.micronaut.core.type.Argument;
import io.micronaut.core.type.Headers;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.body.MessageBodyReader;
import io.micronaut.http.codec.CodecException;
import io.micronaut.jackson.core.parser.JacksonCoreParserFactory;
import io.micronaut.json.body.JsonMessageHandler;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import io.micronaut.serde.LimitingStream;
import io.micronaut.serde.SerdeRegistry;
import io.micronaut.serde.config.SerdeConfiguration;
import io.micronaut.serde.jackson.JacksonDecoder;
import io.micronaut.serde.jackson.SerdeJacksonConfiguration;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a JSON request body as Micronaut's own reader does, and refuses a body with anything but
 * whitespace after its JSON value ({@code {}{}{}}, two bodies pasted together): Micronaut serde stops at the
 * end of the first value and has no setting like Jackson's {@code FAIL_ON_TRAILING_TOKENS}. Ordered before
 * {@link JsonMessageHandler}, so every JSON body of every service comes through here; the value is parsed
 * once, in the same pass that looks for what follows it. The exception becomes a 400 like any other
 * malformed body.
 */
@Singleton
@Order(JsonMessageHandler.ORDER - 1)
@Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_JSON, MediaType.APPLICATION_HAL_JSON,
        MediaType.APPLICATION_JSON_GITHUB, MediaType.APPLICATION_JSON_FEED, MediaType.APPLICATION_JSON_PROBLEM,
        MediaType.APPLICATION_JSON_PATCH, MediaType.APPLICATION_JSON_MERGE_PATCH, MediaType.APPLICATION_JSON_SCHEMA})
public final class WholeJsonBodyReader<T> implements MessageBodyReader<T> {

    private final SerdeJacksonConfiguration jackson;
    /** One for all requests, as Micronaut's mapper keeps one: it caches the deserializers it finds. */
    private final Deserializer.DecoderContext context;
    private final LimitingStream.RemainingLimits limits;
    private final JsonFactory factory;

    public WholeJsonBodyReader(SerdeRegistry registry, SerdeConfiguration serde, SerdeJacksonConfiguration jackson) {
        this.context = registry.newDecoderContext(null);
        this.jackson = jackson;
        this.limits = LimitingStream.limitsFromConfiguration(serde);
        var builder = JsonFactory.builder();
        jackson.getFactoryFeatures().forEach(builder::configure);
        jackson.getReadFeatures().forEach(builder::configure);
        this.factory = builder.build();
    }

    @Override
    public boolean isReadable(Argument<T> type, MediaType mediaType) {
        return mediaType != null && MediaType.EXTENSION_JSON.equals(mediaType.getExtension());
    }

    @Override
    public T read(Argument<T> type, MediaType mediaType, Headers httpHeaders, ByteBuffer<?> byteBuffer) throws CodecException {
        T value;
        try (JsonParser parser = JacksonCoreParserFactory.createJsonParser(factory, byteBuffer)) {
            value = readWhole(type, parser);
        } catch (IOException e) {
            throw malformed(type, e);
        }
        // As Micronaut's reader: the buffer is ours to release once read; after a failure the caller's.
        if (byteBuffer instanceof ReferenceCounted counted) {
            counted.release();
        }
        return value;
    }

    @Override
    public T read(Argument<T> type, MediaType mediaType, Headers httpHeaders, InputStream inputStream) throws CodecException {
        try (JsonParser parser = factory.createParser(inputStream)) {
            return readWhole(type, parser);
        } catch (IOException e) {
            throw malformed(type, e);
        }
    }

    private T readWhole(Argument<T> type, JsonParser parser) throws IOException {
        jackson.getParserFeatures().forEach(parser::configure);
        Deserializer<? extends T> deserializer = context.findDeserializer(type).createSpecific(context, type);
        Decoder decoder = JacksonDecoder.create(parser, limits);
        T value = deserializer.deserializeNullable(decoder, context, type);
        JsonToken next = parser.nextToken();
        if (next != null) {
            throw new CodecException("content after the JSON value, at line "
                    + parser.currentLocation().getLineNr() + ", column " + parser.currentLocation().getColumnNr()
                    + " (send one JSON value per request)");
        }
        return value;
    }

    private static CodecException malformed(Argument<?> type, IOException e) {
        return new CodecException("Error decoding JSON stream for type [" + type.getName() + "]: " + e.getMessage(), e);
    }
}
