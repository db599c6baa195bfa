package com.clustertokens.simulator;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** One HTTP request the simulator received (headers keyed in lower case, body cut at 64 KB). */
public record RecordedRequest(
        String method,
        String path,
        String rawQuery,
        Map<String, List<String>> query,
        Map<String, List<String>> headers,
        String body) {

    private static final Pattern API_TOKEN_PARAM = Pattern.compile("(?i)(api-token=)[^&]*");
    private static final Pattern TOKEN_FIELD = Pattern.compile("(\"token\"\\s*:\\s*\")[^\"]*(\")");

    public RecordedRequest {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    /** First value of a header, looked up case-insensitively. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Every (decoded) value of a query parameter, empty when absent. */
    public List<String> queryParam(String name) {
        return query.getOrDefault(name, List.of());
    }

    @Override
    public String toString() {
        // Requests carry the Authorization header and lookup bodies: both hold secrets that must not reach logs.
        String shownHeaders = headers.entrySet().stream()
                .map(e -> e.getKey() + "=" + (e.getKey().equals("authorization")
                        ? redactAuthorization(e.getValue())
                        : TokenSecrets.redact(String.valueOf(e.getValue()))))
                .sorted()
                .collect(Collectors.joining(", ", "{", "}"));
        return "RecordedRequest[method=" + method + ", path=" + path + ", rawQuery=" + redactQuery(rawQuery)
                + ", headers=" + shownHeaders + ", body=" + redactBody(body) + "]";
    }

    private static String redactQuery(String query) {
        return query == null ? null : API_TOKEN_PARAM.matcher(TokenSecrets.redact(query)).replaceAll("$1***");
    }

    // Old clusters issue opaque secrets that no pattern recognises, so a lookup body's "token" is hidden outright.
    private static String redactBody(String text) {
        return text == null ? null : TOKEN_FIELD.matcher(TokenSecrets.redact(text)).replaceAll("$1***$2");
    }

    private static String redactAuthorization(List<String> values) {
        return values.stream().map(v -> {
            int space = v.indexOf(' ');
            String scheme = space < 0 ? "" : v.substring(0, space + 1);
            return scheme + TokenSecrets.identifier(v.substring(space + 1).trim());
        }).collect(Collectors.joining(", ", "[", "]"));
    }
}
