package com.clustertokens.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.clustertokens.error.ConfigurationException;

class ClusterEndpointTest {

    @ParameterizedTest
    @CsvSource({
            "https://managed.example.com,https://managed.example.com",
            "https://managed.example.com/,https://managed.example.com",
            "HTTPS://managed.example.com:8443/proxy/,https://managed.example.com:8443/proxy",
            "' http://127.0.0.1:8089 ',http://127.0.0.1:8089"})
    void normalisesAValidBaseUrl(String raw, String expected) {
        assertThat(ClusterEndpoint.parse(raw).toString()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"http://127.0.0.1:8089", "http://127.255.3.4", "http://localhost:8080/proxy", "HTTP://LOCALHOST",
            "http://[::1]:9000", "http://[0:0:0:0:0:0:0:1]"})
    void acceptsPlainHttpForALoopbackHost(String raw) {
        assertThat(ClusterEndpoint.parse(raw).baseUri().getScheme()).isEqualTo("http");
    }

    @ParameterizedTest
    @CsvSource({"http://managed.example.com", "http://10.0.0.5:8080", "http://128.0.0.1",
            "http://127.0.0.1.example.com",
            "http://localhost.example.com", "http://[::2]", "http://0.0.0.0"})
    void refusesPlainHttpForAnyOtherHostAsItWouldCarryTheApiTokenInTheClear(String raw) {
        assertThatThrownBy(() -> ClusterEndpoint.parse(raw)).isInstanceOf(ConfigurationException.class)
                .hasMessage("DT_CLUSTER_URL '" + raw + "' is malformed: it must start with https://, or http:// "
                        + "for a loopback host only (localhost, 127.0.0.0/8, [::1]): the API token goes with every "
                        + "request");
    }

    @ParameterizedTest
    @CsvSource({
            "https://managed.example.com,HTTPS://Managed.Example.COM:443//",
            "https://managed.example.com:8443/proxy,https://managed.example.com:8443/proxy/",
            "http://localhost,http://LOCALHOST:80",
            "http://[::1]:8080,http://[0:0:0:0:0:0:0:1]:8080"})
    void identifiesOneClusterHoweverItsUrlIsSpelt(String one, String other) {
        assertThat(ClusterEndpoint.parse(one).identity()).isEqualTo(ClusterEndpoint.parse(other).identity());
    }

    @ParameterizedTest
    @CsvSource({
            "https://managed.example.com,https://managed.example.com:8443",
            "https://managed.example.com/a,https://managed.example.com/b",
            "https://managed.example.com/Proxy,https://managed.example.com/proxy",
            "http://localhost:8080,http://127.0.0.1:8080"})
    void tellsTwoClustersApart(String one, String other) {
        assertThat(ClusterEndpoint.parse(one).identity()).isNotEqualTo(ClusterEndpoint.parse(other).identity());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|DT_CLUSTER_URL is not set",
            "managed.example.com|DT_CLUSTER_URL 'managed.example.com' is malformed: it must start with https://",
            "ftp://managed.example.com|must start with https://",
            "https://|DT_CLUSTER_URL 'https://' is malformed",
            "https://user:pw@managed.example.com|must not contain credentials",
            "https://managed.example.com?api-token=x|must not have a query",
            "https://managed.example.com/api/cluster/v2|without /api/cluster/v2",
            "https://bad host|is not a valid URL",
            "http://127.1|is malformed",
            "http://127.0.0.256|is malformed"})
    void rejectsAMalformedUrlNamingTheVariable(String raw, String expected) {
        assertThatThrownBy(() -> ClusterEndpoint.parse(raw)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("DT_CLUSTER_URL").hasMessageContaining(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|DT_API_TOKEN is not set",
            "'   '|DT_API_TOKEN is not set",
            "Api-Token abc123secretvalue|without the 'Api-Token ' prefix",
            "abc 123secret|contains whitespace",
            "dt0c01.ABCDEFGHIJKLMNOPQRSTUVWX.TOOSHORT|was it cut off"})
    void rejectsAMalformedApiTokenWithoutShowingIt(String token, String expected) {
        assertThatThrownBy(() -> ApiTokenSource.validate(token)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("DT_API_TOKEN").hasMessageContaining(expected)
                .satisfies(e -> {
                    if (token.strip().length() > 3) {
                        assertThat(e.getMessage()).doesNotContain(token.strip().replace("Api-Token ", ""));
                    }
                });
    }

    @ParameterizedTest
    @CsvSource({"abcdefjhij1234567890",
            "dt0c01.ABCDEFGHIJKLMNOPQRSTUVWX.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ01"})
    void acceptsNewFormatAndOpaqueLegacyTokens(String token) {
        ApiTokenSource.validate(token);
    }
}
