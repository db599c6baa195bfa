package com.clustertokens.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Work handed to another thread keeps its cluster and every log field of the invocation, and leaves none behind. */
class ClusterSelectionCarryingTest {

    private static final RegisteredCluster PROD = new RegisteredCluster("prod", "https://prod.example.com", "arn",
            null, null, null, null, new RegisteredCluster.Origin("DT_CLUSTERS"));

    private final ClusterSelection selection = new ClusterSelection(null);
    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        pool.shutdownNow();
        MDC.clear();
    }

    @Test
    void carriesTheClusterAndTheInvocationsLogFieldsToAWorkerAndRestoresTheWorkersOwn() throws Exception {
        pool.submit(() -> MDC.put("worker", "own")).get();
        MDC.put("function", "stale-tokens");
        MDC.put("runId", "schedule at 2026-11-30T03:00:00Z");

        List<Object> seen = selection.within(PROD, () -> {
            try {
                return pool.submit(selection.carrying(() -> List.of(selection.current().name(),
                        MDC.get("cluster"), MDC.get("function"), MDC.get("runId")))).get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(seen).containsExactly("prod", "prod", "stale-tokens", "schedule at 2026-11-30T03:00:00Z");
        assertThat(pool.submit(() -> List.of(String.valueOf(MDC.get("worker")), String.valueOf(MDC.get("runId"))))
                .get()).containsExactly("own", "null");
    }
}
