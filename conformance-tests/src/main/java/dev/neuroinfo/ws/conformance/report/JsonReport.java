package dev.neuroinfo.ws.conformance.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neuroinfo.ws.conformance.CaseResult;
import dev.neuroinfo.ws.conformance.Level;
import dev.neuroinfo.ws.conformance.SuiteRun;
import dev.neuroinfo.ws.conformance.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code conformance-report.json}: the run's target, summary and every case with its evidence. */
public final class JsonReport {
    /** The report's file name in the report directory. */
    public static final String FILE = "conformance-report.json";

    private JsonReport() {
    }

    public static Path write(SuiteRun run, Path dir) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("http", run.config().http().toString());
        root.put("ws", run.config().ws().toString());
        root.put("conforms", run.conforms());
        ObjectNode summary = root.putObject("summary");
        for (Level level : Level.values()) {
            ObjectNode counts = summary.putObject(level.name());
            for (Verdict v : Verdict.values()) {
                counts.put(v.name(), run.count(level, v));
            }
        }
        ArrayNode cases = root.putArray("cases");
        for (CaseResult r : run.results()) {
            ObjectNode c = cases.addObject();
            c.put("id", r.testCase().id());
            c.put("clause", r.testCase().clause());
            c.put("level", r.testCase().level().name());
            c.put("title", r.testCase().title());
            c.put("verdict", r.verdict().name());
            c.put("detail", r.detail());
            c.put("millis", r.millis());
            ArrayNode wire = c.putArray("wire");
            r.wire().forEach(wire::add);
        }
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE);
        mapper.writeValue(file.toFile(), root);
        return file;
    }
}
