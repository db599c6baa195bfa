package com.clustertokens.hygiene.census;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import com.clustertokens.error.ClusterUnavailableException;
import com.clustertokens.error.ConfigurationException;

class ParallelTest {

    @Test
    void returnsEveryResultInTheOrderTheTasksWereGiven() {
        try (Parallel.Running<String> running = Parallel.start("test-tasks", 2,
                List.of(() -> "first", () -> "second", () -> "third"))) {
            assertThat(running.results()).containsExactly("first", "second", "third");
        }
    }

    @Test
    void aTasksOwnFailureKeepsItsKindAndMessage() {
        ConfigurationException thrown = new ConfigurationException("HYGIENE_LIST_LIMIT must be at least 1");

        assertThatThrownBy(() -> resultsOf(() -> {
            throw thrown;
        })).isSameAs(thrown).hasToString("ConfigurationException: HYGIENE_LIST_LIMIT must be at least 1");
    }

    @Test
    void anErrorInATaskSurfacesAsThatErrorNotAsAClusterOutage() {
        StackOverflowError bug = new StackOverflowError("recursion in a task");

        assertThatThrownBy(() -> resultsOf(() -> {
            throw bug;
        })).isSameAs(bug);
    }

    @Test
    void aCheckedFailureIsNamedWithItsTaskAndNotReportedAsAClusterOutage() {
        assertThatThrownBy(() -> resultsOf(() -> {
            throw new IOException("disk full");
        })).isInstanceOf(CompletionException.class).isNotInstanceOf(ClusterUnavailableException.class)
                .hasMessage("test-tasks failed: java.io.IOException: disk full");
    }

    @Test
    void aCheckedFailuresMessageIsMaskedLikeEveryOther() {
        String secret = "dt0c01.ABCDEFGHIJKLMNOPQRSTUVWX.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGHIJKLMNOPQRSTUVWX12";

        assertThatThrownBy(() -> resultsOf(() -> {
            throw new IOException("rejected " + secret);
        })).isInstanceOf(CompletionException.class).hasNoCause()
                .hasMessage(
                        "test-tasks failed: java.io.IOException: rejected dt0c01.ABCDEFGHIJKLMNOPQRSTUVWX.<redacted>");
    }

    private static List<String> resultsOf(Callable<String> task) {
        try (Parallel.Running<String> running = Parallel.start("test-tasks", 1, List.of(task))) {
            return running.results();
        }
    }
}
