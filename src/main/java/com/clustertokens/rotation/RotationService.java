package com.clustertokens.rotation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.clustertokens.cluster.ClusterClients;
import com.clustertokens.cluster.ClusterTokenClient;
import com.clustertokens.cluster.ExpiresIn;
import com.clustertokens.cluster.TokenMetadata;
import com.clustertokens.cluster.TokenScope;
import com.clustertokens.error.AwsUnavailableException;
import com.clustertokens.error.InvalidInputException;
import com.clustertokens.error.RotationRefusedException;
import com.clustertokens.hygiene.HygieneConfig;
import com.clustertokens.hygiene.census.NamePatterns;
import com.clustertokens.hygiene.report.StalePeriod;
import com.clustertokens.lambda.OutputFormat;
import com.clustertokens.remediation.LedgerEntry;
import com.clustertokens.remediation.RemediationClock;
import com.clustertokens.remediation.RemediationConfig;
import com.clustertokens.remediation.RestoreCommand;
import com.clustertokens.security.Secrets;
import com.clustertokens.token.CreateTokenRequest;
import com.clustertokens.token.CreatedToken;
import com.clustertokens.token.Delivery;
import com.clustertokens.token.Origin;
import com.clustertokens.token.TokenSecretStore;
import com.clustertokens.token.TokenService;

/**
 * rotate-token, Dynatrace's rotation: read the old token, create its replacement (same name and scopes) exactly once
 * through create-token's claim, reconciliation and secret storage, then hand the old one to its follow-up (revoked
 * when the grace ends, deleted later). Nothing is sent before the request and the old token pass every check.
 */
@ApplicationScoped
public class RotationService {

    /** Longest grace: an old token valid for longer than a quarter is not rotated but kept. */
    static final Duration MAX_GRACE = Duration.ofDays(90);
    private static final Logger LOG = Logger.getLogger(RotationService.class);

    private final ClusterClients clients;
    private final TokenService tokens;
    private final TokenSecretStore secrets;
    private final Supersession supersession;
    private final RotationConfig config;
    private final HygieneConfig hygiene;
    private final RemediationConfig remediation;
    private final RemediationClock clock;

    public RotationService(ClusterClients clients, TokenService tokens, TokenSecretStore secrets,
            Supersession supersession, RotationConfig config, HygieneConfig hygiene, RemediationConfig remediation,
            RemediationClock clock) {
        this.clients = clients;
        this.tokens = tokens;
        this.secrets = secrets;
        this.supersession = supersession;
        this.config = config;
        this.hygiene = hygiene;
        this.remediation = remediation;
        this.clock = clock;
    }

