package com.clustertokens.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * AWS stand-ins that keep state, for tests of what a sequence of attempts leaves behind: moto serving the idempotency
 * table in DynamoDB and Secrets Manager (secrets exist, collide, carry tags, wait for deletion), a local process on
 * loopback. Stand-in credentials, which AwsClients accepts only with an endpoint override.
 */
public class StatefulAwsResource implements QuarkusTestResourceLifecycleManager, NeedsMotoServer {

    private static volatile MotoServer moto;

    @Override
    public Map<String, String> start() {
        moto = MotoServer.start();
        moto.createTable(PipelineAwsResource.TABLE, "idempotencyKey");
        return Map.of("aws.region", PipelineAwsResource.REGION,
                "aws.dynamodb.endpoint-url", moto.url(),
                "aws.secretsmanager.endpoint-url", moto.url(),
                "aws.stand-in-credentials.access-key-id", PipelineAwsResource.ACCESS_KEY,
                "aws.stand-in-credentials.secret-access-key", MotoServer.SECRET_KEY,
                "create-token.idempotency-table", PipelineAwsResource.TABLE);
    }

    /** A client of the Secrets Manager stand-in, for the tests' own reads and setup. */
    public static SecretsManagerClient secretsManager() {
        return moto.client(SecretsManagerClient.builder());
    }

    @Override
    public void stop() {
        if (moto != null) {
            moto.close();
        }
    }
}
