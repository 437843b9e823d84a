package dev.neuroinfo.ws.server.cli;

import dev.neuroinfo.ws.server.config.ServerConfig;
import dev.neuroinfo.ws.server.config.Setting;
import dev.neuroinfo.ws.server.config.SettingSource;
import dev.neuroinfo.ws.server.config.SettingsReader;
import dev.neuroinfo.ws.server.embedded.EmbeddedServer;
import dev.neuroinfo.ws.server.logging.LogSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * Runs the embedded server until SIGTERM or Ctrl-C. Every option has a {@code NEUROINFO_*}
 * environment variable; the server's settings are the {@link Setting} catalogue's, which the WAR
 * reads too, and only logging and the demo are this command's own.
 */
@Command(name = "run", mixinStandardHelpOptions = true, modelTransformer = RunCommand.SettingOptions.class,
        description = "Run the server: HTTP API on PORT, WebSocket on PORT+1.")
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;

    /** The command as the launcher runs it, reading the process's environment. */
    public RunCommand() {
        this(System.getenv());
    }

    /** The command reading settings that no flag gives from {@code environment}. */
    RunCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Option(names = "--log-format", defaultValue = "${env:NEUROINFO_LOG_FORMAT:-text}",
            description = "text or json: one JSON object per log line (env NEUROINFO_LOG_FORMAT, default ${DEFAULT-VALUE}).")
    String logFormat;

    @Option(names = "--log-connections", defaultValue = "${env:NEUROINFO_LOG_CONNECTIONS:-false}",
            description = "Log one line per refused handshake and per closed connection: user, client address, reason "
                    + "(env NEUROINFO_LOG_CONNECTIONS).")
    boolean logConnections;

    @Option(names = "--demo", defaultValue = "${env:NEUROINFO_DEMO:-false}",
            description = "Also publish realistic sample events every few seconds (env NEUROINFO_DEMO).")
    boolean demo;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ServerConfig config;
        try {
            config = SettingsReader.read(givenSettings()).build();
            LogSettings.apply(logFormat, logConnections);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        EmbeddedServer server;
        try {
            server = EmbeddedServer.start(config);
        } catch (IOException e) {
            // the message says what is wrong and what to do (data directory in use, port taken, Redis away)
            spec.commandLine().getErr().println("Error: " + e.getMessage());
            return Cli.FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        DemoPublisher demoPublisher = demo ? new DemoPublisher(server::publish) : null;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (demoPublisher != null) {
                demoPublisher.close();
            }
            server.close();
            stopped.countDown();
        }, "neuroinfo-shutdown"));
        new StartBanner(server, config).print(out);
        out.flush();
        stopped.await();
        return 0;
    }

    /** Each setting as its flag gives it, else as its environment variable does. */
    private SettingSource givenSettings() {
        ParseResult parsed = spec.commandLine().getParseResult();
        return setting -> {
            OptionSpec option = parsed.matchedOption(setting.flag());
            if (option != null) {
                return new SettingSource.Given(setting.flag(), option.getValue());
            }
            String value = environment.get(setting.variable());
            return value == null ? null : new SettingSource.Given(setting.variable(), value);
        };
    }

    /**
     * One option for each {@link Setting}, named, described and defaulted there, so that the flags
     * and the WAR's context parameters name the same settings.
     */
    public static final class SettingOptions implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec command) {
            for (Setting setting : Setting.values()) {
                String defaultText = setting.defaultText();
                OptionSpec.Builder option = OptionSpec.builder(setting.flag())
                        .type(String.class)
                        .paramLabel(setting.label())
                        .description(setting.description() + " (env " + setting.variable()
                                + (defaultText == null ? "" : ", default " + defaultText) + ").");
                if (setting.kind() == Setting.Kind.BOOLEAN) {
                    // a bare flag switches it on, as before; --flag=false is also understood
                    option.arity("0..1").fallbackValue("true");
                }
                command.addOption(option.build());
            }
            return command;
        }
    }
}
