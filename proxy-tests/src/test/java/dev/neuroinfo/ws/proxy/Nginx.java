package dev.neuroinfo.ws.proxy;

import dev.neuroinfo.ws.server.OnFreePort;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx as a child process of the test, on a free port of 127.0.0.1, serving one of the
 * configuration files the docs show, as is but for its addresses, ports and paths. A file that no
 * longer has what is substituted fails the test: the docs and the test cannot drift apart.
 */
final class Nginx implements AutoCloseable {
    /** The documented files, in {@code docs/nginx/}. */
    static final String TWO_PORTS = "two-ports.conf";
    static final String ONE_PORT = "one-port.conf";

    private static final long START_WAIT_NANOS = TimeUnit.SECONDS.toNanos(20);

    private final Process process;
    private final Path dir;
    private final int port;

    private Nginx(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** The documented file {@code name} from the docs folder the build names. */
    static String documented(String name) throws IOException {
        return Files.readString(Path.of(System.getProperty("neuroinfo.docs", "../docs"), "nginx", name), StandardCharsets.UTF_8);
    }

    /**
     * Starts nginx with the documented file {@code name} on a free port, before its upstreams: they
     * are told its port (their public WebSocket URL), and it binds its port once it has read its
     * configuration. When another process took that port meanwhile, nginx is started again on another.
     *
     * @param upstreams each documented upstream address ({@code 10.0.0.11:8080}) to the test's
     *                  ({@code 127.0.0.1:PORT}), or to null to drop that {@code server} line
     */
    static Nginx start(String name, SelfSignedCertificate tls, Map<String, String> upstreams, Path dir)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        String site = documented(name);
        for (Map.Entry<String, String> upstream : upstreams.entrySet()) {
            String line = "    server " + upstream.getKey() + ";\n";
            site = replace(site, line, upstream.getValue() == null ? "" : "    server " + upstream.getValue() + ";\n");
        }
        site = replace(site, "/etc/ssl/events.example.org.crt", tls.certificate().toString());
        site = replace(site, "/etc/ssl/events.example.org.key", tls.key().toString());
        site = replace(site, "/var/log/nginx/neuroinfo.access.log", dir.resolve("access.log").toString());
        String withoutPort = site;
        return OnFreePort.port(port -> launch(replace(withoutPort, "listen 443 ssl;", "listen 127.0.0.1:" + port + " ssl;"),
                port, dir));
    }

    /** Runs nginx with the site on its port, and waits until it bound it. */
    private static Nginx launch(String site, int port, Path dir) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("neuroinfo.conf"), site, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("nginx.conf"), main(dir), StandardCharsets.UTF_8);
        // a previous attempt's: its error log would say its port was taken, whatever this one's fails on
        for (String file : List.of("nginx.pid", "error.log", "stdout.log")) {
            Files.deleteIfExists(dir.resolve(file));
        }
        Process process = new ProcessBuilder(executable(), "-p", dir + "/", "-c", dir.resolve("nginx.conf").toString(),
                "-e", dir.resolve("error.log").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        Nginx nginx = new Nginx(process, dir, port);
        long deadline = System.nanoTime() + START_WAIT_NANOS;
        // nginx writes its pid file once it bound its port: a connection could reach another process there
        while (!nginx.bound()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                nginx.close();
                throw new IllegalStateException("nginx did not start on port " + port + ":\n"
                        + Files.readString(dir.resolve("stdout.log")) + nginx.logs());
            }
            Thread.sleep(20);
        }
        return nginx;
    }

    /** The test's own main file around the documented one: foreground, everything in {@code dir}. */
    private static String main(Path dir) {
        // run as root (CI containers), nginx would hand its workers to "nobody", who cannot read the test's files
        String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
        return user + "daemon off;\n"
                + "worker_processes 1;\n"
                + "pid " + dir.resolve("nginx.pid") + ";\n"
                + "error_log " + dir.resolve("error.log") + ";\n"
                + "events { worker_connections 1024; }\n"
                + "http {\n"
                + "    client_body_temp_path " + dir.resolve("client_body") + ";\n"
                + "    proxy_temp_path " + dir.resolve("proxy") + ";\n"
                + "    fastcgi_temp_path " + dir.resolve("fastcgi") + ";\n"
                + "    uwsgi_temp_path " + dir.resolve("uwsgi") + ";\n"
                + "    scgi_temp_path " + dir.resolve("scgi") + ";\n"
                + "    include " + dir.resolve("neuroinfo.conf") + ";\n"
                + "}\n";
    }

    private static String replace(String text, String documented, String test) {
        if (!text.contains(documented)) {
            throw new IllegalStateException("the documented nginx file no longer contains '" + documented.strip() + "'");
        }
        return text.replace(documented, test);
    }

    private static String executable() {
        // Debian installs it in /usr/sbin, which is not on every user's PATH
        for (String dir : (System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin")
                .split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "nginx");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("nginx is not installed: the proxy tests need it "
                + "(Debian: apt-get install nginx; scripts/install-test-tools.sh installs it)");
    }

    private boolean bound() throws IOException {
        Path pid = dir.resolve("nginx.pid");
        return Files.exists(pid) && Files.readString(pid).strip().equals(String.valueOf(process.pid()));
    }

    int port() {
        return port;
    }

    /** Everything nginx logged: the access log and the error log. */
    String logs() throws IOException {
        StringBuilder all = new StringBuilder();
        for (String log : List.of("access.log", "error.log")) {
            Path file = dir.resolve(log);
            if (Files.exists(file)) {
                all.append(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }

    String accessLog() throws IOException {
        return Files.readString(dir.resolve("access.log"), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
