package dev.neuroinfo.ws.conformance.report;

import dev.neuroinfo.ws.conformance.CaseResult;
import dev.neuroinfo.ws.conformance.Level;
import dev.neuroinfo.ws.conformance.SuiteRun;
import dev.neuroinfo.ws.conformance.Verdict;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code TEST-neuroinfo-conformance.xml} in the common JUnit XML shape CI servers read: one
 * testsuite per level, so SHOULD failures show apart from MUST ones; SKIP and N/A are skipped.
 */
public final class JUnitXmlReport {
    /** The report's file name in the report directory. */
    public static final String FILE = "TEST-neuroinfo-conformance.xml";

    private JUnitXmlReport() {
    }

    public static Path write(SuiteRun run, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE);
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(writer);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("testsuites");
            for (Level level : Level.values()) {
                List<CaseResult> results = run.results().stream().filter(r -> r.testCase().level() == level).toList();
                xml.writeStartElement("testsuite");
                xml.writeAttribute("name", "neuroinfo-conformance." + level);
                xml.writeAttribute("tests", String.valueOf(results.size()));
                xml.writeAttribute("failures", String.valueOf(run.count(level, Verdict.FAIL)));
                xml.writeAttribute("skipped", String.valueOf(run.count(level, Verdict.SKIP) + run.count(level, Verdict.NA)));
                xml.writeAttribute("errors", "0");
                for (CaseResult r : results) {
                    writeCase(xml, level, r);
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("could not write " + file, e);
        }
        return file;
    }

    private static void writeCase(XMLStreamWriter xml, Level level, CaseResult r) throws XMLStreamException {
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", "neuroinfo-conformance." + level + "." + r.testCase().clause());
        xml.writeAttribute("name", r.testCase().id() + " " + r.testCase().title());
        xml.writeAttribute("time", String.format(java.util.Locale.ROOT, "%.3f", r.millis() / 1000.0));
        switch (r.verdict()) {
            case FAIL -> {
                xml.writeStartElement("failure");
                xml.writeAttribute("message", r.detail().lines().findFirst().orElse(""));
                xml.writeCharacters(r.detail() + "\n\nwire:\n" + String.join("\n", r.wire()));
                xml.writeEndElement();
            }
            case SKIP, NA -> {
                xml.writeStartElement("skipped");
                xml.writeAttribute("message", r.verdict() + ": " + r.detail());
                xml.writeEndElement();
            }
            default -> {
            }
        }
        xml.writeEndElement();
    }
}
