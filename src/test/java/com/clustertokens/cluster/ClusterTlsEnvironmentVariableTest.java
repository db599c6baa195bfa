package com.clustertokens.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.tls.runtime.config.TlsBucketConfig;
import io.quarkus.tls.runtime.config.TlsConfig;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The environment variables the README documents for a private CA really reach the TLS registry's configuration
 * named "cluster": env names are matched to map keys by SmallRye Config, so this is checked, not assumed.
 */
class ClusterTlsEnvironmentVariableTest {

    @Test
    void pemTrustStoreFromTheEnvironmentReachesTheClusterConfiguration() {
        TlsConfig tls = tlsConfigFrom(Map.of("QUARKUS_TLS_CLUSTER_TRUST_STORE_PEM_CERTS", "/opt/ca.pem"));

        Optional<List<Path>> certs = cluster(tls).trustStore().flatMap(t -> t.pem()).flatMap(p -> p.certs());

        assertThat(certs).contains(List.of(Path.of("/opt/ca.pem")));
    }

    @Test
    void p12TrustStoreFromTheEnvironmentReachesTheClusterConfiguration() {
        TlsConfig tls = tlsConfigFrom(Map.of("QUARKUS_TLS_CLUSTER_TRUST_STORE_P12_PATH", "/opt/ca.p12",
                "QUARKUS_TLS_CLUSTER_TRUST_STORE_P12_PASSWORD", "trust-store-password"));

        var p12 = cluster(tls).trustStore().flatMap(t -> t.p12()).orElseThrow();

        assertThat(p12.path()).isEqualTo(Path.of("/opt/ca.p12"));
        assertThat(p12.password()).contains("trust-store-password");
    }

    private static TlsBucketConfig cluster(TlsConfig tls) {
        assertThat(tls.namedCertificateConfig()).containsKey("cluster");
        return tls.namedCertificateConfig().get("cluster");
    }

    private static TlsConfig tlsConfigFrom(Map<String, String> environment) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(environment, 300))
                // Quarkus's duration syntax ("10s"), as the running function reads it.
                .withConverter(Duration.class, 100, new DurationConverter())
                .withMapping(TlsConfig.class)
                .build();
        return config.getConfigMapping(TlsConfig.class);
    }
}
