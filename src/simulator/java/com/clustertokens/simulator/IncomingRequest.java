package com.clustertokens.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;

/** What one exchange asked for, read once (body bounded) so it can be both recorded and served. */
record IncomingRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> query,
        Map<String, List<String>> headers, byte[] body, boolean bodyTooLarge) {

    static IncomingRequest read(HttpExchange exchange, int maxBody) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.merge(name.toLowerCase(Locale.ROOT), List.copyOf(
                values), IncomingRequest::concat));
        byte[] body;
        boolean tooLarge;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(maxBody + 1);
            tooLarge = body.length > maxBody;
            if (tooLarge) {
                body = Arrays.copyOf(body, maxBody);
            }
        }
        String rawQuery = exchange.getRequestURI().getRawQuery();
        return new IncomingRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), rawQuery,
                parseQuery(rawQuery), headers, body, tooLarge);
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    String header(String lowerCaseName) {
        List<String> values = headers.get(lowerCaseName);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    RecordedRequest toRecorded(int maxBodyBytes) {
        String recordedBody = body.length == 0
                ? ""
                : new String(body, 0, Math.min(body.length, maxBodyBytes), StandardCharsets.UTF_8);
        return new RecordedRequest(method, decode(rawPath, false), rawQuery, query, headers, recordedBody);
    }

    static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        params.replaceAll((k, v) -> List.copyOf(v));
        return params;
    }

    /** Percent-decodes; {@code +} means a space only in query strings. A malformed escape is kept verbatim. */
    static String decode(String raw, boolean plusIsSpace) {
        try {
            return URLDecoder.decode(plusIsSpace ? raw : raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
