package dev.neuroinfo.ws.server.cli;

import dev.neuroinfo.ws.server.ServerCore;
import dev.neuroinfo.ws.server.config.Setting;
import dev.neuroinfo.ws.server.config.SettingSource;
import dev.neuroinfo.ws.server.config.SettingsReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options every admin command shares: where the server is and which admin token to use. The
 * token comes from {@code --admin-token}, else {@code NEUROINFO_ADMIN_TOKEN}, else the
 * {@code admin.token} file the server wrote into its data directory on first start. That
 * directory is the server's own setting ({@link Setting#DATA_DIR}): the same flag, variable,
 * default and check as {@code run} has.
 */
@Command(modelTransformer = AdminConnection.DataDirOption.class)
final class AdminConnection {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--http", defaultValue = "${env:NEUROINFO_HTTP:-http://127.0.0.1:8080}",
            description = "Base URL of the server's HTTP API (env NEUROINFO_HTTP, default ${DEFAULT-VALUE}).")
    String http;

    @Option(names = "--admin-token", defaultValue = "${env:NEUROINFO_ADMIN_TOKEN}",
            description = "Admin token (env NEUROINFO_ADMIN_TOKEN; default: read DIR/"
                    + ServerCore.ADMIN_TOKEN_FILE + ", DIR the data directory).")
    String adminToken;

    /** An admin API client for these options. */
    AdminClient client() throws CliException {
        return new AdminClient(http, token());
    }

    private String token() throws CliException {
        if (adminToken != null && !adminToken.isBlank()) {
            return adminToken.strip();
        }
        Path file = dataDir().resolve(ServerCore.ADMIN_TOKEN_FILE);
        try {
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                throw new CliException("The admin token file " + file + " is empty.");
            }
            return token;
        } catch (NoSuchFileException e) {
            throw new CliException("No admin token: pass --admin-token, set NEUROINFO_ADMIN_TOKEN, or point "
                    + Setting.DATA_DIR.flag() + " at the server's data directory (no " + file + ").");
        } catch (IOException e) {
            throw new CliException("Cannot read the admin token file " + file + ": " + e.getMessage());
        }
    }

    /** The data directory as its flag gives it, else its environment variable, else the server's default. */
    private Path dataDir() throws CliException {
        Object flag = command.findOption(Setting.DATA_DIR.flag()).getValue();
        String variable = System.getenv(Setting.DATA_DIR.variable());
        SettingSource given = setting -> {
            if (setting != Setting.DATA_DIR) {
                return null;
            }
            if (flag != null) {
                return new SettingSource.Given(setting.flag(), flag.toString());
            }
            return variable == null ? null : new SettingSource.Given(setting.variable(), variable);
        };
        try {
            return SettingsReader.read(given).build().dataDir();
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }

    /** The data directory's option, named and described by the {@link Setting} catalogue. */
    public static final class DataDirOption implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec mixin) {
            Setting setting = Setting.DATA_DIR;
            mixin.addOption(OptionSpec.builder(setting.flag())
                    .type(String.class)
                    .paramLabel(setting.label())
                    .description("The server's data directory, for its admin token file (env " + setting.variable()
                            + ", default " + setting.defaultText() + ").")
                    .build());
            return mixin;
        }
    }
}
