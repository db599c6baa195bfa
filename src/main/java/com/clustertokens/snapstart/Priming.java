package com.clustertokens.snapstart;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.ConfigProvider;

import com.clustertokens.aws.AwsClients;
import com.clustertokens.aws.AwsConfig;
import com.clustertokens.aws.SecretValues;
import com.clustertokens.cluster.ApiTokenSource;
import com.clustertokens.cluster.ClusterClients;
import com.clustertokens.cluster.ClusterConfig;
import com.clustertokens.cluster.ClusterRegistry;
import com.clustertokens.hygiene.HygieneConfig;
import com.clustertokens.hygiene.HygieneRequests;
import com.clustertokens.hygiene.HygieneService;
import com.clustertokens.hygiene.StaleTokensFunction;
import com.clustertokens.hygiene.census.TokenCensus;
import com.clustertokens.hygiene.delivery.Deliveries;
import com.clustertokens.hygiene.delivery.DeliveryConfig;
import com.clustertokens.hygiene.delivery.RunRecord;
import com.clustertokens.hygiene.delivery.SlackSink;
import com.clustertokens.hygiene.delivery.SnsSink;
import com.clustertokens.hygiene.report.ReportContributor;
import com.clustertokens.lambda.FunqyDispatch;
import com.clustertokens.lambda.InvocationBudget;
import com.clustertokens.lambda.RequestReader;
import com.clustertokens.remediation.Ledger;
import com.clustertokens.remediation.RemediationClock;
import com.clustertokens.remediation.RemediationConfig;
import com.clustertokens.remediation.RemediationService;
import com.clustertokens.remediation.RotationFollowUps;
import com.clustertokens.remediation.RunIds;
import com.clustertokens.remediation.RunLock;
import com.clustertokens.rotation.FollowUpSchedule;
import com.clustertokens.rotation.FollowUpService;
import com.clustertokens.rotation.RotateTokenFunction;
import com.clustertokens.rotation.RotateTokenTriggers;
import com.clustertokens.rotation.RotationConfig;
import com.clustertokens.rotation.RotationFollowUpFunction;
import com.clustertokens.rotation.RotationService;
import com.clustertokens.rotation.SecretRotationFunction;
import com.clustertokens.rotation.SecretRotationHandoff;
import com.clustertokens.rotation.SecretRotationService;
import com.clustertokens.rotation.SecretRotationVersions;
import com.clustertokens.rotation.Supersession;
import com.clustertokens.security.Secrets;
import com.clustertokens.token.CreateReconciler;
import com.clustertokens.token.CreateTokenConfig;
import com.clustertokens.token.CreateTokenFunction;
import com.clustertokens.token.CreateTokenTriggers;
import com.clustertokens.token.IdempotencyStore;
import com.clustertokens.token.ListTokensConfig;
import com.clustertokens.token.ListTokensFunction;
import com.clustertokens.token.TokenSecretStore;
import com.clustertokens.token.TokenService;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.tls.TlsConfigurationRegistry;

/**
 * Runs each function's request path end to end against a {@link StandIn}, so that a SnapStart snapshot holds it
 * loaded, initialised and partly compiled: the functions' own classes built the way the application builds them (a
 * cluster client, AWS SDK clients, the services), but with their own settings pointing at the stand-in, then
 * closed. They share no connection, cache or token with the application's clients, which are never touched.
 */
@ApplicationScoped
public class Priming {

    // The events priming sends each function: the shapes each is deployed with (direct calls, with and without a
    // text summary; create-token's idempotent, Secrets Manager, SQS and EventBridge paths; stale-tokens' nightly
    // Scheduled Event; rotate-token's replacement and hand-off; the follow-up from the nightly run and from a token's
    // schedule; Secrets Manager's four rotation steps), so every parser, branch and result type a first invocation
    // meets has run once.
    static final List<String> LIST = List.of(
            "{\"limit\":1000}",
            "{\"limit\":10,\"user\":\"snapstart-priming\",\"permissions\":[\"DiagnosticExport\"],"
                    + "\"from\":\"2020-01-01T00:00:00Z\",\"to\":1900000000000,\"format\":\"text\"}");

