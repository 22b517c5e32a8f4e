package dev.flywheel.cli.eval;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The results as Ant/Jenkins JUnit XML, the format CI systems read: {@code <testsuites>} of one
 * {@code <testsuite>} per prompt × provider, one {@code <testcase>} per test (and repeat), a
 * {@code <failure>} when an assertion failed and an {@code <error>} when the run did not complete.
 */
public final class JunitXml {

    private JunitXml() {
    }

    public static void write(EvalReport report, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(report, out);
        }
    }

    public static void write(EvalReport report, OutputStream out) throws IOException {
        Map<String, List<CaseResult>> suites = new LinkedHashMap<>();
        for (CaseResult result : report.results()) {
            suites.computeIfAbsent(result.evalCase().prompt() + " × " + result.evalCase().provider(),
                    key -> new java.util.ArrayList<>()).add(result);
        }
        try {
            XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", clean(report.description()));
            xml.writeAttribute("tests", String.valueOf(report.results().size()));
            xml.writeAttribute("failures", String.valueOf(report.failed()));
            xml.writeAttribute("errors", String.valueOf(report.errors()));
            xml.writeAttribute("time", seconds(report.elapsed().toMillis()));
            int id = 0;
            for (Map.Entry<String, List<CaseResult>> suite : suites.entrySet()) {
                List<CaseResult> cases = suite.getValue();
                xml.writeCharacters("\n  ");
                xml.writeStartElement("testsuite");
                xml.writeAttribute("name", clean(suite.getKey()));
                xml.writeAttribute("id", String.valueOf(id++));
                xml.writeAttribute("package", "flywheel");
                xml.writeAttribute("tests", String.valueOf(cases.size()));
                xml.writeAttribute("failures", count(cases, CaseResult.Outcome.FAIL));
                xml.writeAttribute("errors", count(cases, CaseResult.Outcome.ERROR));
                xml.writeAttribute("skipped", "0");
                xml.writeAttribute("time", seconds(cases.stream().mapToLong(r -> r.latencyMs() == null ? 0 : r.latencyMs()).sum()));
                xml.writeAttribute("timestamp", DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                        report.startedAt().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)));
                xml.writeAttribute("hostname", hostname());
                for (CaseResult result : cases) {
                    testcase(xml, suite.getKey(), result);
                }
                xml.writeCharacters("\n  ");
                xml.writeEndElement();
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
        }
    }

    private static void testcase(XMLStreamWriter xml, String suite, CaseResult result) throws XMLStreamException {
        EvalCase c = result.evalCase();
        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", clean(suite));
        xml.writeAttribute("name", clean(c.testName() + (c.repeat() > 0 ? " (repeat " + c.repeat() + ")" : "")));
        xml.writeAttribute("time", seconds(result.latencyMs() == null ? 0 : result.latencyMs()));
        if (result.outcome() != CaseResult.Outcome.PASS) {
            boolean error = result.outcome() == CaseResult.Outcome.ERROR;
            xml.writeCharacters("\n      ");
            xml.writeStartElement(error ? "error" : "failure");
            xml.writeAttribute("message", clean(ResultsTable.reasons(result)));
            xml.writeAttribute("type", error ? "RunError" : "AssertionFailure");
            xml.writeCharacters(clean(details(result)));
            xml.writeEndElement();
        }
        if (result.output() != null) {
            xml.writeCharacters("\n      ");
            xml.writeStartElement("system-out");
            xml.writeCharacters(clean(result.output()));
            xml.writeEndElement();
        }
        xml.writeCharacters("\n    ");
        xml.writeEndElement();
    }

    private static String details(CaseResult result) {
        StringBuilder text = new StringBuilder("run " + result.runId() + "\n");
        for (CaseResult.AssertionResult assertion : result.assertions()) {
            text.append(assertion.pass() ? "PASS " : "FAIL ").append(assertion.assertion().type()).append(" (")
                    .append(assertion.assertion().file() == null ? "" : assertion.assertion().file() + ":")
                    .append(assertion.assertion().line()).append(") score ")
                    .append(assertion.score() == null ? "-" : String.format(Locale.ROOT, "%.2f", assertion.score()))
                    .append(" / ").append(String.format(Locale.ROOT, "%.2f", assertion.threshold())).append('\n');
        }
        return text.toString();
    }

    private static String count(List<CaseResult> cases, CaseResult.Outcome outcome) {
        return String.valueOf(cases.stream().filter(r -> r.outcome() == outcome).count());
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    /** XML 1.0 cannot carry most control characters at all, escaped or not: they are dropped. */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(cp -> cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFFFD) || cp >= 0x10000).forEach(out::appendCodePoint);
        return out.toString();
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
