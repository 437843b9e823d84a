package dev.neuroinfo.ws.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The npm tools the generator tests run (json-schema-to-typescript, tsc, quicktype, the AsyncAPI
 * JSON Schemas), installed by {@code npm ci} from the committed {@code src/test/node/package.json}
 * and lock into {@code target/node-tools}. An install whose lock is unchanged is reused, and
 * {@code --prefer-offline} takes packages from npm's cache, so only the first install on a
 * machine needs the registry.
 */
final class NodeTools {
    private static final Path SOURCE = Path.of("src", "test", "node").toAbsolutePath();
    private static final Path HOME = Path.of("target", "node-tools").toAbsolutePath();
    private static final String PACKAGE = "package.json";
    private static final String LOCK = "package-lock.json";
    /** A copy of the lock, written once {@code npm ci} has succeeded with it. */
    private static final Path INSTALLED = HOME.resolve("installed-" + LOCK);
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(6);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
    private static boolean installed;

    private NodeTools() {
    }

    /** The directory holding {@code node_modules}, installed on first use. */
    static synchronized Path home() {
        if (!installed) {
            if (!upToDate()) {
                install();
            }
            installed = true;
        }
        return HOME;
    }

    /** An installed command line tool, e.g. {@code tsc}. */
    static String bin(String tool) {
        return home().resolve("node_modules/.bin").resolve(tool).toString();
    }

    /** A file of an installed package, e.g. {@code @asyncapi/specs/schemas/3.0.0.json}. */
    static Path module(String path) {
        return home().resolve("node_modules").resolve(path);
    }

    /**
     * Runs a command in {@code directory} with {@code input} on its standard input and returns
     * its output (standard output and error together).
     *
     * @throws AssertionError when it fails or outlives its timeout, with its output
     */
    static String run(Path directory, String input, String... command) {
        return run(directory, input, RUN_TIMEOUT, command);
    }

    /** Runs a command that must fail; returns its output. */
    static String runFailing(Path directory, String... command) {
        Result result = start(directory, "", RUN_TIMEOUT, command);
        if (result.exit() == 0) {
            throw new AssertionError(String.join(" ", command) + " succeeded, expected a failure:\n" + result.output());
        }
        return result.output();
    }

    private static String run(Path directory, String input, Duration timeout, String... command) {
        Result result = start(directory, input, timeout, command);
        assertEquals(0, result.exit(), () -> String.join(" ", command) + " failed:\n" + result.output());
        return result.output();
    }

    private record Result(int exit, String output) {
    }

    private static Result start(Path directory, String input, Duration timeout, String... command) {
        try {
            Files.createDirectories(directory);
            Path in = Files.createTempFile(HOME.getParent(), "stdin", ".txt");
            Path out = Files.createTempFile(HOME.getParent(), "output", ".txt");
            try {
                Files.writeString(in, input, StandardCharsets.UTF_8);
                Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(directory.toFile())
                        .redirectErrorStream(true).redirectInput(in.toFile()).redirectOutput(out.toFile()).start();
                if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor();
                    throw new AssertionError(String.join(" ", command) + " still running after " + timeout
                            + ":\n" + Files.readString(out, StandardCharsets.UTF_8));
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(in);
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static boolean upToDate() {
        try {
            return Files.exists(INSTALLED) && Files.mismatch(INSTALLED, SOURCE.resolve(LOCK)) == -1
                    && Files.mismatch(HOME.resolve(PACKAGE), SOURCE.resolve(PACKAGE)) == -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void install() {
        try {
            Files.createDirectories(HOME);
            Files.deleteIfExists(INSTALLED);
            for (String manifest : List.of(PACKAGE, LOCK)) {
                Files.copy(SOURCE.resolve(manifest), HOME.resolve(manifest), StandardCopyOption.REPLACE_EXISTING);
            }
            run(HOME, "", INSTALL_TIMEOUT, "npm", "ci", "--no-audit", "--no-fund", "--prefer-offline");
            Files.copy(SOURCE.resolve(LOCK), INSTALLED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