    static final List<String> CREATE = List.of(
            "{\"name\":\"snapstart-priming\",\"scopes\":[\"DiagnosticExport\"],"
                    + "\"expiresIn\":{\"value\":1,\"unit\":\"HOURS\"}}",
            "{\"name\":\"snapstart-priming\",\"scopes\":[\"DiagnosticExport\"],\"idempotencyKey\":\"snapstart-priming\","
                    + "\"delivery\":\"secretsManager\",\"requester\":\"snapstart-priming\",\"format\":\"text\"}",
            "{\"Records\":[{\"messageId\":\"snapstart-priming\",\"eventSource\":\"aws:sqs\","
                    + "\"eventSourceARN\":\"arn:aws:sqs:us-east-1:000000000000:snapstart-priming\","
                    + "\"body\":\"{\\\"name\\\":\\\"snapstart-priming\\\",\\\"scopes\\\":[\\\"DiagnosticExport\\\"]}\"}]}",
            "{\"version\":\"0\",\"id\":\"snapstart-priming\",\"detail-type\":\"CreateClusterToken\","
                    + "\"source\":\"snapstart.priming\",\"time\":\"2026-01-01T00:00:00Z\",\"detail\":"
                    + "{\"name\":\"snapstart-priming\",\"scopes\":[\"DiagnosticExport\"]}}");

    static final List<String> STALE = List.of(
            "{\"version\":\"0\",\"id\":\"snapstart-priming\",\"detail-type\":\"Scheduled Event\","
                    + "\"source\":\"aws.events\",\"time\":\"2026-01-01T03:00:00Z\",\"resources\":[],\"detail\":{}}",
            "{\"staleAfter\":\"P30D\",\"format\":\"text\"}");

    static final List<String> ROTATE = List.of(
            "{\"token\":\"" + StandIn.DORMANT + "\",\"grace\":\"PT1H\"}",
            "{\"token\":\"" + StandIn.DORMANT + "\",\"grace\":\"P7D\",\"idempotencyKey\":\"snapstart-priming\","
                    + "\"delivery\":\"secretsManager\",\"requester\":\"snapstart-priming\",\"format\":\"text\"}");

    static final List<String> FOLLOW_UP = List.of("{}", "{\"token\":\"" + StandIn.DORMANT + "\"}");

    /** The four steps on the stand-in's secret: {@code %s} is its name, under the configured created prefix. */
    static final List<String> SECRET_STEPS = List.of(
            step("createSecret", StandIn.CREATE_VERSION), step("setSecret", StandIn.PENDING_VERSION),
            step("testSecret", StandIn.PENDING_VERSION), step("finishSecret", StandIn.PENDING_VERSION));

    /**
     * What one priming did: the stand-in's requests, the events the application's handler dispatched to the exported
     * function (each refused, {@link FunqyDispatch#REFUSED}), and what failed.
     */
    record Primed(int rounds, List<String> served, int refused, List<String> failures, long millis) {
    }

    private final ObjectMapper mapper;
    private final RequestReader reader;
    private final InvocationBudget budget;
    private final Instance<TlsConfigurationRegistry> tls;
    private final ListTokensConfig listConfig;
    private final HygieneConfig hygieneConfig;
    private final HygieneRequests hygieneRequests;

    public Priming(ObjectMapper mapper, RequestReader reader, InvocationBudget budget,
            Instance<TlsConfigurationRegistry> tls, ListTokensConfig listConfig, HygieneConfig hygieneConfig,
            HygieneRequests hygieneRequests) {
        this.mapper = mapper;
        this.reader = reader;
        this.budget = budget;
        this.tls = tls;
        this.listConfig = listConfig;
        this.hygieneConfig = hygieneConfig;
        this.hygieneRequests = hygieneRequests;
    }

    /** Primes every function {@code rounds} times; a failure is noted and the rest still runs. */
    Primed run(int rounds) throws IOException {
        long started = System.nanoTime();
        List<String> failures = new ArrayList<>();
        int refused = 0;
        try (StandIn standIn = new StandIn()) {
            for (int round = 0; round < rounds; round++) {
                round(standIn.url(), failures);
                try {
                    refused += FunqyDispatch.refusedByHandler() ? 1 : 0;
                } catch (Exception | LinkageError e) {
                    failures.add("handler: " + Secrets.redact(String.valueOf(e)));
                }
            }
            return new Primed(rounds, standIn.served(), refused, failures, (System.nanoTime() - started) / 1_000_000);
        } finally {
            // Registered for redaction as any token the code handles: canned values, nothing to keep.
            Secrets.forget(StandIn.API_TOKEN);
            Secrets.forget(StandIn.CREATED_TOKEN);
        }
    }

