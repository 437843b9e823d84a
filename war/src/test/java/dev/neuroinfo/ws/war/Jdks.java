package dev.neuroinfo.ws.war;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds a JDK of at least a given version for a container that needs a newer Java than the build's:
 * the build's own, {@code JAVA<N>_HOME} for N from the version up, or one of the JDKs installed
 * side by side in the usual folders (Debian's {@code /usr/lib/jvm}, {@code /opt/java}).
 */
final class Jdks {
    private static final Pattern VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);
    private static final List<Path> FOLDERS = List.of(Path.of("/usr/lib/jvm"), Path.of("/opt/java"));

    private Jdks() {
    }

    /** The java launcher of a JDK of at least {@code feature}; fails naming what was searched. */
    static Path javaOfAtLeast(int feature) throws IOException {
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of(System.getProperty("java.home")));
        for (int n = feature; n <= feature + 10; n++) {
            String set = System.getenv("JAVA" + n + "_HOME");
            if (set != null) {
                candidates.add(Path.of(set));
            }
        }
        for (Path folder : FOLDERS) {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> jdks = Files.list(folder)) {
                    jdks.sorted().forEach(candidates::add);
                }
            }
        }
        Optional<Path> found = candidates.stream().filter(home -> version(home) >= feature)
                .min(Comparator.comparingInt(Jdks::version));
        return found.map(home -> home.resolve("bin/java")).orElseThrow(() -> new IllegalStateException(
                "no JDK " + feature + "+ found (searched " + candidates + "); set JAVA" + feature + "_HOME"));
    }

    private static int version(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin/java"))) {
            return -1;
        }
        try {
            Matcher matcher = VERSION.matcher(Files.readString(release));
            return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
