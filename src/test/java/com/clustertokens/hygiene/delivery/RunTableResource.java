package com.clustertokens.hygiene.delivery;

import java.util.Map;

import com.clustertokens.testing.DynamoDbLocal;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** DynamoDB Local with stale-tokens' run table, as infra/template.yaml declares it (TTL is not enforced locally). */
public class RunTableResource implements QuarkusTestResourceLifecycleManager {

    static final String TABLE = "stale-tokens-runs";
    /** Where the tests read the table, set once it has started. */
    static volatile String endpoint;

    private DynamoDbLocal dynamoDb;

    @Override
    public Map<String, String> start() {
        dynamoDb = DynamoDbLocal.start();
        dynamoDb.createTable(TABLE, RunRecord.KEY);
        endpoint = dynamoDb.url();
        return Map.of("aws.dynamodb.endpoint-url", dynamoDb.url(), "hygiene.run-table", TABLE);
    }

    @Override
    public void stop() {
        if (dynamoDb != null) {
            dynamoDb.close();
        }
    }
}
