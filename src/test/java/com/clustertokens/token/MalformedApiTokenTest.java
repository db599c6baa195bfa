package com.clustertokens.token;

import static com.clustertokens.testing.Lambda.invokeFailing;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.clustertokens.testing.Exports;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(MalformedApiTokenTest.Profile.class)
class MalformedApiTokenTest {

    /** create-token with an API token pasted with a line break in it. */
    public static class Profile extends Exports.Export {
        public Profile() {
            super("create-token", Map.of("dt.cluster-url", "http://127.0.0.1:9", "dt.api-token",
                    "abcdef123456\nghijkl"));
        }
    }

    @Test
    void failsTheInvocationNamingTheVariableWithoutEchoingTheToken() {
        String message = invokeFailing("{\"name\":\"x\",\"scopes\":[\"DiagnosticExport\"]}");

        assertThat(message).contains("ConfigurationException", "DT_API_TOKEN is malformed")
                .doesNotContain("abcdef123456");
    }
}
