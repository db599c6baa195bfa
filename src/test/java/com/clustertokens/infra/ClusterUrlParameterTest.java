package com.clustertokens.infra;

import static com.clustertokens.infra.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.clustertokens.cluster.ClusterEndpoint;
import com.clustertokens.error.ConfigurationException;

/**
 * The template's ClusterUrl parameter deploys no URL the code refuses: above all no plain http:// to anything but a
 * loopback host, since the API token goes with every request.
 */
class ClusterUrlParameterTest {

    /** URLs a user may give: https, plain http to loopback and to other hosts, and malformed ones. */
    private static final List<String> CANDIDATES = List.of("https://managed.example.com",
            "https://managed.example.com:8443/proxy", "https://10.0.0.5", "http://127.0.0.1:8089", "http://127.9.9.9",
            "http://localhost:8080", "http://localhost/proxy", "http://[::1]:9000", "http://managed.example.com",
            "http://managed.example.com:8080/proxy", "http://10.0.0.5", "http://192.168.1.10:8080",
            "http://127.0.0.1.example.com", "http://localhost.example.com", "http://128.0.0.1", "http://[::2]",
            "http://0.0.0.0", "ftp://managed.example.com", "https://user:pw@managed.example.com",
            "https://managed.example.com?x=1", "managed.example.com", "https://");

    private final SamTemplate template = SamTemplate.load();

    @Test
    void deploysPlainHttpOnlyToALoopbackHostAndNothingTheCodeRefuses() {
        Pattern allowed = Pattern.compile(String.valueOf(map(template.parameters().get("ClusterUrl"))
                .get("AllowedPattern")));

        for (String candidate : CANDIDATES) {
            boolean deploys = allowed.matcher(candidate).matches();
            if (deploys) {
                assertThat(runs(candidate)).as("'%s': the template accepts it, the code refuses it", candidate)
                        .isTrue();
            }
        }
        assertThat(CANDIDATES).filteredOn(allowed.asMatchPredicate()).filteredOn(url -> url.startsWith("http:"))
                .containsExactly("http://127.0.0.1:8089", "http://127.9.9.9", "http://localhost:8080",
                        "http://localhost/proxy", "http://[::1]:9000");
        assertThat(allowed.matcher("").matches()).as("empty: a fleet gives ClusterRegistryParameter instead").isTrue();
    }

    private static boolean runs(String url) {
        try {
            ClusterEndpoint.parse(url);
            return true;
        } catch (ConfigurationException e) {
            return false;
        }
    }
}
