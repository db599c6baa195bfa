package com.clustertokens.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.clustertokens.error.ClusterRejectedRequestException;
import com.clustertokens.error.ClusterUnavailableException;
import com.clustertokens.error.CreateOutcomeUnknownException;
import com.clustertokens.error.InvalidInputException;
import com.clustertokens.error.RequestInProgressException;
import com.clustertokens.testing.EmfLines;
import com.clustertokens.token.CreateTokenMetrics.Outcome;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.funqy.runtime.ApplicationException;

/** What each way a create-token request can end counts as, and the line that counts it. */
class CreateTokenMetricsTest {

    @Test
    void aCreateThatMayHaveHappenedCountsAsAnUnknownOutcomeNotAsAFailure() {
        assertThat(Outcome.of(new CreateOutcomeUnknownException("read timed out"))).isEqualTo(Outcome.UNKNOWN);
        assertThat(Outcome.of(new ApplicationException(new CreateOutcomeUnknownException("504"))))
                .as("as Funqy wraps it").isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void aFailureARetryMayOvercomeIsTransientAndOneThatWouldRepeatIsARefusal() {
        assertThat(Outcome.of(new ClusterUnavailableException("connection refused"))).isEqualTo(Outcome.TRANSIENT);
        assertThat(Outcome.of(new RequestInProgressException("key held"))).isEqualTo(Outcome.TRANSIENT);
        assertThat(Outcome.of(new InvalidInputException("scopes[0]: 'Foo' is not a scope")))
                .isEqualTo(Outcome.REFUSED);
        assertThat(Outcome.of(new ClusterRejectedRequestException("https://c", "bad", List.of())))
                .isEqualTo(Outcome.REFUSED);
    }

    @Test
    void anErrorNoFailureKindNamesCountsAsFailed() {
        assertThat(Outcome.of(new IllegalStateException("a defect"))).isEqualTo(Outcome.FAILED);
    }

    @Test
    void aRepeatedRequestCountsAsRepeatedAndANewTokenAsCreated() {
        assertThat(Outcome.of(new CreatedToken(null, null, "dt0c01.X", "n", Delivery.RETURN, null, "k", true,
                null, null))).isEqualTo(Outcome.REPEATED);
        assertThat(Outcome.of(new CreatedToken(null, null, "dt0c01.X", "n", Delivery.RETURN, null, null, null,
                null, null))).isEqualTo(Outcome.CREATED);
    }

    @Test
    void theLineCountsOneForItsOutcomeAndZeroForEveryOtherWithoutDimension() {
        JsonNode line = EmfLines.parse(CreateTokenMetrics.line(Outcome.TRANSIENT, 1_700_000_000_000L)).get(0);

        assertThat(line.at("/_aws/CloudWatchMetrics/0/Namespace").asText()).isEqualTo("ClusterTokenCreate");
        assertThat(line.at("/_aws/CloudWatchMetrics/0/Dimensions").toString()).isEqualTo("[[]]");
        assertThat(line.at("/_aws/Timestamp").asLong()).isEqualTo(1_700_000_000_000L);
        for (Outcome outcome : Outcome.values()) {
            assertThat(line.get(outcome.metric()).asLong()).as(outcome.metric())
                    .isEqualTo(outcome == Outcome.TRANSIENT ? 1 : 0);
        }
    }
}
