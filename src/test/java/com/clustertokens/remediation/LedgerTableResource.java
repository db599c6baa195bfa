package com.clustertokens.remediation;

import java.util.Map;

import com.clustertokens.testing.DynamoDbLocal;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** DynamoDB Local with the remediation ledger, as infra/template.yaml declares it (TTL is not enforced locally). */
public class LedgerTableResource implements QuarkusTestResourceLifecycleManager {

    static final String TABLE = "remediation-ledger";
    private static volatile String endpoint;

    private DynamoDbLocal dynamoDb;

    @Override
    public Map<String, String> start() {
        dynamoDb = DynamoDbLocal.start();
        dynamoDb.createTable(TABLE, LedgerItems.CLUSTER, LedgerItems.TOKEN_ID);
        endpoint = dynamoDb.url();
        return Map.of("aws.dynamodb.endpoint-url", dynamoDb.url(), "aws.region", "eu-west-1",
                "aws.stand-in-credentials.access-key-id", "AKIDLEDGERSTANDIN",
                "aws.stand-in-credentials.secret-access-key", "ledger-test-secret-access-key",
                "remediation.ledger-table", TABLE);
    }

    /** A client of the ledger's DynamoDB Local, for the tests' own reads and clean-up. */
    static DynamoDbClient client() {
        return DynamoDbLocal.client(endpoint);
    }

    /** Removes every item, so each test starts with an empty ledger. */
    public static void clear() {
        try (DynamoDbClient client = client()) {
            client.scan(b -> b.tableName(TABLE)).items().forEach(item -> client.deleteItem(b -> b.tableName(TABLE)
                    .key(Map.of(LedgerItems.CLUSTER, item.get(LedgerItems.CLUSTER), LedgerItems.TOKEN_ID,
                            item.get(LedgerItems.TOKEN_ID)))));
        }
    }

    @Override
    public void stop() {
        if (dynamoDb != null) {
            dynamoDb.close();
        }
    }
}
