package com.clustertokens.rotation;

import static com.clustertokens.rotation.SecretRotationVersions.CURRENT;
import static com.clustertokens.rotation.SecretRotationVersions.PENDING;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.clustertokens.cluster.ClusterClients;
import com.clustertokens.cluster.ClusterTokenClient;
import com.clustertokens.cluster.TokenMetadata;
import com.clustertokens.error.AwsUnavailableException;
import com.clustertokens.error.SecretRotationFailedException;
import com.clustertokens.error.TokenNotFoundException;
import com.clustertokens.lambda.RequestReader;
import com.clustertokens.rotation.SecretRotationVersions.RotatedSecret;
import com.clustertokens.security.Secrets;
import com.clustertokens.token.CreateTokenRequest;
import com.clustertokens.token.CreatedToken;
import com.clustertokens.token.Delivery;
import com.clustertokens.token.IdempotencyStore;
import com.clustertokens.token.Origin;
import com.clustertokens.token.TokenService;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Secrets Manager rotation of a secret create-token stored (docs/rotation.md, "Secrets Manager rotation"). Each step
 * is idempotent, as Secrets Manager repeats a step with the same ClientRequestToken; a step that fails for good leaves
 * AWSCURRENT as it was and deletes a replacement that never became current.
 */
@ApplicationScoped
public class SecretRotationService {

    /** The requester create-token records for a replacement (its idempotency record, the secret's tags). */
    static final String REQUESTER = "secrets-manager-rotation";

    private static final Logger LOG = Logger.getLogger(SecretRotationService.class);

    private final RequestReader reader;
    private final SecretRotationVersions versions;
    private final ClusterClients clients;
    private final TokenService tokens;
    private final SecretRotationHandoff handoff;
    private final IdempotencyStore records;

    public SecretRotationService(RequestReader reader, SecretRotationVersions versions, ClusterClients clients,
            TokenService tokens, SecretRotationHandoff handoff, IdempotencyStore records) {
        this.reader = reader;
        this.versions = versions;
        this.clients = clients;
        this.tokens = tokens;
        this.handoff = handoff;
        this.records = records;
    }

    /** The idempotency key of a version's createSecret: a repeated step claims it again, never a second token. */
    static String createKey(String version) {
        return "secret-rotation:" + version;
    }

    public SecretRotationResult rotate(JsonNode input) {
        SecretRotationEvent event = reader.read(input, SecretRotationEvent.class).checked();
        RotatedSecret secret = versions.describe(event.secretId());
        String version = event.clientRequestToken();
        SecretRotationStep step = event.step();
        if (!secret.stages().containsKey(version)) {
            throw new SecretRotationFailedException(step.wire() + ": version " + version + " is not a version of "
                    + "secret " + secret.name() + "; AWSCURRENT is unchanged");
        }
        if (secret.labels(version, CURRENT) && step != SecretRotationStep.FINISH_SECRET) {
            return done(step, secret, version, "version is already AWSCURRENT: nothing to do");
        }
        if (!secret.labels(version, PENDING) && !secret.labels(version, CURRENT)) {
            throw new SecretRotationFailedException(step.wire() + ": version " + version + " of secret "
                    + secret.name() + " is not AWSPENDING, so it is not being rotated; AWSCURRENT is unchanged");
        }
        return clients.within(secret.cluster(), cluster -> switch (step) {
            case CREATE_SECRET -> create(cluster, secret, version);
            case SET_SECRET -> done(step, secret, version, "nothing to set: the cluster token is itself the "
                    + "credential, and the cluster made it in createSecret");
            case TEST_SECRET -> test(cluster, secret, version);
            case FINISH_SECRET -> finish(cluster, secret, version);
        });
    }

