package com.clustertokens.rotation;

import static com.clustertokens.rotation.SecretRotationVersions.CURRENT;
import static com.clustertokens.rotation.SecretRotationVersions.PREVIOUS;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.clustertokens.cluster.ClusterTokenClient;
import com.clustertokens.cluster.TokenMetadata;
import com.clustertokens.error.ConfigurationException;
import com.clustertokens.error.SecretRotationFailedException;
import com.clustertokens.error.TokenNotFoundException;
import com.clustertokens.hygiene.report.StalePeriod;
import com.clustertokens.rotation.SecretRotationVersions.RotatedSecret;
import com.clustertokens.security.Secrets;

/** finishSecret's hand-off of the token a rotated secret held before to the same follow-up as rotate-token's. */
@ApplicationScoped
public class SecretRotationHandoff {

    private final SecretRotationVersions versions;
    private final Supersession supersession;
    private final RotationConfig config;

    public SecretRotationHandoff(SecretRotationVersions versions, Supersession supersession, RotationConfig config) {
        this.versions = versions;
        this.supersession = supersession;
        this.config = config;
    }

    /**
     * The token AWSCURRENT held before (now AWSPREVIOUS) to the superseded follow-up: revoked when ROTATION_GRACE
     * ends, deleted REMEDIATION_DELETE_AFTER later (docs/rotation.md). Repeated with the same replacement, the first
     * hand-off stands; a failure fails the step, so a repeat of finishSecret finishes it.
     */
    String handOff(ClusterTokenClient cluster, RotatedSecret secret, String version) {
        RotatedSecret now = versions.describe(secret.arn());
        String previous = now.versionLabelled(PREVIOUS).orElse(null);
        Optional<String> value = previous == null ? Optional.empty() : versions.value(now, previous, PREVIOUS);
        if (value.isEmpty()) {
            return "no AWSPREVIOUS version: no earlier token to retire";
        }
        String shown = Secrets.identifier(value.get());
        TokenMetadata old;
        try {
            old = cluster.lookup(value.get());
        } catch (TokenNotFoundException e) {
            return "the earlier token " + shown + " no longer exists: nothing to retire";
        }
        String replacement = cluster.lookup(versions.value(now, version, CURRENT).orElseThrow()).id();
        Supersession.Handoff handoff;
        try {
            handoff = supersession.supersede(cluster, old, replacement, grace(), SecretRotationService.REQUESTER,
                    "rotation-"
                            + replacement);
        } catch (RuntimeException e) {
            throw new SecretRotationFailedException("finishSecret: AWSCURRENT of secret " + secret.name()
                    + " holds replacement " + replacement + ", but handing the earlier token " + old.id() + " to "
                    + "its follow-up failed (" + Secrets.redact(String.valueOf(e.getMessage())) + "): it stays live; "
                    + "run finishSecret again (aws secretsmanager rotate-secret retries the rotation) or revoke it");
        }
        return "the earlier token " + shown + " (id " + old.id() + ") is superseded: revoked at "
                + handoff.revokeDue() + ", deleted at " + handoff.deleteDue() + (handoff.schedule() == null
                        ? " by the nightly run"
                        : " (schedule " + handoff.schedule() + ")");
    }

    private Duration grace() {
        List<String> problems = new ArrayList<>();
        StalePeriod grace = RotationInput.grace(config.grace(), "ROTATION_GRACE", problems);
        if (grace == null) {
            throw new ConfigurationException(String.join("; ", problems));
        }
        return grace.length();
    }
}
