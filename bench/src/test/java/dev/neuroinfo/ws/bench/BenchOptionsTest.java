package dev.neuroinfo.ws.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.ParameterException;

/** The bench's options: defaults, overrides, and a clear refusal of every bad value before a run starts. */
class BenchOptionsTest {
    private static final int MAX_CONNECTIONS = 60_000;

    @TempDir
    Path dir;
    private Path jar;
    private Path nginxConf;

    @BeforeEach
    void files() throws IOException {
        jar = Files.createFile(dir.resolve("server.jar"));
        nginxConf = Files.createFile(dir.resolve("nginx.conf"));
    }

    private BenchOptions parse(String... args) {
        List<String> all = new ArrayList<>(List.of("--server-jar", jar.toString(), "--nginx-conf", nginxConf.toString()));
        all.addAll(List.of(args));
        return BenchOptions.parse(all.toArray(String[]::new)).orElseThrow();
    }

    private String refusal(String... args) {
        ParameterException e = assertThrows(ParameterException.class, () -> parse(args).settings(MAX_CONNECTIONS));
        String usage = BenchOptions.usage(e);
        assertTrue(usage.startsWith(e.getMessage()) && usage.contains("Usage: bench/run.sh"), usage);
        return e.getMessage();
    }

    @Test
    void defaultsAreTheFullRunsScale() {
        BenchOptions options = parse();
        Settings settings = options.settings(MAX_CONNECTIONS);
        assertEquals(List.of(1_000, 5_000, 10_000, MAX_CONNECTIONS), settings.levels());
        assertEquals(List.of(1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0), settings.rates());
        assertEquals(5, settings.baseRate());
        assertEquals(10_000, settings.stepLevel());
        assertEquals(2_000, settings.churnTokens());
        assertEquals(5, settings.pinnedRepeats());
        assertEquals(1, settings.warmSteps());
        assertEquals(new Settings.AllCores(15_000, 1, 20, 3), settings.allCores());
        assertEquals(List.of("ours", "nchan"), options.targets);
        assertEquals("0", options.serverCpu);
        assertTrue(options.jmh);
        assertEquals(Path.of("docs/performance.md"), options.report);
    }

    @Test
    void givenValuesReplaceTheDefaultsAndTheLastOfARepeatedOptionWins() {
        BenchOptions options = parse("--targets", "ours", "--levels", "100, 200", "--rates", "1,5", "--step-level", "200",
                "--churn-seconds", "2.5", "--jmh", "false", "--server-cpu", "0", "--server-cpu", "1",
                "--jvm-options", "-Xlog:gc -Xmx1g");
        Settings settings = options.settings(MAX_CONNECTIONS);
        assertEquals(List.of("ours"), options.targets);
        assertEquals(List.of(100, 200), settings.levels());
        assertEquals(List.of(1.0, 5.0), settings.rates());
        assertEquals(2.5, settings.churnSeconds());
        assertFalse(options.jmh);
        assertEquals("1", options.serverCpu, "run.sh's --server-cpu comes first; the user's overrides it");
        assertEquals("-Xlog:gc -Xmx1g", options.jvmOptions);
    }

    @Test
    void helpIsPrintedInsteadOfARun() {
        assertTrue(BenchOptions.parse(new String[] {"--help"}).isEmpty());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "--churn-seconds|ten|--churn-seconds",
        "--pinned-repeats|2.5|--pinned-repeats",
        "--base-rate|five|--base-rate",
        "--jmh|yes|--jmh",
        "--churn-seconds|0|--churn-seconds must be a finite number above 0",
        "--step-seconds|Infinity|--step-seconds must be a finite number above 0",
        "--base-rate|NaN|--base-rate must be a finite number above 0",
        "--churn-threads|0|--churn-threads must be above 0",
        "--pinned-repeats|-1|--pinned-repeats must not be negative",
        "--churn-warmup-seconds|-3|--churn-warmup-seconds must be a finite number, not negative",
        "--levels|1000,500|--levels must increase",
        "--levels|max,1000|'max' can only be the last level",
        "--levels|100,lots|--levels: 'lots' is not a whole number",
        "--levels|0,100|--levels: each level must be above 0",
        "--rates|5,1|--rates must increase",
        "--rates|0,1|--rates: each rate must be a finite number above 0",
        "--targets|ours,centrifugo|unknown target 'centrifugo'",
        "--targets|nchan,nchan|'nchan' named twice",
        "--server-cpu|first|--server-cpu: a CPU number",
        "--server-jar|no-such.jar|--server-jar: no file no-such.jar",
        "--nginx-conf|no-such.conf|--nginx-conf: no file no-such.conf",
    })
    void aBadValueIsRefusedNamingItsOption(String option, String value, String expected) {
        String message = refusal(option, value);
        assertTrue(message.contains(expected), message);
    }

    @Test
    void anUnknownOptionOrAMissingValueIsRefused() {
        assertTrue(refusal("--churn-secs", "10").contains("--churn-secs"));
        assertTrue(refusal("--churn-seconds").contains("--churn-seconds"));
    }

    @Test
    void maxMustBeAboveTheLevelBeforeIt() {
        BenchOptions options = parse("--levels", "1000,max");
        assertEquals(List.of(1_000, 1_500), options.settings(1_500).levels());
        ParameterException e = assertThrows(ParameterException.class, () -> options.settings(900));
        assertTrue(e.getMessage().contains("'max' is 900 here"), e.getMessage());
    }

    @Test
    void aServerThatIsNotMeasuredNeedsNoFile() {
        BenchOptions options = BenchOptions.parse(new String[] {"--targets", "nchan", "--server-jar", "absent.jar",
                "--nginx-conf", nginxConf.toString()}).orElseThrow();
        assertEquals(List.of("nchan"), options.targets);
    }
}
