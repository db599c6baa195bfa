package com.clustertokens.aws;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.clustertokens.error.AwsUnavailableException;
import com.clustertokens.lambda.Deadline;
import com.clustertokens.security.Secrets;

import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * Secret strings from AWS Secrets Manager, cached for {@code aws.secret-cache-ttl} so a warm Lambda does not read
 * them on every invocation, yet picks up a rotation. Values are registered for redaction and never logged.
 */
@ApplicationScoped
public class SecretValues {

    private static final Logger LOG = Logger.getLogger(SecretValues.class);

    private final AwsClients aws;
    private final AwsConfig config;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(String value, long readAtNanos) {
    }

    public SecretValues(AwsClients aws, AwsConfig config) {
        this.aws = aws;
        this.config = config;
    }

    /** {@code arn}: an ARN or a secret name. */
    public String get(String arn) {
        return get(arn, aws::withinBudget);
    }

    /** Read within {@code deadline}: for an invocation's work on a thread of its own. */
    public String get(String arn, Deadline deadline) {
        return get(arn, () -> aws.withinBudget(deadline, Duration.ZERO));
    }

    private String get(String arn, Supplier<AwsRequestOverrideConfiguration> limits) {
        long now = System.nanoTime();
        Cached cached = cache.get(arn);
        if (cached != null && now - cached.readAtNanos() < config.secretCacheTtl().toNanos()) {
            return cached.value();
        }
        String value = read(arn, limits.get());
        Secrets.register(value);
        cache.put(arn, new Cached(value, now));
        LOG.debugf("Read secret %s from Secrets Manager", arn);
        return value;
    }

    /** Forgets the cached value of {@code arn}, returning it (null when none). */
    public String evict(String arn) {
        return Optional.ofNullable(cache.remove(arn)).map(Cached::value).orElse(null);
    }

    public void clear() {
        cache.clear();
    }

    private String read(String arn, AwsRequestOverrideConfiguration limits) {
        GetSecretValueResponse response;
        try {
            response = aws.secretsManager().getSecretValue(b -> b.secretId(arn).overrideConfiguration(limits));
        } catch (SdkException e) {
            throw new AwsUnavailableException("Could not read secret " + arn + " from Secrets Manager: "
                    + AwsFailures.describe(e), AwsFailures.retryable(e));
        }
        String value = response.secretString();
        if (value == null || value.isBlank()) {
            throw new AwsUnavailableException("Secret " + arn + " holds no secret string (binary or empty): "
                    + "store the value as plain text", false);
        }
        return value.strip();
    }
}
