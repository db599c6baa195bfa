package com.clustertokens.local;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.clustertokens.aws.AwsClients;
import com.clustertokens.aws.AwsConfig;
import com.clustertokens.error.ConfigurationException;
import com.clustertokens.hygiene.delivery.DeliveryConfig;
import com.clustertokens.hygiene.delivery.RunRecord;
import com.clustertokens.lambda.InvocationBudget;
import com.clustertokens.remediation.RemediationConfig;
import com.clustertokens.rotation.RotationConfig;
import com.clustertokens.token.CreateTokenConfig;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Local runs only: AWS is moto_server, started here on the port of {@code aws.endpoint-url} with the stack's tables
 * (idempotency, run, ledger) and rotation schedule group, so create-token's Secrets Manager delivery and keys,
 * remediate-tokens, restore-token and rotate-token (its follow-up schedule) work on stand-ins as on Lambda. Without moto_server on the PATH every AWS call is refused with one line saying so,
 * and the functions that need no AWS work as before.
 */
@IfBuildProfile("local")
@Alternative
@Priority(1)
@Singleton // not proxied: a client proxy of this subclass would need a no-args constructor AwsClients lacks
public class LocalAwsClients extends AwsClients {

    private static final Logger LOG = Logger.getLogger(LocalAwsClients.class);
    private static final Duration START = Duration.ofSeconds(30);

    private final Optional<URI> endpoint;
    private final List<Table> tables;
    private final Optional<String> scheduleGroup;
    private volatile Process moto;
    private volatile String unavailable = "the local AWS stand-in has not started yet";

    /** A table of the stack, as infra/template.yaml declares it: string keys, on demand. */
    private record Table(String name, String hashKey, String rangeKey) {
    }

    public LocalAwsClients(AwsConfig config, InvocationBudget budget, CreateTokenConfig create,
            DeliveryConfig delivery, RemediationConfig remediation, RotationConfig rotation) {
        super(config, budget);
        this.scheduleGroup = rotation.scheduleGroup();
        this.endpoint = config.endpointUrl();
        this.tables = List.of(
                // Keys as infra/template.yaml declares them (IdempotencyTable, StaleTokensRunTable, RemediationLedgerTable).
                new Table(create.idempotencyTable().orElse(""), "idempotencyKey", null),
                new Table(delivery.runTable().orElse(""), RunRecord.KEY, null),
                new Table(remediation.ledgerTable().orElse(""), "cluster", "tokenId"))
                .stream().filter(t -> !t.name().isBlank()).toList();
    }

    void start(@Observes StartupEvent event) {
        if (endpoint.isEmpty()) {
            unavailable = "no local stand-in of AWS is configured (aws.endpoint-url)";
            return;
        }
        int port = endpoint.get().getPort();
        try {
            moto = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true).redirectOutput(logFile(port)).start();
        } catch (IOException e) {
            unavailable = "moto_server, the local stand-in of AWS, is not installed (pip install 'moto[server]')";
            LOG.warnf("AWS is not available in this local run: %s; create-token with delivery secretsManager, "
                    + "format text or an idempotencyKey, remediate-tokens and restore-token refuse until it is",
                    unavailable);
            return;
        }
        String failure = awaitPort(port);
        if (failure != null) {
            unavailable = failure;
            LOG.warnf("AWS is not available in this local run: %s", failure);
            return;
        }
        unavailable = null;
        tables.forEach(this::create);
        scheduleGroup.ifPresent(this::createScheduleGroup);
        LOG.infof("Local stand-in of AWS (moto_server) at %s with tables %s%s", endpoint.get(),
                tables.stream().map(Table::name).toList(), scheduleGroup.map(g -> " and schedule group " + g)
                        .orElse(""));
    }

    void stop(@Observes ShutdownEvent event) {
        if (moto != null) {
            moto.destroy();
        }
    }

    @Override
    public SnsClient sns() {
        return available(super::sns);
    }

    @Override
    public SecretsManagerClient secretsManager() {
        return available(super::secretsManager);
    }

    @Override
    public DynamoDbClient dynamoDb() {
        return available(super::dynamoDb);
    }

    @Override
    public SsmClient ssm() {
        return available(super::ssm);
    }

    @Override
    public S3Client s3() {
        return available(super::s3);
    }

    @Override
    public SchedulerClient scheduler() {
        return available(super::scheduler);
    }

    private <C> C available(java.util.function.Supplier<C> client) {
        String why = unavailable;
        if (why != null) {
            throw new ConfigurationException("AWS is not available in this local run: " + why);
        }
        return client.get();
    }

    /** Without it rotate-token still rotates: its answer says the schedule could not be made, fleet-run follows up. */
    private void createScheduleGroup(String group) {
        try {
            super.scheduler().createScheduleGroup(b -> b.name(group));
        } catch (SdkException e) {
            LOG.warnf("The local rotation schedule group %s could not be made (%s); rotations are followed up by "
                    + "fleet-run only", group, e.getMessage());
        }
    }

    private void create(Table table) {
        List<AttributeDefinition> attributes = table.rangeKey() == null
                ? List.of(string(table.hashKey()))
                : List.of(string(table.hashKey()), string(table.rangeKey()));
        List<KeySchemaElement> keys = table.rangeKey() == null
                ? List.of(key(table.hashKey(), KeyType.HASH))
                : List.of(key(table.hashKey(), KeyType.HASH), key(table.rangeKey(), KeyType.RANGE));
        super.dynamoDb().createTable(b -> b.tableName(table.name()).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attributes).keySchema(keys));
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private String awaitPort(int port) {
        Instant giveUp = Instant.now().plus(START);
        while (Instant.now().isBefore(giveUp)) {
            if (!moto.isAlive()) {
                return "moto_server exited with " + moto.exitValue() + " (is port " + port + " taken? its output: "
                        + logFile(port) + ")";
            }
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return null;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return "interrupted while moto_server started";
                }
            }
        }
        moto.destroy();
        return "moto_server did not listen on port " + port + " within " + START.toSeconds() + " s";
    }

    private static File logFile(int port) {
        Path folder = Path.of("target", "local");
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            // the start itself then reports where it could not write
        }
        return folder.resolve("moto-" + port + ".log").toFile();
    }
}
