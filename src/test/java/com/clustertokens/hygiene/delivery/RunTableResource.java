package com.clustertokens.hygiene.delivery;

import java.util.Map;

import com.clustertokens.testing.MotoServer;
import com.clustertokens.testing.NeedsMotoServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** moto serving stale-tokens' run table, as infra/template.yaml declares it (moto expires nothing by TTL). */
public class RunTableResource implements QuarkusTestResourceLifecycleManager, NeedsMotoServer {

    static final String TABLE = "stale-tokens-runs";
    /** Where the tests read the table, set once it has started. */
    static volatile String endpoint;

    private MotoServer moto;

    @Override
    public Map<String, String> start() {
        moto = MotoServer.start();
        moto.createTable(TABLE, RunRecord.KEY);
        endpoint = moto.url();
        return Map.of("aws.dynamodb.endpoint-url", moto.url(), "hygiene.run-table", TABLE);
    }

    @Override
    public void stop() {
        if (moto != null) {
            moto.close();
        }
    }
}
