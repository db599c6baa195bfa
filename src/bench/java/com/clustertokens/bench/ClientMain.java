package com.clustertokens.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The comparison clients, each run in a child JVM with the function's JVM flags so heap and time compare:
 * {@code floor} downloads the lists and walks them with a streaming parser that builds nothing (no client can
 * do less); {@code naive} binds each whole list to records and classifies with set differences.
 * Prints one {@code RUN <ms> <bytes> <summary>} line per run.
 */
public final class ClientMain {

    /** One list entry, bound whole. */
    public record Entry(String id, String name, String description) {
    }

    /** A whole list document. */
    public record TokenListDocument(List<Entry> values) {
    }

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ClientMain() {
    }

    /** {@code floor|naive runs url...}; the API token comes from DT_API_TOKEN. */
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int runs = Integer.parseInt(args[1]);
        List<String> urls = new ArrayList<>(List.of(args).subList(2, args.length));
        int metadata = 0;
        if (urls.get(0).startsWith("--metadata=")) {
            metadata = Integer.parseInt(urls.remove(0).substring("--metadata=".length()));
        }
        String token = System.getenv("DT_API_TOKEN");
        for (int run = 0; run < runs; run++) {
            long cpu = cpuMillis();
            long start = System.nanoTime();
            String summary = mode.equals("floor") ? floor(urls, token, metadata) : naive(urls, token);
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("RUN " + millis + " " + (cpuMillis() - cpu) + " " + summary);
        }
    }

    private static long cpuMillis() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis()).orElse(-1L);
    }

    private static String floor(List<String> urls, String token, int metadata) throws Exception {
        long bytes = 0;
        StringBuilder entries = new StringBuilder();
        List<String> ids = new ArrayList<>();
        for (String url : urls) {
            HttpURLConnection connection = open(url, token);
            long count = 0;
            try (CountingStream in = new CountingStream(connection.getInputStream());
                    JsonParser parser = FACTORY.createParser(in)) {
                int depth = 0;
                for (JsonToken t; (t = parser.nextToken()) != null;) {
                    if (t == JsonToken.START_OBJECT && ++depth == 2) {
                        count++;
                    } else if (t == JsonToken.END_OBJECT) {
                        depth--;
                    } else if (t == JsonToken.FIELD_NAME && ids.size() < metadata && "id".equals(parser
                            .currentName())) {
                        parser.nextToken();
                        ids.add(parser.getText()); // the few ids whose metadata stale-tokens reads as well
                    }
                }
                bytes += in.count;
            }
            entries.append(entries.length() == 0 ? "" : "/").append(count);
        }
        if (!ids.isEmpty()) {
            String base = urls.get(0).substring(0, urls.get(0).indexOf('?'));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Long>> reads = new ArrayList<>();
                for (String id : ids) {
                    reads.add(pool.submit(() -> walk(open(base + "/" + id, token))));
                }
                for (Future<Long> read : reads) {
                    bytes += read.get();
                }
            } finally {
                pool.shutdown();
            }
            entries.append(" + ").append(ids.size()).append(" metadata");
        }
        return bytes + " entries=" + entries;
    }

    private static long walk(HttpURLConnection connection) throws IOException {
        try (CountingStream in = new CountingStream(connection.getInputStream());
                JsonParser parser = FACTORY.createParser(in)) {
            while (parser.nextToken() != null) {
                // builds nothing
            }
            return in.count;
        }
    }

    /** urls: all, from=cutoff (used since), to=cutoff (last used before). */
    private static String naive(List<String> urls, String token) throws IOException {
        TokenListDocument all = read(urls.get(0), token);
        TokenListDocument usedSince = read(urls.get(1), token);
        TokenListDocument usedBefore = read(urls.get(2), token);
        Set<String> active = new HashSet<>();
        usedSince.values().forEach(e -> active.add(e.id()));
        Set<String> before = new HashSet<>();
        usedBefore.values().forEach(e -> before.add(e.id()));
        long stale = 0;
        long neverUsed = 0;
        for (Entry e : all.values()) {
            if (!active.contains(e.id())) {
                if (before.contains(e.id())) {
                    stale++;
                } else {
                    neverUsed++;
                }
            }
        }
        return "0 all=" + all.values().size() + " active=" + active.size() + " stale=" + stale
                + " neverUsed=" + neverUsed;
    }

    private static TokenListDocument read(String url, String token) throws IOException {
        try (InputStream in = open(url, token).getInputStream()) {
            return MAPPER.readValue(in, TokenListDocument.class);
        }
    }

    private static HttpURLConnection open(String url, String token) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setRequestProperty("Authorization", "Api-Token " + token);
        connection.setRequestProperty("Accept", "application/json");
        if (connection.getResponseCode() != 200) {
            throw new IOException("HTTP " + connection.getResponseCode() + " from the simulated cluster");
        }
        return connection;
    }

    private static final class CountingStream extends BufferedInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in, 64 * 1024);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
