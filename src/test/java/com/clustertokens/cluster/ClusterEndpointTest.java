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
    @CsvSource(delimiter = '|', value = {
            "''|DT_CLUSTER_URL is not set",
            "managed.example.com|DT_CLUSTER_URL 'managed.example.com' is malformed: it must start with https://",
            "ftp://managed.example.com|must start with https://",
            "https://|DT_CLUSTER_URL 'https://' is malformed",
            "https://user:pw@managed.example.com|must not contain credentials",
            "https://managed.example.com?api-token=x|must not have a query",
            "https://managed.example.com/api/cluster/v2|without /api/cluster/v2",
            "https://bad host|is not a valid URL"})
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