    private SecretRotationResult create(ClusterTokenClient cluster, RotatedSecret secret, String version) {
        SecretRotationStep step = SecretRotationStep.CREATE_SECRET;
        Optional<String> stored = versions.value(secret, version, PENDING);
        if (stored.isPresent()) {
            return done(step, secret, version, "already holds replacement " + Secrets.identifier(stored.get()));
        }
        TokenMetadata old = currentToken(cluster, secret, step);
        CreatedToken created = tokens.create(new CreateTokenRequest(cluster.clusterName(), old.name(),
                SecretRotationTokens.scopes(old,
                        secret.name()), RotationService.lifetime(old), createKey(version), REQUESTER,
                Delivery.RETURN, null),
                new Origin("rotation of secret " + secret.name(), null, null, false));
        if (created.token() == null) {
            // The secret of a token is shown once, by its create: a repeat of the create cannot give it again.
            versions.moveStage(secret, PENDING, null, version);
            throw new SecretRotationFailedException("createSecret: an earlier attempt of this step created "
                    + "replacement " + created.identifier() + " for version " + version + " of secret " + secret.name()
                    + ", but its value never reached the version (that attempt failed or ended between the create "
                    + "and the store), and a cluster shows a token's secret only once. AWSPENDING was removed and "
                    + "AWSCURRENT still holds token " + old.id() + "; rotate again (a new version), and delete "
                    + created.identifier() + " if list-tokens still shows it (name " + old.name() + ")");
        }
        try {
            versions.putPending(secret, version, created.token());
        } catch (RuntimeException e) {
            discard(cluster, secret, version, created.token());
            throw e;
        }
        return done(step, secret, version, "stored replacement " + created.identifier() + " of token " + old.id()
                + " as AWSPENDING");
    }

    private SecretRotationResult test(ClusterTokenClient cluster, RotatedSecret secret, String version) {
        SecretRotationStep step = SecretRotationStep.TEST_SECRET;
        String pending = versions.value(secret, version, PENDING).orElseThrow(() -> new SecretRotationFailedException(
                "testSecret: version " + version + " of secret " + secret.name() + " holds no value: createSecret "
                        + "has not stored it; AWSCURRENT is unchanged"));
        TokenMetadata old = currentToken(cluster, secret, step);
        String shown = Secrets.identifier(pending);
        TokenMetadata replacement;
        try {
            replacement = cluster.lookup(pending);
        } catch (TokenNotFoundException e) {
            throw failed(cluster, secret, version, pending, shown + " does not exist on the cluster");
        }
        if (replacement.id().equals(old.id())) {
            // RotateSecret with RotateImmediately false checks the function on a copy of AWSCURRENT: never delete it.
            return done(step, secret, version, "holds the AWSCURRENT token " + shown + " itself (Secrets Manager's "
                    + "check of the rotation setup): live, nothing more to test");
        }
        String problem = SecretRotationTokens.problem(replacement, old, Instant.now());
        if (problem != null) {
            throw failed(cluster, secret, version, pending, shown + " " + problem);
        }
        return done(step, secret, version, "replacement " + shown + " (id " + replacement.id() + ") is live, not "
                + "revoked, with the scopes " + replacement.scopes() + " of token " + old.id());
    }

    private SecretRotationResult finish(ClusterTokenClient cluster, RotatedSecret secret, String version) {
        SecretRotationStep step = SecretRotationStep.FINISH_SECRET;
        String current = secret.versionLabelled(CURRENT).orElse(null);
        String outcome = "version was already AWSCURRENT";
        if (!version.equals(current)) {
            String pending = versions.value(secret, version, PENDING).orElseThrow(
                    () -> new SecretRotationFailedException("finishSecret: version " + version + " of secret "
                            + secret.name() + " holds no value; AWSCURRENT is unchanged"));
            TokenMetadata replacement = cluster.lookup(pending);
            // The tags first: create-token overwrites a secret only when the token its tags name is gone.
            versions.nameToken(secret, replacement.id(), Secrets.identifierOrNull(pending));
            versions.moveStage(secret, CURRENT, version, current);
            outcome = "moved AWSCURRENT to replacement " + Secrets.identifier(pending) + " (id " + replacement.id()
                    + ")";
        }
        if (secret.labels(version, PENDING)) {
            // One of Secrets Manager's two end states: AWSPENDING on no version, so the next rotation may start.
            versions.moveStage(secret, PENDING, null, version);
        }
        return done(step, secret, version, outcome + "; " + handoff.handOff(cluster, secret, version));
    }

