package com.clustertokens.rotation;

import java.util.Map;

import com.clustertokens.testing.MotoServer;
import com.clustertokens.testing.NeedsMotoServer;
import com.clustertokens.testing.PipelineAwsResource;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * moto serving what a rotation touches, as infra/template.yaml declares it: the remediation ledger, create-token's
 * idempotency table, Secrets Manager and EventBridge Scheduler with the stack's rotation schedule group.
 */
public class RotationAwsResource implements QuarkusTestResourceLifecycleManager, NeedsMotoServer {

    static final String LEDGER = "remediation-ledger";
    static final String GROUP = "cluster-tokens-rotation";
    static final String FOLLOW_UP_ARN = "arn:aws:lambda:eu-west-1:123456789012:function:rotation-follow-up";
    static final String ROLE_ARN = "arn:aws:iam::123456789012:role/rotation-scheduler";

    private static volatile MotoServer moto;

    @Override
    public Map<String, String> start() {
        moto = MotoServer.start();
        moto.createTable(LEDGER, "cluster", "tokenId");
        moto.createTable(PipelineAwsResource.TABLE, "idempotencyKey");
        try (SchedulerClient scheduler = scheduler()) {
            scheduler.createScheduleGroup(b -> b.name(GROUP));
        }
        return Map.ofEntries(Map.entry("aws.region", PipelineAwsResource.REGION),
                Map.entry("aws.endpoint-url", moto.url()),
                Map.entry("aws.stand-in-credentials.access-key-id", PipelineAwsResource.ACCESS_KEY),
                Map.entry("aws.stand-in-credentials.secret-access-key", MotoServer.SECRET_KEY),
                Map.entry("create-token.idempotency-table", PipelineAwsResource.TABLE),
                Map.entry("remediation.ledger-table", LEDGER),
                Map.entry("rotation.schedule-group", GROUP),
                Map.entry("rotation.follow-up-arn", FOLLOW_UP_ARN),
                Map.entry("rotation.scheduler-role-arn", ROLE_ARN));
    }

    static SchedulerClient scheduler() {
        return moto.client(SchedulerClient.builder());
    }

    static SecretsManagerClient secretsManager() {
        return moto.client(SecretsManagerClient.builder());
    }

    static DynamoDbClient dynamoDb() {
        return MotoServer.dynamoDb(moto.url());
    }

    /** Every ledger item and schedule removed, so each test starts afresh. */
    public static void clear() {
        try (DynamoDbClient client = dynamoDb()) {
            client.scan(b -> b.tableName(LEDGER)).items().forEach(item -> client.deleteItem(b -> b.tableName(LEDGER)
                    .key(Map.of("cluster", item.get("cluster"), "tokenId", item.get("tokenId")))));
        }
        try (SchedulerClient scheduler = scheduler()) {
            scheduler.listSchedules(b -> b.groupName(GROUP)).schedules().forEach(s -> scheduler.deleteSchedule(b -> b
                    .groupName(GROUP).name(s.name())));
        }
    }

    @Override
    public void stop() {
        if (moto != null) {
            moto.close();
        }
    }
}
