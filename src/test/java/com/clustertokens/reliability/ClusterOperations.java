package com.clustertokens.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.requestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.http.RequestMethod.DELETE;
import static com.github.tomakehurst.wiremock.http.RequestMethod.GET;
import static com.github.tomakehurst.wiremock.http.RequestMethod.POST;
import static com.github.tomakehurst.wiremock.http.RequestMethod.PUT;

import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.clustertokens.cluster.ClusterClients;
import com.clustertokens.cluster.ClusterTokenClient;
import com.clustertokens.cluster.TokenUpdate;
import com.clustertokens.testing.Functions;
import com.clustertokens.testing.TestTokens;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

import io.quarkus.arc.Arc;

/**
 * Every way the project talks to the cluster, as the fault matrices exercise it: each function (through Funqy, as
 * Lambda invokes it) and each client operation no function reaches yet. A new function is one line in {@link #all()}.
 */
final class ClusterOperations {

    static final String TOKENS = "/api/cluster/v2/tokens";
    static final String MARKER = "fault-matrix";

    static final String LIST_BODY = "{\"values\":[{\"id\":\"fm-1\",\"name\":\"" + MARKER + "\"}]}";
    static final String METADATA_BODY = "{\"id\":\"fm-1\",\"name\":\"" + MARKER
            + "\",\"userId\":\"ops\",\"revoked\":false,"
            + "\"created\":1754006400000,\"scopes\":[\"DiagnosticExport\"],\"personalAccessToken\":false}";
    static final String CREATED_BODY = "{\"token\":\"" + TestTokens.LEGACY_SECRET + "\"}";

    /** Whether a failed attempt may be repeated: reads (and idempotent updates) are, a create or delete never. */
    enum Sending {
        RETRIED_WHEN_TRANSIENT, EXACTLY_ONCE
    }

    /**
     * One operation: the request it makes, how it is sent, the answer that means success, how many such requests a
     * fault-free run makes, and how to run it.
     */
    record Operation(String name, RequestMethod method, String path, Sending sending, int successStatus,
            String successBody, int requestsOnSuccess, boolean fullListOnly, Supplier<Functions.Result> run) {

        /**
         * The requests the matrix answers with a fault and counts. stale-tokens reads its three lists at once, so
         * which would meet a fault first is chance: for it, that is the full list (no from/to) alone; the filtered
         * lists answer normally, and they go the same client path as list-tokens.
         */
        MappingBuilder stub() {
            MappingBuilder stub = request(method.getName(), urlPathEqualTo(path));
            return fullListOnly ? stub.withQueryParam("from", absent()).withQueryParam("to", absent()) : stub;
        }

        /** The requests {@link #stub()} matches, for counting what the cluster saw. */
        RequestPatternBuilder seen() {
            RequestPatternBuilder seen = requestedFor(method.getName(), urlPathEqualTo(path));
            return fullListOnly ? seen.withQueryParam("from", absent()).withQueryParam("to", absent()) : seen;
        }

        boolean isCreate() {
            return method.equals(POST) && path.equals(TOKENS);
        }

        boolean readsABody() {
            return successBody != null;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private ClusterOperations() {
    }

    static Stream<Operation> all() {
        return Stream.of(
                function("create-token", "{\"name\":\"" + MARKER + "\",\"scopes\":[\"DiagnosticExport\"]}", POST,
                        TOKENS,
                        Sending.EXACTLY_ONCE, 201, CREATED_BODY),
                function("list-tokens", "{\"limit\":5}", GET, TOKENS, Sending.RETRIED_WHEN_TRANSIENT, 200, LIST_BODY),
                // Three list queries (used after, used before, all); the exclusion makes the entry show in the report.
                new Operation("stale-tokens", GET, TOKENS, Sending.RETRIED_WHEN_TRANSIENT, 200, LIST_BODY, 1, true,
                        () -> Functions.invoke("stale-tokens",
                                "{\"exclude\":[\"" + MARKER + "\"],\"now\":\"2026-11-01T00:00:00Z\"}")),
                client("metadata", GET, TOKENS + "/fm-1", Sending.RETRIED_WHEN_TRANSIENT, 200, METADATA_BODY,
                        c -> c.metadata("fm-1")),
                client("lookup", POST, TOKENS + "/lookup", Sending.RETRIED_WHEN_TRANSIENT, 200, METADATA_BODY,
                        c -> c.lookup(TestTokens.LEGACY_SECRET)),
                client("update", PUT, TOKENS + "/fm-1", Sending.RETRIED_WHEN_TRANSIENT, 204, null, c -> {
                    c.update("fm-1", TokenUpdate.revoke());
                    return null;
                }),
                client("delete", DELETE, TOKENS + "/fm-1", Sending.EXACTLY_ONCE, 204, null, c -> {
                    c.delete("fm-1");
                    return null;
                }));
    }

    private static Operation function(String name, String event, RequestMethod method, String path, Sending sending,
            int successStatus, String successBody) {
        return new Operation(name, method, path, sending, successStatus, successBody, 1, false,
                () -> Functions.invoke(name, event));
    }

    private static Operation client(String name, RequestMethod method, String path, Sending sending,
            int successStatus, String successBody, Function<ClusterTokenClient, Object> use) {
        return new Operation("client " + name, method, path, sending, successStatus, successBody, 1, false,
                () -> Functions.call(() -> use.apply(Arc.container().instance(ClusterClients.class).get().select(
                        null))));
    }
}
