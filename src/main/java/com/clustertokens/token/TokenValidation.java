package com.clustertokens.token;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
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
        String key = request.idempotencyKey();
        String requester = request.requester();
        boolean text = OutputFormat.wantsSummary(request.format());
        Delivery delivery = request.delivery();
        rule(problems, key == null || IDEMPOTENCY_KEY.matcher(key).matches(), () -> "idempotencyKey: "
                + Quoted.of(key) + " must be 1 to 128 letters, digits or _.:/=+@-");
        rule(problems, requester == null || !requester.isBlank() && requester.length() <= MAX_REQUESTER,
                () -> "requester: must be 1 to " + MAX_REQUESTER + " characters, not blank");
        rule(problems, !origin.pipeline() || delivery != Delivery.RETURN, () -> "delivery: a token created from a "
                + "pipeline (SQS, EventBridge) is always stored in Secrets Manager, as nobody reads the function's "
                + "result; remove delivery or use secretsManager");
        rule(problems, origin.pipeline() || !text || delivery != Delivery.RETURN, () -> "delivery: format text is "
                + "for chat channels, where a returned secret would be posted; use secretsManager (the default with "
                + "format text)");
        failIfAny(problems);
        if (delivery == null) {
            delivery = origin.pipeline() || text ? Delivery.SECRETS_MANAGER : Delivery.RETURN;
        }
        return new CreationRequest(request.body(), delivery, key != null ? key : origin.defaultKey(),
                requester != null ? requester : origin.defaultRequester(), request.format(), origin.trigger());
    }

    static CreateToken checkCreate(CreateToken request) {
        failIfAny(bodyProblems(request));
        return request;
    }

    private static List<String> bodyProblems(CreateToken request) {
        List<String> problems = new ArrayList<>();
        String name = request.name();
        List<TokenScope> scopes = request.scopes();
        ExpiresIn expiresIn = request.expiresIn();
        rule(problems, name != null, () -> "name: is required");
        rule(problems, name == null || !name.isBlank(), () -> "name: must not be blank");
        rule(problems, scopes != null, () -> "scopes: is required (a list of cluster token scopes)");
        rule(problems, scopes == null || !scopes.isEmpty(), () -> "scopes: must name at least one scope");
        checkNoNulls("scopes", scopes, problems);
        if (expiresIn != null) {
            rule(problems, expiresIn.value() != null, () -> "expiresIn.value: is required when expiresIn is given");
            rule(problems, expiresIn.value() == null || expiresIn.value() > 0,
                    () -> "expiresIn.value: must be a positive integer, got " + expiresIn.value());
        }
        return problems;
    }

    static ListQuery checkList(ListTokensRequest request) {
        List<String> problems = new ArrayList<>();
        Integer limit = request.limit();
        rule(problems, limit == null || limit >= 1 && limit <= ListQuery.MAX_LIMIT,
                () -> "limit: must be between 1 and " + ListQuery.MAX_LIMIT + ", got " + limit);
        rule(problems, request.user() == null || !request.user().isBlank(), () -> "user: must not be blank when given");
        checkNoNulls("permissions", request.permissions(), problems);
        Long from = request.from() == null ? null : request.from().epochMillis();
        Long to = request.to() == null ? null : request.to().epochMillis();
        rule(problems, from == null || to == null || from <= to, () -> "from: must not be after to ("
                + request.from().toInstant() + " > " + request.to().toInstant() + ")");
        failIfAny(problems);
        return new ListQuery(limit, request.user(), request.permissions(), from, to);
    }

    /** Adds {@code problem} when {@code met} is false; built only then, as it may quote the value. */
    private static void rule(List<String> problems, boolean met, Supplier<String> problem) {
        if (!met) {
            problems.add(problem.get());
        }
    }

    private static void checkNoNulls(String field, List<TokenScope> scopes, List<String> problems) {
        for (int i = 0; scopes != null && i < scopes.size(); i++) {
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