    /** The token AWSCURRENT holds, refused when it was deleted or revoked meanwhile. */
    private TokenMetadata currentToken(ClusterTokenClient cluster, RotatedSecret secret, SecretRotationStep step) {
        String version = secret.versionLabelled(CURRENT).orElseThrow(() -> new SecretRotationFailedException(
                step.wire() + ": secret " + secret.name() + " has no AWSCURRENT version"));
        String token = versions.value(secret, version, CURRENT).orElseThrow(() -> new SecretRotationFailedException(
                step.wire() + ": the AWSCURRENT version of secret " + secret.name() + " holds no value"));
        String shown = Secrets.identifier(token);
        TokenMetadata old;
        try {
            old = cluster.lookup(token);
        } catch (TokenNotFoundException e) {
            throw new SecretRotationFailedException(step.wire() + ": the token behind AWSCURRENT (" + shown + ") "
                    + "of secret " + secret.name() + " no longer exists on cluster " + cluster.clusterName()
                    + ": nothing to rotate; create a new token (create-token)");
        }
        if (old.revoked()) {
            throw new SecretRotationFailedException(step.wire() + ": the token behind AWSCURRENT (" + shown + ", id "
                    + old.id() + ") of secret " + secret.name() + " is revoked on cluster " + cluster.clusterName()
                    + ": nothing to rotate; restore it (restore-token) or create a new token (create-token)");
        }
        return old;
    }

    private SecretRotationFailedException failed(ClusterTokenClient cluster, RotatedSecret secret, String version,
            String pending, String problem) {
        String undone = madeByThisRotation(version, pending)
                ? discard(cluster, secret, version, pending)
                : keep(secret, version, pending);
        return new SecretRotationFailedException("testSecret: replacement " + problem + "; " + undone
                + ". AWSCURRENT of secret " + secret.name() + " is unchanged and its token keeps working; the next "
                + "rotation starts over");
    }

    /** Deletes a replacement that never became current and frees AWSPENDING; says what it did. */
    private String discard(ClusterTokenClient cluster, RotatedSecret secret, String version, String pending) {
        String shown = Secrets.identifier(pending);
        String deleted;
        try {
            cluster.delete(cluster.lookup(pending).id());
            deleted = "deleted it";
        } catch (TokenNotFoundException e) {
            deleted = "it is gone from the cluster";
        } catch (RuntimeException e) {
            deleted = "deleting it failed (" + Secrets.redact(String.valueOf(e.getMessage())) + "): delete " + shown
                    + " by hand";
        }
        return freePending(secret, version, shown, deleted + " and");
    }

    /**
     * Whether this version's createSecret made the pending token: only then may a failed test delete it. A value
     * put as AWSPENDING by hand (or by another rotator) is someone else's token.
     */
    private boolean madeByThisRotation(String version, String pending) {
        try {
            return records.identifierOf(createKey(version)).filter(Secrets.identifier(pending)::equals).isPresent();
        } catch (AwsUnavailableException e) {
            LOG.warnf("Rotation, version %s: could not read which token its createSecret made (%s); the pending "
                    + "token is not deleted", version, e.getMessage());
            return false;
        }
    }

    /** Frees AWSPENDING but leaves a pending token this rotation did not make on the cluster; says so. */
    private String keep(RotatedSecret secret, String version, String pending) {
        String shown = Secrets.identifier(pending);
        return freePending(secret, version, shown, "it was not deleted: no record of this version's createSecret "
                + "names " + shown + ", so it is not proven this rotation's token; whoever put it there decides;");
    }

    private String freePending(RotatedSecret secret, String version, String shown, String done) {
        String outcome;
        try {
            versions.moveStage(secret, PENDING, null, version);
            outcome = done + " removed AWSPENDING from version " + version;
        } catch (RuntimeException e) {
            outcome = done + " removing AWSPENDING from version " + version + " failed (" + e.getMessage() + ")";
        }
        LOG.warnf("Rotation of secret %s: replacement %s taken back: %s", secret.name(), shown, outcome);
        return outcome;
    }

    private static SecretRotationResult done(SecretRotationStep step, RotatedSecret secret, String version,
            String outcome) {
        LOG.infof("%s of secret %s, version %s: %s", step.wire(), secret.name(), version, outcome);
        return new SecretRotationResult(step, secret.name(), version, outcome);
    }
}