    public RotationResult rotate(RotateTokenRequest request, Origin origin) {
        List<String> problems = new ArrayList<>();
        String token = RotationInput.token(request.token(), problems);
        StalePeriod grace = RotationInput.grace(request.grace() == null ? config.grace() : request.grace(),
                request.grace() == null ? "ROTATION_GRACE" : "grace", problems);
        RotationInput.optional(request, problems);
        if (origin.pipeline() && request.delivery() == Delivery.RETURN) {
            // create-token would refuse it too, but only after the old token was read: refused here, nothing is sent.
            problems.add("delivery: a replacement rotated from a pipeline (SQS, EventBridge) is always stored in "
                    + "Secrets Manager, as nobody reads the function's result; remove delivery or use secretsManager");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return clients.within(request.cluster(), cluster -> rotate(cluster, request, origin, token, grace));
    }

    private RotationResult rotate(ClusterTokenClient cluster, RotateTokenRequest request, Origin origin, String id,
            StalePeriod grace) {
        TokenMetadata old = cluster.metadata(id);
        String restore = RestoreCommand.of(remediation.restoreCommand(), cluster.cluster().isDefault()
                ? null
                : cluster.clusterName(), old.id());
        Optional<LedgerEntry.Rotation> earlier = supersession.check(cluster, old.id());
        if (earlier.isPresent()) {
            // A repeat, or a second request for a token already rotated: neither may create another replacement.
            LedgerEntry.Rotation r = earlier.get();
            return answer(request, new RotationResult(cluster.clusterName(), old.id(), r.supersededBy(), null,
                    old.name(), null, null, null, r.revokeDue(), null, null, restore, true, "already rotated at "
                            + r.rotatedAt() + " (" + r.run() + "): the replacement is token " + r.supersededBy()
                            + "; nothing was created", null));
        }
        refuse(cluster, old);
        CreatedToken created = tokens.create(new CreateTokenRequest(request.cluster(), old.name(), scopes(old),
                request.expiresIn() != null ? request.expiresIn() : lifetime(old), key(cluster, request, old),
                request.requester(), request.delivery() == null ? Delivery.SECRETS_MANAGER : request.delivery(),
                null), origin);
        String newId = replacementId(cluster, created);
        Supersession.Handoff handoff = supersession.supersede(cluster, old, newId, grace.length(), request
                .requester(), "rotation-" + newId);
        LOG.infof("Rotated token %s (%s): replacement %s (%s), old one revoked at %s", old.id(), old.name(), newId,
                created.identifier(), handoff.revokeDue());
        return answer(request, new RotationResult(cluster.clusterName(), old.id(), newId, created.identifier(), old
                .name(), created.delivery(), created.token(), created.secretArn(), handoff.revokeDue(), handoff
                        .deleteDue(), handoff.schedule(), restore, Boolean.TRUE.equals(created.repeated())
                                ? true
                                : null,
                handoff.note(), null));
    }

    /** Refused with why, before anything is created: tokens whose rotation would break or mean nothing. */
    private void refuse(ClusterTokenClient cluster, TokenMetadata old) {
        String why = null;
        if (old.id().equals(cluster.caller().id())) {
            why = "it is the API token this function calls with: rotate it where DT_API_TOKEN_SECRET_ARN is kept";
        } else if (NamePatterns.of(hygiene.autoCreatedNames(), List.of(), new ArrayList<>()).reasonFor(old
                .name()) != null) {
            why = "the cluster created it itself (HYGIENE_AUTO_CREATED_NAMES); Dynatrace warns that replacing it "
                    + "can break what still uses it";
        } else if (old.revoked()) {
            why = "it is revoked: nothing uses it, so nothing needs a replacement; create a new token instead";
        } else if (old.expires() != null && !Instant.ofEpochMilli(old.expires()).isAfter(clock.now())) {
            why = "it expired at " + Instant.ofEpochMilli(old.expires()) + "; create a new token instead";
        } else if (old.personalAccessToken()) {
            why = "it is a personal access token: its owner rotates it";
        }
        if (why != null) {
            throw new RotationRefusedException("Token " + old.id() + " is not rotated: " + why);
        }
    }

    private static List<TokenScope> scopes(TokenMetadata old) {
        List<TokenScope> scopes = new ArrayList<>();
        for (String scope : old.scopes() == null ? List.<String>of() : old.scopes()) {
            try {
                scopes.add(TokenScope.of(scope));
            } catch (IllegalArgumentException e) {
                throw new RotationRefusedException("Token " + old.id() + " is not rotated: its scope " + scope
                        + " is newer than this function, which would create its replacement without it");
            }
        }
        return scopes;
    }

    /** The old token's lifetime (expires - created), in days when whole; none when it never expires. */
    static ExpiresIn lifetime(TokenMetadata old) {
        if (old.expires() == null || old.created() == null) {
            return null;
        }
        Duration life = Duration.ofMillis(Math.max(1000, old.expires() - old.created()));
        return life.toMillis() % Duration.ofDays(1).toMillis() == 0
                ? new ExpiresIn(life.toDays(), ExpiresIn.Unit.DAYS)
                : new ExpiresIn(life.toSeconds(), ExpiresIn.Unit.SECONDS);
    }

    /** The request's key, or one derived from the cluster and the old token: a repeat reaches the same create. */
    static String key(ClusterTokenClient cluster, RotateTokenRequest request, TokenMetadata old) {
        return request.idempotencyKey() != null
                ? request.idempotencyKey()
                : "rotation:" + FollowUpSchedule.digest(cluster.clusterName() + "\n" + old.id(), 20);
    }

    private String replacementId(ClusterTokenClient cluster, CreatedToken created) {
        Optional<String> id;
        try {
            id = created.token() != null
                    ? Optional.of(cluster.lookup(created.token()).id())
                    : Optional.ofNullable(created.secretArn()).flatMap(secrets::tokenIdOf);
        } catch (TokenSecretStore.NotStored e) {
            throw new AwsUnavailableException("The replacement " + created.identifier() + " was created, but its id "
                    + "could not be read from its secret (" + e.getMessage() + "); rotate again with the same "
                    + "request: it creates nothing more", true);
        }
        return id.orElseThrow(() -> new RotationRefusedException("The replacement " + created.identifier()
                + " was created, but its id is not known (its secret names none, and a repeated answer holds no "
                + "secret): list-tokens finds it by name; the old token was not handed to a follow-up"));
    }

    private static RotationResult answer(RotateTokenRequest request, RotationResult result) {
        if (!OutputFormat.wantsSummary(request.format())) {
            return result;
        }
        return result.withSummary(Secrets.mask((Boolean.TRUE.equals(result.repeated()) ? "Already rotated" : "Rotated")
                + " token " + result.name() + " (" + result.oldId() + "): replacement " + result.newId()
                + (result.secretArn() == null ? "" : ", secret " + result.secretArn()) + "; the old one is revoked at "
                + result.revokeDue() + (result.deleteDue() == null ? "" : " and deleted at " + result.deleteDue())
                + ". To keep the old one: `" + result.restore() + "`"));
    }
}
