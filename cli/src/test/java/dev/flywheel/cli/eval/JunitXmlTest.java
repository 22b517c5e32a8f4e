package dev.flywheel.cli.eval;

import static dev.flywheel.cli.eval.Fixtures.assertion;
import static dev.flywheel.cli.eval.Fixtures.evalCase;
import static dev.flywheel.cli.eval.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The JUnit XML parsed back with a real XML parser, checked against the Ant/Jenkins shape CI systems read. */
class JunitXmlTest {

    private static Document parse(EvalReport report) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JunitXml.write(report, out);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(out.toByteArray()));
    }

    private static EvalReport report() {
        List<CaseResult> results = List.of(
                PassRules.judge(evalCase(0, "Prompt A", "echo", "passes", null, assertion("contains", null)),
                        run("completed", "fine", "assert-1-contains", 1.0)),
                PassRules.judge(evalCase(1, "Prompt A", "echo", "fails <&\">", null, assertion("contains", null)),
                        run("completed", "bad \u0001 output", "assert-1-contains", 0.0)),
                PassRules.judge(evalCase(2, "Prompt A", "openai", "errors", null, assertion("contains", null)),
                        run("failed", null)),
                PassRules.judge(evalCase(3, "Prompt B", "openai", "passes too", null), run("completed", "ok")));
        return new EvalReport(UUID.randomUUID(), "capitals", Instant.parse("2026-11-29T10:00:00Z"),
                Duration.ofMillis(1500), results);
    }

    @Test
    void theDocumentHasTestsuitesOfTestsuitePerPromptAndProviderWithCounts() throws Exception {
        Element root = parse(report()).getDocumentElement();

        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertThat(root.getAttribute("name")).isEqualTo("capitals");
        assertThat(root.getAttribute("tests")).isEqualTo("4");
        assertThat(root.getAttribute("failures")).isEqualTo("1");
        assertThat(root.getAttribute("errors")).isEqualTo("1");
        assertThat(root.getAttribute("time")).isEqualTo("1.500");
        NodeList suites = root.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).isEqualTo(3);
        Element first = (Element) suites.item(0);
        assertThat(first.getAttribute("name")).isEqualTo("Prompt A × echo");
        assertThat(first.getAttribute("tests")).isEqualTo("2");
        assertThat(first.getAttribute("failures")).isEqualTo("1");
        assertThat(first.getAttribute("errors")).isEqualTo("0");
        assertThat(first.getAttribute("skipped")).isEqualTo("0");
        assertThat(first.getAttribute("timestamp")).isEqualTo("2026-11-29T10:00:00");
        assertThat(first.getParentNode()).isSameAs(root);
        Element second = (Element) suites.item(1);
        assertThat(second.getAttribute("errors")).isEqualTo("1");
    }

    @Test
    void eachCaseIsATestcaseWithFailureOrErrorChildren() throws Exception {
        NodeList cases = parse(report()).getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(4);

        Element passed = (Element) cases.item(0);
        assertThat(passed.getAttribute("name")).isEqualTo("passes");
        assertThat(passed.getAttribute("classname")).isEqualTo("Prompt A × echo");
        assertThat(passed.getAttribute("time")).isEqualTo("0.052");
        assertThat(passed.getElementsByTagName("failure").getLength()).isZero();
        assertThat(passed.getElementsByTagName("error").getLength()).isZero();

        Element failed = (Element) cases.item(1);
        assertThat(failed.getAttribute("name")).isEqualTo("fails <&\">");
        Element failure = (Element) failed.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).contains("contains scored 0.00");
        assertThat(failure.getAttribute("type")).isEqualTo("AssertionFailure");
        assertThat(failure.getTextContent()).contains("FAIL contains (c.yaml:3)");
        assertThat(failed.getElementsByTagName("system-out").item(0).getTextContent()).isEqualTo("bad  output");

        Element errored = (Element) cases.item(2);
        Element error = (Element) errored.getElementsByTagName("error").item(0);
        assertThat(error.getAttribute("type")).isEqualTo("RunError");
        assertThat(error.getAttribute("message")).contains("run failed");
        assertThat(errored.getElementsByTagName("failure").getLength()).isZero();
    }
}
