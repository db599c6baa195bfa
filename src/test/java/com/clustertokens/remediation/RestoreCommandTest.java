package com.clustertokens.remediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.clustertokens.error.ConfigurationException;

/** The restore command the chat text shows: the whole payload in place of %s, naming the cluster in a fleet. */
class RestoreCommandTest {

    @Test
    void namesTheClusterInAFleetAndNoneForTheSingleCluster() {
        assertThat(RestoreCommand.of("restore-token %s", "prod-eu", "<id>"))
                .isEqualTo("restore-token {\"cluster\":\"prod-eu\",\"token\":\"<id>\",\"format\":\"text\"}");
        assertThat(RestoreCommand.of("restore-token %s", null, "<id>"))
                .isEqualTo("restore-token {\"token\":\"<id>\",\"format\":\"text\"}");
    }

    @Test
    void refusesACommandThatStillPutsTheIdInsideItsOwnPayload() {
        assertThatThrownBy(() -> RestoreCommand.check("restore-token {\"token\":\"%s\",\"format\":\"text\"}"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("REMEDIATION_RESTORE_COMMAND: %s stands for the whole restore-token payload");
        assertThatThrownBy(() -> RestoreCommand.check("restore-token"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("exactly once");
        RestoreCommand.check("aws lambda invoke --payload '%s' out.json");
    }
}
