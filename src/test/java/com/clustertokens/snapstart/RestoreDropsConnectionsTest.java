package com.clustertokens.snapstart;

import static com.clustertokens.testing.Lambda.invokeOk;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.clustertokens.testing.Exports;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A connection the client pooled before the snapshot is never used after a restore: its peer forgot it long ago. */
@QuarkusTest
@TestProfile(Exports.ListTokens.class)
@WithTestResource(ConnectionCountingClusterResource.class)
class RestoreDropsConnectionsTest {

    @Inject
    SnapStartHooks hooks;

    @Test
    void theFirstCallAfterARestoreOpensANewConnectionWhereAWarmCallReusesItsPooledOne() {
        invokeOk("{\"limit\":1}");
        int opened = ConnectionCountingClusterResource.CONNECTIONS.get();
        invokeOk("{\"limit\":1}");
        assertThat(ConnectionCountingClusterResource.CONNECTIONS.get()).as("a warm call reuses the pooled connection")
                .isEqualTo(opened);

        hooks.afterRestore(null);
        invokeOk("{\"limit\":1}");

        assertThat(ConnectionCountingClusterResource.CONNECTIONS.get()).as("after the restore: a new connection")
                .isEqualTo(opened + 1);
        invokeOk("{\"limit\":1}");
        assertThat(ConnectionCountingClusterResource.CONNECTIONS.get()).as("which is pooled in turn")
                .isEqualTo(opened + 1);
    }
}
