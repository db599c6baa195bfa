package com.clustertokens.cluster;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.clustertokens.testing.TestTokens;
import com.clustertokens.testing.WireMockResource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/**
 * A cluster behind a private certificate authority: a CA and a server certificate for 127.0.0.1/localhost are made
 * with the JDK's keytool for this run (no key material is committed), and WireMock serves HTTPS only with it.
 * Init arg {@code trusted=true} also points the TLS registry configuration "cluster" at the CA's PEM file;
 * {@code names} replaces the certificate's subject alternative names (keytool's {@code san=} syntax).
 */
public class PrivateCaClusterResource extends WireMockResource {

    static final String TOKENS = "/api/cluster/v2/tokens";

    private boolean trusted;
    private String names;
    private Path caPem;

    @Override
    public void init(Map<String, String> initArgs) {
        trusted = Boolean.parseBoolean(initArgs.getOrDefault("trusted", "false"));
        names = initArgs.getOrDefault("names", "ip:127.0.0.1,dns:localhost");
    }

    @Override
    protected WireMockConfiguration options() throws IOException {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "private-ca-")
                .toAbsolutePath();
        String password = UUID.randomUUID().toString();
        caPem = issueServerCertificate(dir, password, names);
        return WireMockConfiguration.options().bindAddress("127.0.0.1").httpDisabled(true).httpsPort(0)
                .keystorePath(dir.resolve("server.p12").toString()).keystoreType("PKCS12")
                .keystorePassword(password).keyManagerPassword(password);
    }

    @Override
    protected Map<String, String> config(WireMockServer server) {
        server.stubFor(get(urlPathEqualTo(TOKENS)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"values\":[{\"id\":\"6a98d7bc\",\"name\":\"behind-private-ca\"}]}")));
        Map<String, String> config = new HashMap<>();
        config.put("dt.cluster-url", "https://127.0.0.1:" + server.httpsPort());
        config.put("dt.api-token", TestTokens.API_TOKEN);
        if (trusted) {
            config.put("quarkus.tls.cluster.trust-store.pem.certs", caPem.toString());
        }
        return config;
    }

    /** Makes a CA, a server key pair, and the server certificate the CA signs for {@code names}; returns the CA certificate as PEM. */
    private static Path issueServerCertificate(Path dir, String password, String names) throws IOException {
        String ca = dir.resolve("ca.p12").toString();
        String server = dir.resolve("server.p12").toString();
        Path caPem = dir.resolve("ca.pem");
        String csr = dir.resolve("server.csr").toString();
        String serverPem = dir.resolve("server.pem").toString();

        keytool(dir, "-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=Cluster Token Functions Test CA", "-ext", "bc:c", "-keystore", ca,
                "-storepass", password, "-keypass", password);
        keytool(dir, "-exportcert", "-rfc", "-alias", "ca", "-keystore", ca, "-storepass", password,
                "-file", caPem.toString());
        keytool(dir, "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-keystore", server, "-storepass", password, "-keypass", password);
        keytool(dir, "-certreq", "-alias", "server", "-keystore", server, "-storepass", password, "-file", csr);
        keytool(dir, "-gencert", "-rfc", "-alias", "ca", "-keystore", ca, "-storepass", password, "-infile", csr,
                "-outfile", serverPem, "-validity", "2", "-ext", "san=" + names,
                "-ext", "eku=serverAuth");
        // The CA goes in first so that keytool can build the chain when the signed certificate is imported.
        keytool(dir, "-importcert", "-noprompt", "-alias", "ca", "-keystore", server, "-storepass", password,
                "-file", caPem.toString());
        keytool(dir, "-importcert", "-alias", "server", "-keystore", server, "-storepass", password,
                "-file", serverPem);
        return caPem;
    }

    private static void keytool(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running keytool", e);
        }
    }
}
