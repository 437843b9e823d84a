package dev.neuroinfo.ws.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.server.config.Setting;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The run command's flags come from the settings catalogue and are checked by it; each refusal
 * ends the command before any server starts. (Runs that start a server are ProcessTest's.)
 */
class RunCommandTest {
    /** Exit code and standard error of {@code run args} in an environment. */
    private record Run(int exitCode, String err) {
    }

    private static Run run(Map<String, String> environment, String... args) {
        StringWriter err = new StringWriter();
        // bounded: a value wrongly accepted would start a server that runs until stopped
        int exitCode = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> new CommandLine(new RunCommand(environment))
                .setErr(new PrintWriter(err)).execute(args));
        return new Run(exitCode, err.toString());
    }

    @Test
    void aMalformedFlagIsRefusedNamingTheFlag() {
        Run run = run(Map.of(), "--max-connections", "0");
        assertEquals(CommandLine.ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("--max-connections must be a positive integer, was '0'"), run.err());
    }

    @Test
    void aMalformedVariableIsRefusedNamingTheVariable() {
        Run run = run(Map.of("NEUROINFO_PORT", "65535"));
        assertEquals(CommandLine.ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("NEUROINFO_PORT must be a port from 1 to 65534"), run.err());
    }

    @Test
    void theFlagWinsOverTheVariable() {
        // the history age is read last, so its refusal shows that the bad variable was never read
        Run run = run(Map.of("NEUROINFO_MAX_CONNECTIONS", "none"), "--max-connections", "3", "--history-age", "0");
        assertTrue(run.err().contains("--history-age must be a positive number of seconds, was '0'"), run.err());
    }

    @Test
    void aBooleanFlagStandsAloneOrTakesTrueOrFalse() {
        Run bare = run(Map.of(), "--inband-auth", "--history-age", "0");
        assertTrue(bare.err().contains("--history-age must be"), bare.err());
        Run overriding = run(Map.of("NEUROINFO_RECOVERY", "maybe"), "--recovery=false", "--history-age", "0");
        assertTrue(overriding.err().contains("--history-age must be"), overriding.err());
        Run bad = run(Map.of(), "--recovery=maybe");
        assertEquals(CommandLine.ExitCode.USAGE, bad.exitCode());
        assertTrue(bad.err().contains("--recovery must be true or false, was 'maybe'"), bad.err());
    }

    @Test
    void everySettingIsAnOptionNamingItsVariableAndDefault() {
        CommandLine.Model.CommandSpec spec = new CommandLine(new RunCommand(Map.of())).getCommandSpec();
        for (Setting setting : Setting.values()) {
            CommandLine.Model.OptionSpec option = spec.findOption(setting.flag());
            assertTrue(option != null, setting.flag());
            assertTrue(String.join(" ", option.description()).contains("(env " + setting.variable()), setting.flag());
        }
        assertTrue(String.join(" ", spec.findOption("--max-connections").description())
                .endsWith("(env NEUROINFO_MAX_CONNECTIONS, default 5)."));
    }
}
