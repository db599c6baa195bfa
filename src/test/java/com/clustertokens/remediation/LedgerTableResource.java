package com.clustertokens.remediation;

import java.util.Map;

import com.clustertokens.testing.MotoServer;
import com.clustertokens.testing.NeedsMotoServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** moto serving the remediation ledger, as infra/template.yaml declares it (moto expires nothing by TTL). */
public class LedgerTableResource implements QuarkusTestResourceLifecycleManager, NeedsMotoServer {

    static final String TABLE = "remediation-ledger";
    private static volatile String endpoint;

    private MotoServer moto;

    @Override
    public Map<String, String> start() {
        moto = MotoServer.start();
        moto.createTable(TABLE, Ledger.CLUSTER, Ledger.TOKEN_ID);
        endpoint = moto.url();
        return Map.of("aws.dynamodb.endpoint-url", moto.url(), "aws.region", "eu-west-1",
                "aws.stand-in-credentials.access-key-id", "AKIDLEDGERSTANDIN",
                "aws.stand-in-credentials.secret-access-key", "ledger-test-secret-access-key",
                "remediation.ledger-table", TABLE);
    }

    /** A client of the ledger's DynamoDB stand-in, for the tests' own reads and clean-up. */
    static DynamoDbClient client() {
        return MotoServer.dynamoDb(endpoint);
    }

    /** Removes every item, so each test starts with an empty ledger. */
    public static void clear() {
        try (DynamoDbClient client = client()) {
            client.scan(b -> b.tableName(TABLE)).items().forEach(item -> client.deleteItem(b -> b.tableName(TABLE)
                    .key(Map.of(Ledger.CLUSTER, item.get(Ledger.CLUSTER), Ledger.TOKEN_ID,
                            item.get(Ledger.TOKEN_ID)))));
        }
    }

    @Override
    public void stop() {
        if (moto != null) {
            moto.close();
        }
    }
}
