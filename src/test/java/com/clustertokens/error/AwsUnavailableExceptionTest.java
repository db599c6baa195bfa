package com.clustertokens.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.clustertokens.aws.AwsClients;
import com.clustertokens.aws.AwsConfig;
import com.clustertokens.aws.SecretValues;
import com.clustertokens.cluster.ClusterConfig;
import com.clustertokens.cluster.ClusterRegistry;
import com.clustertokens.lambda.Deadline;
import com.clustertokens.lambda.InvocationBudget;
import com.clustertokens.remediation.Ledger;
import com.clustertokens.remediation.RemediationConfig;
import com.clustertokens.testing.ConfigMappings;
import com.clustertokens.testing.MotoServer;
import com.clustertokens.testing.PipelineAwsResource;
import com.clustertokens.token.CreateTokenConfig;
import com.clustertokens.token.IdempotencyStore;

/**
 * Every AWS store the functions depend on (a DynamoDB table, the registry's SSM parameter, a Secrets Manager secret)
 * fails as the one kind the caller acts on the same way, naming what it could not reach: against moto, where none of
 * them exists.
 */
class AwsUnavailableExceptionTest {

    private static MotoServer moto;
    private static AwsClients aws;

    @BeforeAll
    static void start() {
        moto = MotoServer.start();
        AwsConfig config = ConfigMappings.of(AwsConfig.class, Map.of("aws.endpoint-url", moto.url(), "aws.region",
                PipelineAwsResource.REGION, "aws.stand-in-credentials.access-key-id", PipelineAwsResource.ACCESS_KEY,
                "aws.stand-in-credentials.secret-access-key", MotoServer.SECRET_KEY));
        aws = new AwsClients(config, new InvocationBudget(null, null, null) {
            @Override
            public Deadline deadline() {
                return Deadline.NONE;
            }
        });
    }

    @AfterAll
    static void stop() {
        aws.close();
        moto.close();
    }

    @Test
    void aMissingLedgerTableIsNamedAndNotWorthRetrying() {
        Ledger ledger = new Ledger(aws, ConfigMappings.of(RemediationConfig.class, Map.of(
                "remediation.ledger-table", "no-such-ledger")));

        Throwable failure = catchThrowable(() -> ledger.entries("prod"));

        assertThat(failure).isInstanceOf(AwsUnavailableException.class).hasToString("AwsUnavailableException: "
                + "Could not read the entries of cluster prod in the remediation ledger (DynamoDB table "
                + "no-such-ledger): ResourceNotFoundException (HTTP 400); nothing more was done");
        assertThat(((AwsUnavailableException) failure).isTransient()).isFalse();
    }

    @Test
    void aMissingIdempotencyTableIsNamedWithTheKey() {
        IdempotencyStore store = new IdempotencyStore(aws, ConfigMappings.of(CreateTokenConfig.class, Map.of(
                "create-token.idempotency-table", "no-such-table")));

        Throwable failure = catchThrowable(() -> store.claim("order-42", "fingerprint"));

        assertThat(failure).hasToString("AwsUnavailableException: Could not claim idempotency key 'order-42' in "
                + "DynamoDB table no-such-table: ResourceNotFoundException (HTTP 400)");
    }

    @Test
    void aMissingSecretIsNamedByItsArn() {
        String arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:no-such-secret";
        SecretValues secrets = new SecretValues(aws, ConfigMappings.of(AwsConfig.class, Map.of()));

        Throwable failure = catchThrowable(() -> secrets.get(arn));

        // moto answers 404 where Secrets Manager answers 400: the code is what the caller reads.
        assertThat(failure).isInstanceOf(AwsUnavailableException.class).asString().startsWith(
                "AwsUnavailableException: Could not read secret " + arn + " from Secrets Manager: "
                        + "ResourceNotFoundException (HTTP ");
    }

    @Test
    void aMissingRegistryParameterIsNamedWithItsVariable() {
        ClusterRegistry registry = new ClusterRegistry(ConfigMappings.of(ClusterConfig.class, Map.of(
                "dt.clusters-parameter", "/no/such/registry")), aws);

        Throwable failure = catchThrowable(registry::clusters);

        assertThat(failure).isInstanceOf(AwsUnavailableException.class).hasMessageStartingWith(
                "Could not read the cluster registry from SSM parameter /no/such/registry (DT_CLUSTERS_PARAMETER): "
                        + "ParameterNotFound (HTTP 400)");
    }
}
