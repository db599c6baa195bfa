package com.clustertokens.hygiene;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import com.clustertokens.cluster.TokenScope;
import com.clustertokens.hygiene.census.NamePatterns;
import com.clustertokens.hygiene.report.StalePeriod;

/**
 * One run's resolved parameters; {@code id} is its identity (the schedule's time or the event's id, the same on every
 * retry; null for a direct run, which is never deduplicated).
 */
record HygieneRun(Instant now, Instant cutoff, StalePeriod staleAfter, String trigger, String id, String user,
        List<TokenScope> permissions, NamePatterns exclusions) {

    /**
     * The run's key in the run table: its identity with everything that shapes its report, so the same identity
     * with other parameters is another run. Null for a run without identity (a direct invocation).
     */
    String key(String clusterUrl, List<String> autoCreatedNames) {
        if (id == null) {
            return null;
        }
        String parameters = String.join("\n", id, clusterUrl, now.toString(), cutoff.toString(), String.valueOf(user),
                permissionNames().toString(), exclusions.globs().toString(), autoCreatedNames.toString());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(parameters.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    List<String> permissionNames() {
        return permissions.stream().map(TokenScope::wireName).toList();
    }
}
