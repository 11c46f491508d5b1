package io.loadstack.api.plans;

import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Loadstack can tell about a main file before an agent loads it: a .jmx is well-formed XML whose root is
 * {@code jmeterTestPlan}; a locustfile is UTF-8 text. Python syntax is checked on the agent, which imports it.
 */
final class MainFileCheck {

    private static final String JMETER_ROOT = "jmeterTestPlan";

    private MainFileCheck() {
    }

    /** @throws InvalidMainFileException saying what is wrong, without echoing the file's content */
    static void check(Generator generator, String name, Path content) {
        switch (generator) {
            case JMETER -> jmeterTestPlan(name, content);
            case LOCUST -> utf8Text(name, content);
        }
    }

    /**
     * JMeter never writes a DOCTYPE, so none is accepted: that refuses external entities, external DTDs and
     * entity expansion (XXE, billion laughs) before the parser reads a single declaration.
     */
    private static void jmeterTestPlan(String name, Path content) {
        String[] root = new String[1];
        try (InputStream in = Files.newInputStream(content)) {
            parser().parse(in, new DefaultHandler() {
                @Override
                public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
                    if (root[0] == null) {
                        root[0] = qName;
                        if (!JMETER_ROOT.equals(qName)) {
                            throw new SAXException("its root element is <" + shorten(qName) + ">, not <" + JMETER_ROOT + ">");
                        }
                    }
                }
            });
        } catch (SAXParseException e) {
            throw new InvalidMainFileException(name + " is not a JMeter test plan: " + reason(e)
                    + " (line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ")");
        } catch (SAXException e) {
            throw new InvalidMainFileException(name + " is not a JMeter test plan: " + reason(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SAXParser parser() {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(false);
            factory.setValidating(false);
            factory.setXIncludeAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            SAXParser parser = factory.newSAXParser();
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return parser;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a safety feature", e);
        }
    }

    private static String reason(SAXException e) {
        String message = e.getMessage() == null ? "not well-formed XML" : e.getMessage();
        if (message.contains("DOCTYPE")) {
            return "it declares a DOCTYPE, which JMeter never writes and Loadstack does not accept";
        }
        return shorten(message);
    }

    private static void utf8Text(String name, Path content) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            decoder.decode(ByteBuffer.wrap(Files.readAllBytes(content)));
        } catch (CharacterCodingException e) {
            throw new InvalidMainFileException(name + " is not a locustfile: it is not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String shorten(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
