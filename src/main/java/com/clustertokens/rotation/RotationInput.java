package com.clustertokens.rotation;

import java.util.List;
import java.util.regex.Pattern;

import com.clustertokens.hygiene.report.StalePeriod;
import com.clustertokens.security.Secrets;

/** rotate-token's field rules, each problem named by its field; checked before any request leaves the function. */
final class RotationInput {

    private static final int MAX_FIELD = 256;
    // create-token's own rule, checked here too: its create comes after the old token is read.
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9_.:/=+@-]{1,128}");

    private RotationInput() {
    }

    /** restore-token's rules: required, an id or identifier, never the secret (which is never echoed). */
    static String token(String token, List<String> problems) {
        if (token == null || token.isBlank()) {
            problems.add("token: is required: the id of the token to rotate (or its identifier dt0c01.<public>)");
        } else if (Secrets.identifierOrNull(token) != null) {
            problems.add("token: looks like a token secret; give its id (or identifier dt0c01.<public>), never "
                    + "the secret");
        } else if (token.length() > MAX_FIELD) {
            problems.add("token: must be at most " + MAX_FIELD + " characters");
        } else {
            return token.strip();
        }
        return null;
    }

    /** A stale period of at most {@link RotationService#MAX_GRACE}; its shortest, PT1H, is the syntax's. */
    static StalePeriod grace(String text, String field, List<String> problems) {
        StalePeriod grace = StalePeriod.parse(field, text, problems);
        if (grace != null && grace.length().compareTo(RotationService.MAX_GRACE) > 0) {
            problems.add(field + ": at most P90D, got " + grace.text() + "; a token kept longer is not rotated");
            return null;
        }
        return grace;
    }

    static void optional(RotateTokenRequest request, List<String> problems) {
        if (request.idempotencyKey() != null && !IDEMPOTENCY_KEY.matcher(request.idempotencyKey()).matches()) {
            problems.add("idempotencyKey: 1 to 128 of letters, digits and _.:/=+@-");
        }
        if (request.requester() != null && (request.requester().isBlank()
                || request.requester().length() > MAX_FIELD)) {
            problems.add("requester: 1 to " + MAX_FIELD + " characters when given");
        }
        if (request.expiresIn() != null && (request.expiresIn().value() == null || request.expiresIn()
                .value() <= 0)) {
            problems.add("expiresIn.value: must be a positive integer, got " + request.expiresIn().value());
        }
    }
}
