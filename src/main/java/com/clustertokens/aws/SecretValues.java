package com.clustertokens.aws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.clustertokens.error.AwsUnavailableException;
import com.clustertokens.security.Secrets;

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

    /** A value and when it was read ({@link System#nanoTime()}). */
    private record Cached(String value, long readAt) {
    }

    public SecretValues(AwsClients aws, AwsConfig config) {
        this.aws = aws;
        this.config = config;
    }

    /** The secret string stored under {@code arn} (an ARN or a secret name). */
    public String get(String arn) {
        long now = System.nanoTime();
        Cached cached = cache.get(arn);
        if (cached != null && now - cached.readAt() < config.secretCacheTtl().toNanos()) {
            return cached.value();
        }
        String value = read(arn);
        Secrets.register(value);
        cache.put(arn, new Cached(value, now));
        LOG.debugf("Read secret %s from Secrets Manager", arn);
        return value;
    }

    /** Forgets the cached value of {@code arn}, returning it (null when none), so the next {@link #get} reads afresh. */
    public String evict(String arn) {
        Cached removed = cache.remove(arn);
        return removed == null ? null : removed.value();
    }

    /** Forgets every cached value, so the next {@link #get} reads afresh. */
    public void clear() {
        cache.clear();
    }

    private String read(String arn) {
        GetSecretValueResponse response;
        try {
            response = aws.secretsManager().getSecretValue(b -> b.secretId(arn)
                    .overrideConfiguration(aws.withinBudget()));
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