    /** One pass over the functions, each with clients of its own, built and closed here. */
    private void round(URI standIn, List<String> failures) {
        StandInSettings settings = new StandInSettings(ConfigProvider.getConfig(), standIn);
        AwsClients aws = new AwsClients(settings.get(AwsConfig.class), budget);
        SecretValues secrets = new SecretValues(aws, settings.get(AwsConfig.class));
        ClusterConfig clusterView = settings.get(ClusterConfig.class);
        // The stand-in is the one cluster of its own registry: nothing of the real registry is read or kept.
        ClusterClients clusters = new ClusterClients(clusterView, new ClusterRegistry(clusterView, aws),
                new ApiTokenSource(secrets), mapper, tls, budget);
        try {
            CreateTokenConfig createView = settings.get(CreateTokenConfig.class);
            TokenSecretStore secretStore = new TokenSecretStore(aws, createView);
            TokenService tokens = new TokenService(clusters, listConfig, new IdempotencyStore(aws, createView),
                    secretStore, mapper, new CreateReconciler(aws, secretStore, createView), createView);
            ListTokensFunction list = new ListTokensFunction(tokens, reader);
            CreateTokenFunction create = new CreateTokenFunction(new CreateTokenTriggers(tokens, reader, mapper,
                    budget, clusterView, createView));
            DeliveryConfig delivery = settings.get(DeliveryConfig.class);
            StaleTokensFunction stale = new StaleTokensFunction(new HygieneService(clusters, hygieneRequests,
                    hygieneConfig, new TokenCensus(), new Deliveries(delivery, new SnsSink(aws),
                            new SlackSink(delivery, secrets, mapper), new RunRecord(aws, delivery)), mapper,
                    List.<ReportContributor>of()));
            call("list-tokens", list, LIST, failures);
            call("create-token", create, CREATE, failures);
            call("stale-tokens", stale, STALE, failures);
            rotations(settings, aws, secrets, clusters, tokens, secretStore, clusterView, createView, failures);
        } finally {
            clusters.reset();
            aws.close();
            secrets.clear();
        }
    }

    /** rotate-token, rotation-follow-up and rotate-secret, on the same clients, each with its own ledger. */
    private void rotations(StandInSettings settings, AwsClients aws, SecretValues secrets, ClusterClients clusters,
            TokenService tokens, TokenSecretStore secretStore, ClusterConfig clusterView, CreateTokenConfig createView,
            List<String> failures) {
        RemediationConfig remediationView = settings.get(RemediationConfig.class);
        RotationConfig rotationView = settings.get(RotationConfig.class);
        RemediationClock clock = new RemediationClock();
        Ledger ledger = new Ledger(aws, remediationView);
        RunLock lock = new RunLock(aws, ledger);
        RemediationService remediation = new RemediationService(clusters, ledger, new TokenCensus(), hygieneConfig,
                remediationView, reader, clock, lock, new RunIds());
        Supersession supersession = new Supersession(ledger, remediation, clock, new FollowUpSchedule(aws,
                rotationView));
        RotateTokenFunction rotate = new RotateTokenFunction(new RotateTokenTriggers(new RotationService(clusters,
                tokens, secretStore, supersession, rotationView, hygieneConfig, remediationView, clock), reader, mapper,
                budget, clusterView, createView, rotationView));
        RotationFollowUpFunction followUp = new RotationFollowUpFunction(new FollowUpService(clusters,
                new RotationFollowUps(ledger, remediation, clock, lock), reader, clock));
        SecretRotationVersions versions = new SecretRotationVersions(aws, createView);
        SecretRotationFunction rotateSecret = new SecretRotationFunction(new SecretRotationService(reader, versions,
                clusters, tokens, new SecretRotationHandoff(versions, supersession, rotationView),
                new IdempotencyStore(aws, createView)));
        call("rotate-token", rotate, ROTATE, failures);
        call("rotation-follow-up", followUp, FOLLOW_UP, failures);
        call("rotate-secret", rotateSecret, SECRET_STEPS.stream().map(step -> String.format(step, createView
                .secretPrefix() + "snapstart-priming-rotated")).toList(), failures);
    }

    private static String step(String step, String version) {
        return "{\"Step\":\"" + step + "\",\"SecretId\":\"%s\",\"ClientRequestToken\":\"" + version + "\"}";
    }

    /** The {@code events} through Funqy's dispatch of {@code function} to priming's instance of it. */
    private static void call(String function, Object target, List<String> events, List<String> failures) {
        for (String event : events) {
            try {
                new FunqyDispatch(function, target).call(event);
            } catch (Exception | LinkageError e) {
                failures.add(function + ": " + Secrets.redact(String.valueOf(e)));
            }
        }
    }
}
