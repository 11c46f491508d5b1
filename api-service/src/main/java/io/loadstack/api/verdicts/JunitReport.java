package io.loadstack.api.verdicts;

import jakarta.inject.Singleton;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * A verdict as JUnit XML, the format Jenkins, GitLab and GitHub Actions read: one test suite for the run,
 * one test case per criterion and per regression (and one for "no regressions" when there is a baseline and
 * none was found). A failed one has a {@code <failure>}; one not decided yet (the run is still running) is
 * {@code <skipped>}. Written with the JDK's XML writer, which escapes; characters XML cannot hold at all
 * (control characters, lone surrogates) become U+FFFD first.
 */
@Singleton
public class JunitReport {

    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    public String of(VerdictViews.Verdict verdict) {
        List<VerdictViews.Criterion> criteria = verdict.criteria();
        List<VerdictViews.Regression> regressions = verdict.regressions();
        boolean cleanAgainstBaseline = verdict.baseline() != null && regressions.isEmpty() && !"RUNNING".equals(verdict.status());
        int tests = criteria.size() + regressions.size() + (cleanAgainstBaseline ? 1 : 0);
        long failures = criteria.stream().filter(c -> Boolean.FALSE.equals(c.passed())).count() + regressions.size();
        long skipped = criteria.stream().filter(c -> c.passed() == null).count();
        String suite = "loadstack." + verdict.test();
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XML.createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            attribute(xml, "name", "loadstack");
            attribute(xml, "tests", Integer.toString(tests));
            attribute(xml, "failures", Long.toString(failures));
            attribute(xml, "errors", "0");
            attribute(xml, "skipped", Long.toString(skipped));
            xml.writeCharacters("\n  ");
            xml.writeStartElement("testsuite");
            attribute(xml, "name", suite);
            attribute(xml, "tests", Integer.toString(tests));
            attribute(xml, "failures", Long.toString(failures));
            attribute(xml, "errors", "0");
            attribute(xml, "skipped", Long.toString(skipped));
            attribute(xml, "timestamp", verdict.evaluatedAt().toString());
            xml.writeCharacters("\n    ");
            xml.writeStartElement("properties");
            property(xml, "run", verdict.run());
            property(xml, "test", verdict.test());
            property(xml, "status", verdict.status());
            property(xml, "verdict", verdict.verdict().name());
            if (verdict.baseline() != null) {
                property(xml, "baseline", verdict.baseline().uuid());
            }
            xml.writeCharacters("\n    ");
            xml.writeEndElement();
            for (VerdictViews.Criterion criterion : criteria) {
                testCase(xml, suite + ".thresholds", criterion.expression() + " (" + criterion.source() + ")",
                        criterion.passed(), criterion.detail(), "threshold");
            }
            for (VerdictViews.Regression regression : regressions) {
                String where = regression.method().isEmpty() && regression.name().isEmpty()
                        ? "whole run" : regression.method() + " " + regression.name();
                testCase(xml, suite + ".regressions", where + ": " + regression.metric(), false, regression.detail(), "regression");
            }
            if (cleanAgainstBaseline) {
                testCase(xml, suite + ".regressions", "no regression against baseline " + verdict.baseline().uuid(), true,
                        "", "regression");
            }
            xml.writeCharacters("\n  ");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing the JUnit XML of run " + verdict.run(), e);
        }
        return out.toString();
    }

    private static void testCase(XMLStreamWriter xml, String className, String name, Boolean passed, String detail,
                                 String type) throws XMLStreamException {
        xml.writeCharacters("\n    ");
        boolean empty = Boolean.TRUE.equals(passed);
        if (empty) {
            xml.writeEmptyElement("testcase");
        } else {
            xml.writeStartElement("testcase");
        }
        attribute(xml, "classname", className);
        attribute(xml, "name", name);
        attribute(xml, "time", "0");
        if (empty) {
            return;
        }
        xml.writeCharacters("\n      ");
        if (passed == null) {
            xml.writeEmptyElement("skipped");
            attribute(xml, "message", "not decided yet: " + detail);
        } else {
            xml.writeStartElement("failure");
            attribute(xml, "message", detail);
            attribute(xml, "type", type);
            xml.writeCharacters(clean(detail));
            xml.writeEndElement();
        }
        xml.writeCharacters("\n    ");
        xml.writeEndElement();
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeCharacters("\n      ");
        xml.writeEmptyElement("property");
        attribute(xml, "name", name);
        attribute(xml, "value", value);
    }

    private static void attribute(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeAttribute(name, clean(value));
    }

    /** The text with every character XML 1.0 cannot hold replaced by U+FFFD. */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int length = Character.charCount(c);
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF
                    || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000 && c <= 0x10FFFF;
            if (allowed) {
                out.appendCodePoint(c);
            } else {
                out.append('\uFFFD');
            }
            i += length;
        }
        return out.toString();
    }
}
