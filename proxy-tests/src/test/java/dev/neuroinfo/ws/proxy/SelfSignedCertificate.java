package dev.neuroinfo.ws.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for 127.0.0.1 made with openssl at test time (nginx wants PEM files),
 * and trusted by this JVM the way any client of the suite trusts one: the standard
 * {@code javax.net.ssl.trustStore} properties, which the build sets and this class fills.
 *
 * @param certificate the PEM certificate for nginx's {@code ssl_certificate}
 * @param key         the PEM private key for nginx's {@code ssl_certificate_key}
 */
record SelfSignedCertificate(Path certificate, Path key) {
    /** Makes a new certificate in {@code dir} and writes it as the only entry of the JVM's truststore. */
    static SelfSignedCertificate createAndTrust(Path dir) throws IOException, InterruptedException, GeneralSecurityException {
        Files.createDirectories(dir);
        SelfSignedCertificate made = new SelfSignedCertificate(dir.resolve("cert.pem"), dir.resolve("key.pem"));
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout", made.key.toString(), "-out", made.certificate.toString())
                .redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
            throw new IllegalStateException("openssl could not make a certificate:\n" + output);
        }
        made.writeTrustStore();
        return made;
    }

    private void writeTrustStore() throws IOException, GeneralSecurityException {
        String path = System.getProperty("javax.net.ssl.trustStore");
        String password = System.getProperty("javax.net.ssl.trustStorePassword");
        if (path == null || password == null) {
            throw new IllegalStateException("run with -Djavax.net.ssl.trustStore=... and -Djavax.net.ssl.trustStorePassword=...");
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            store.setCertificateEntry("nginx", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        Files.createDirectories(Path.of(path).toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(Path.of(path))) {
            store.store(out, password.toCharArray());
        }
    }
}
