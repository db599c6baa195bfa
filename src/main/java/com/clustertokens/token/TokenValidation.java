package com.clustertokens.token;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.clustertokens.cluster.CreateToken;
import com.clustertokens.cluster.ExpiresIn;
import com.clustertokens.cluster.ListQuery;
import com.clustertokens.cluster.TokenScope;
import com.clustertokens.error.InvalidInputException;
import com.clustertokens.error.Quoted;
import com.clustertokens.lambda.OutputFormat;

/** The rules a request must meet before anything is sent to the cluster, each stated once. */
final class TokenValidation {

    /** Fits a DynamoDB key, a Secrets Manager tag value and a log line unchanged. */
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9_.:/=+@-]{1,128}");
    private static final int MAX_REQUESTER = 256;

    private TokenValidation() {
    }

    /** The create to run: the body checked, and the key, requester and delivery resolved against the origin. */
    static CreationRequest checkCreate(CreateTokenRequest request, Origin origin) {
        List<String> problems = bodyProblems(request.body());
        if (request.idempotencyKey() != null && !IDEMPOTENCY_KEY.matcher(request.idempotencyKey()).matches()) {
            problems.add("idempotencyKey: " + Quoted.of(request.idempotencyKey()) + " must be 1 to 128 letters, digits "
                    + "or _.:/=+@-");
        }
        if (request.requester() != null && (request.requester().isBlank()
                || request.requester().length() > MAX_REQUESTER)) {
            problems.add("requester: must be 1 to " + MAX_REQUESTER + " characters, not blank");
        }
        boolean text = OutputFormat.wantsSummary(request.format());
        Delivery delivery = request.delivery();
        if (origin.pipeline() && delivery == Delivery.RETURN) {
            problems.add("delivery: a token created from a pipeline (SQS, EventBridge) is always stored in Secrets "
                    + "Manager, as nobody reads the function's result; remove delivery or use secretsManager");
        } else if (text && delivery == Delivery.RETURN) {
            problems.add("delivery: format text is for chat channels, where a returned secret would be posted; use "
                    + "secretsManager (the default with format text)");
        }
        failIfAny(problems);
        if (delivery == null) {
            delivery = origin.pipeline() || text ? Delivery.SECRETS_MANAGER : Delivery.RETURN;
        }
        String key = request.idempotencyKey() != null ? request.idempotencyKey() : origin.defaultKey();
        String requester = request.requester() != null ? request.requester() : origin.defaultRequester();
        return new CreationRequest(request.body(), delivery, key, requester, request.format(), origin.trigger());
    }

    static CreateToken checkCreate(CreateToken request) {
        failIfAny(bodyProblems(request));
        return request;
    }

    private static List<String> bodyProblems(CreateToken request) {
        List<String> problems = new ArrayList<>();
        if (request.name() == null) {
            problems.add("name: is required");
        } else if (request.name().isBlank()) {
            problems.add("name: must not be blank");
        }
        if (request.scopes() == null) {
            problems.add("scopes: is required (a list of cluster token scopes)");
        } else if (request.scopes().isEmpty()) {
            problems.add("scopes: must name at least one scope");
        } else {
            checkNoNulls("scopes", request.scopes(), problems);
        }
        ExpiresIn expiresIn = request.expiresIn();
        if (expiresIn != null) {
            if (expiresIn.value() == null) {
                problems.add("expiresIn.value: is required when expiresIn is given");
            } else if (expiresIn.value() <= 0) {
                problems.add("expiresIn.value: must be a positive integer, got " + expiresIn.value());
            }
        }
        return problems;
    }

    static ListQuery checkList(ListTokensRequest request) {
        List<String> problems = new ArrayList<>();
        if (request.limit() != null && (request.limit() < 1 || request.limit() > ListQuery.MAX_LIMIT)) {
            problems.add("limit: must be between 1 and " + ListQuery.MAX_LIMIT + ", got " + request.limit());
        }
        if (request.user() != null && request.user().isBlank()) {
            problems.add("user: must not be blank when given");
        }
        if (request.permissions() != null) {
            checkNoNulls("permissions", request.permissions(), problems);
        }
        if (request.from() != null && request.to() != null
                && request.from().epochMillis() > request.to().epochMillis()) {
            problems.add("from: must not be after to (" + request.from().toInstant() + " > "
                    + request.to().toInstant() + ")");
        }
        failIfAny(problems);
        return new ListQuery(request.limit(), request.user(), request.permissions(),
                request.from() == null ? null : request.from().epochMillis(),
                request.to() == null ? null : request.to().epochMillis());
    }

    private static void checkNoNulls(String field, List<TokenScope> scopes, List<String> problems) {
        for (int i = 0; i < scopes.size(); i++) {
            if (scopes.get(i) == null) {
                problems.add(field + "[" + i + "]: must be a cluster token scope, not null");
            }
        }
    }

    private static void failIfAny(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }
}
