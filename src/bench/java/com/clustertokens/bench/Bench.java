package com.clustertokens.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.clustertokens.simulator.IdForm;
import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.simulator.lambda.LambdaProcess;
import com.clustertokens.simulator.lambda.RuntimeApi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The performance benchmark ({@code ./mvnw -Pbench verify}): serves a simulated cluster of a million tokens on
 * loopback from this JVM and measures, each in a JVM of its own, the packaged functions run as Lambda runs
 * them, the streaming floor, the naive client and the curl + jq script. Writes target/bench/results.md.
 */
public final class Bench {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Lambda's synchronous response limit. */
    private static final long LAMBDA_RESPONSE_LIMIT = 6L * 1024 * 1024;
    /** The handler both zips run under: Funqy's own, which the minimal function has too. */
    static final String HANDLER = "io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest";
    /** A token in the real format; it only opens the simulated cluster, which exists for this run. */
    static final String API_TOKEN = "dt0c01.BENCHMARKSIMULATOR000000.BENCHMARKONLYSIMULATEDCLUSTERTOKEN000000000000000000000000000000";

    final Path workDir = Path.of(System.getProperty("bench.workDir", "target/bench/run")).toAbsolutePath();
    private final Path functionZip = Path.of(System.getProperty("bench.functionZip", "target/function.zip"));
    private final Path minimalZip = Path.of(System.getProperty("bench.minimalZip",
            "target/bench/minimal-function/function.zip"));
    private final Path ricDir = Path.of(System.getProperty("bench.ricDir", "target/lambda-runtime-interface-client"));
    private final Path curlJq = Path.of(System.getProperty("bench.curlJq",
            "src/bench/scripts/stale-tokens-curl-jq.sh")).toAbsolutePath();
    private final int tokens = Integer.getInteger("bench.tokens", 1_000_000);
    final int environments = Integer.getInteger("bench.runs", 5);
    private final int warm = Integer.getInteger("bench.warm", 3);
    private final int coldStarts = Integer.getInteger("bench.coldStarts", 5);
    private final int scriptRuns = Integer.getInteger("bench.scriptRuns", 3);
    private final long cutoffDays = Long.getLong("bench.cutoffDays", 90);
    final List<String> jvmFlags = List.of(System.getProperty("bench.jvmFlags",
            "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto").trim().split("\\s+"));
    private final String naiveXmx = System.getProperty("bench.naiveXmx", "2g");
    private final String staleExport = System.getProperty("bench.staleExport", "stale-tokens");
    private final String staleEventTemplate = System.getProperty("bench.staleEvent",
            "{\"staleAfter\":\"P${cutoffDays}D\",\"now\":\"${now}\"}");
    /** Metadata reads stale-tokens makes for its report (HYGIENE_ENRICH_LIMIT's default), which the floor makes too. */
    private final int enrich = Integer.getInteger("bench.enrich", 200);
    /** stale-tokens with the page's last-use histogram (HYGIENE_LAST_USE_HISTOGRAM), its default as deployed. */
    private final boolean histogram = Boolean.getBoolean("bench.histogram");

    /** Sections to run, comma-separated: cold, stale, list, expiry, restore (all by default); for iterating on one. */
    private final List<String> only = List.of(System.getProperty("bench.only", "cold,stale,list,expiry,restore")
            .split(","));
    /** Cluster sizes the expiry section reads every token's metadata of (HYGIENE_EXPIRY_SCAN_LIMIT set to each). */
    private final List<Integer> expirySizes = sizes(System.getProperty("bench.expiryTokens", "10000,100000"));
    /** Cluster sizes the expiry section reads under the default cap: the report must say how many it did not read. */
    private final List<Integer> expiryCapped = sizes(System.getProperty("bench.expiryCapped", "1000000"));
    /** stale-tokens' default HYGIENE_EXPIRY_SCAN_LIMIT: at a million tokens the scan stops there. */
    private static final int EXPIRY_SCAN_LIMIT = 10_000;
    /** Id forms the simulated cluster issues, comma-separated (uuid, dt0c01): the stale section runs once per form. */
    private final List<String> idForms = List.of(System.getProperty("bench.ids", "uuid,dt0c01").split(","));

    private final List<String> table = new ArrayList<>();
    final List<String> targets = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private SimulatedCluster cluster;
    /** Appended to the stale section's rows and targets when it runs for more than one id form. */
    private String formLabel = "";
    private long nowMillis;
    private long cutoff;
    String ricClasspath;

    public static void main(String[] args) throws Exception {
        new Bench().run();
    }

    private void run() throws Exception {
        Files.createDirectories(workDir);
        try (Stream<Path> old = Files.list(workDir)) {
            old.filter(p -> p.getFileName().toString().contains(".log")).forEach(p -> p.toFile().delete());
        }
        ricClasspath = ricClasspath();
        Path function = LambdaProcess.unzip(functionZip, workDir.resolve("function"));
        Path minimal = Files.exists(minimalZip) ? LambdaProcess.unzip(minimalZip, workDir.resolve("minimal")) : null;
        boolean hasStale = exports(functionZip, staleExport);

        Instant now = Instant.now();
        // The function gets this same "now": its cutoff, and so its queries, match the primed list bodies.
        nowMillis = now.toEpochMilli();
        cutoff = now.minus(Duration.ofDays(cutoffDays)).toEpochMilli();
        // The JDK server otherwise leaves Nagle on: each small response (a token's metadata) then waits ~40 ms
        // for a delayed ACK on loopback, which measures the simulator, not the client.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        table.add("| measurement | median | min – max | peak heap (max before GC) | max live after GC | notes |");
        table.add("|---|---:|---:|---:|---:|---|");
        boolean millionTokens = only.contains("cold") || only.contains("stale") || only.contains("list");
        for (int f = 0; millionTokens && f < idForms.size(); f++) {
            IdForm form = IdForm.valueOf(idForms.get(f).trim().toUpperCase(Locale.ROOT));
            long t0 = System.nanoTime();
            cluster = SimulatedCluster.start(0, API_TOKEN).issueIds(form);
            cluster.addGenerated(tokens, now, 20261122L);
            cluster.cacheListBodies(1L << 30);
            primeListBodies();
            log("simulated cluster: %,d tokens with %s ids at %s, ready in %d ms", cluster.size(), form,
                    cluster.url(), (System.nanoTime() - t0) / 1_000_000);
            try {
                // Start-up and list-tokens do not depend on the id form: measured with the first one only.
                if (f == 0 && only.contains("cold")) {
                    coldStart(function, minimal);
                }
                if (only.contains("stale")) {
                    formLabel = idForms.size() > 1 ? " [" + form.name().toLowerCase(Locale.ROOT) + " ids]" : "";
                    if (hasStale) {
                        staleTokens(function);
                    } else {
                        table.add("| `stale-tokens` (function) | pending | | | | not in function.zip yet |");
                        targets.add("- stale-tokens targets: **pending** (the function is not in this function.zip)");
                    }
                    staleFloorAndBaselines();
                    formLabel = "";
                }
                if (f == 0 && only.contains("list")) {
                    listTokens(function);
                }
            } finally {
                cluster.stop();
            }
        }
        if (only.contains("expiry") && hasStale) {
            for (int size : expirySizes) {
                expiryScan(function, size, false, now);
            }
            for (int size : expiryCapped) {
                expiryScan(function, size, true, now);
            }
        }
        if (only.contains("restore")) {
            new RestorePath(this, function, minimal).run();
        }
        report();
    }

    /**
     * Renders the three big lists once, before anything is timed: every client measured here then reads the
     * same bytes from memory, as fast as loopback carries them, so the figures are the clients' own cost.
     */
    private void primeListBodies() throws IOException {
        List<String> urls = new ArrayList<>(staleUrls());
        // The curl + jq script asks from=cutoff (it has no use for the millisecond): primed as well, to be fair.
        urls.add(cluster.url() + "/api/cluster/v2/tokens?limit=1000000&from=" + cutoff);
        if (histogram) {
            urls.addAll(histogramUrls());
        }
        for (String url : urls) {
            java.net.HttpURLConnection c = (java.net.HttpURLConnection) new java.net.URL(url).openConnection();
            c.setRequestProperty("Authorization", "Api-Token " + API_TOKEN);
            try (var in = c.getInputStream()) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
        }
    }

    /**
     * The lists stale-tokens asks for with the last-use histogram: the active and dormant lists cut at the cutoff
     * and at 7, 30, 90, 180 and 365 days before now, each piece from = its older end - 1 ms and to = its younger one.
     */
    private List<String> histogramUrls() {
        java.util.TreeSet<Long> ends = new java.util.TreeSet<>(Comparator.reverseOrder());
        ends.add(cutoff);
        for (int days : List.of(7, 30, 90, 180, 365)) {
            ends.add(nowMillis - Duration.ofDays(days).toMillis());
        }
        String base = cluster.url() + "/api/cluster/v2/tokens?limit=1000000";
        List<String> urls = new ArrayList<>();
        Long younger = null;
        for (long older : ends) {
            urls.add(base + "&from=" + (older - 1) + (younger == null ? "" : "&to=" + younger));
            younger = older;
        }
        urls.add(base + "&to=" + younger);
        return urls;
    }

    /** The lists stale-tokens asks for: all, used at or after the cutoff (from is strict), last used before it. */
    private List<String> staleUrls() {
        String base = cluster.url() + "/api/cluster/v2/tokens?limit=1000000";
        return List.of(base, base + "&from=" + (cutoff - 1), base + "&to=" + cutoff);
    }

    // ---------------------------------------------------------------------------------------------- cold start

    private void coldStart(Path function, Path minimal) throws Exception {
        List<Long> oursInit = new ArrayList<>();
        List<Long> oursFirst = new ArrayList<>();
        List<Long> minInit = new ArrayList<>();
        List<Long> minFirst = new ArrayList<>();
        List<Long> oursCpu = new ArrayList<>();
        List<Long> minCpu = new ArrayList<>();
        GcLog oursGc = null;
        for (int i = 0; i < coldStarts; i++) {
            // Interleaved, so drift in machine load hits both alike.
            if (minimal != null) {
                try (LambdaProcess p = environment(minimal, jvmFlags, Map.of(), "cold-minimal-" + i)) {
                    RuntimeApi.Outcome o = p.invoke("{\"greeting\":\"hello\"}", 120);
                    check(o, "minimal function");
                    minInit.add(p.initMillis());
                    minFirst.add(p.sinceStartMillis(o));
                    minCpu.add(p.cpuMillis());
                }
            }
            LambdaProcess p = environment(function, jvmFlags, functionEnv("list-tokens"), "cold-list-tokens-" + i);
            try (p) {
                RuntimeApi.Outcome o = p.invoke("{\"limit\":1}", 120);
                check(o, "list-tokens limit 1");
                oursInit.add(p.initMillis());
                oursFirst.add(p.sinceStartMillis(o));
                oursCpu.add(p.cpuMillis());
            }
            oursGc = gc("cold-list-tokens-" + i);
        }
        row("cold start, minimal Funqy function: JVM start → init done", minInit, null, "");
        row("cold start, minimal Funqy function: JVM start → first response", minFirst, null, "echo of its input");
        row("cold start, minimal Funqy function: CPU time (user+sys) to first response", minCpu, null,
                "less sensitive to the machine's load than wall time");
        row("cold start, function.zip `list-tokens`: JVM start → init done", oursInit, null, "");
        row("cold start, function.zip `list-tokens`: JVM start → first response", oursFirst, oursGc,
                "`{\"limit\":1}` against the 1M-token cluster");
        row("cold start, function.zip `list-tokens`: CPU time (user+sys) to first response", oursCpu, null, "");
        if (!minFirst.isEmpty()) {
            double ratio = (double) median(oursFirst) / median(minFirst);
            double cpuRatio = (double) median(oursCpu) / median(minCpu);
            target(ratio <= 1.5, String.format(Locale.ROOT,
                    "cold start ≤ 1.5× the minimal Funqy function: %d ms vs %d ms = %.2f× "
                            + "(CPU time %d ms vs %d ms = %.2f×)",
                    median(oursFirst), median(minFirst), ratio, median(oursCpu), median(minCpu), cpuRatio));
        }
    }

    // -------------------------------------------------------------------------------------------- stale-tokens

    private long staleWarm = -1;
    private List<Long> warmCpu = List.of();
    private long staleCold = -1;
    private long floorColdMillis = -1;

    private void staleTokens(Path function) throws Exception {
        String event = staleEventTemplate.replace("${cutoff}", Long.toString(cutoff))
                .replace("${cutoffDays}", Long.toString(cutoffDays))
                .replace("${now}", Instant.ofEpochMilli(nowMillis).toString());
        List<Long> cold = new ArrayList<>();
        List<Long> coldInvocation = new ArrayList<>();
        List<Long> warmRuns = new ArrayList<>();
        List<GcLog> gcs = new ArrayList<>();
        String sample = "";
        warmCpu = new ArrayList<>();
        long size = 0;
        byte[] lastBody = new byte[0];
        for (int i = 0; i < environments; i++) {
            LambdaProcess p = environment(function, jvmFlags, functionEnv(staleExport), "stale-" + i);
            try (p) {
                RuntimeApi.Outcome first = p.invoke(event, 600);
                check(first, "stale-tokens");
                cold.add(p.sinceStartMillis(first));
                coldInvocation.add(first.millis());
                for (int w = 0; w < warm; w++) {
                    long cpuBefore = p.cpuMillis();
                    RuntimeApi.Outcome o = p.invoke(event, 600);
                    check(o, "stale-tokens");
                    warmCpu.add(p.cpuMillis() - cpuBefore);
                    warmRuns.add(o.millis());
                    size = o.body().length;
                    sample = summary(o.body());
                    lastBody = o.body();
                }
            }
            gcs.add(gc("stale-" + i));
        }
        GcLog gc = worst(gcs);
        row("`stale-tokens` cold: JVM start → response", cold, gc, "fresh environment, `-Xmx256m`");
        row("`stale-tokens` cold: invocation only", coldInvocation, null, "");
        row("`stale-tokens` warm", warmRuns, gc, String.format(Locale.ROOT, "%,d-byte response: %s; %s", size, sample,
                listQueries(lastBody)));
        row("`stale-tokens` warm: CPU time of the function's JVM per invocation", warmCpu, null,
                "all its threads, GC included; the simulated cluster's work is not in it");
        staleWarm = median(warmRuns);
        staleCold = median(cold);
        if (cluster.size() > EXPIRY_SCAN_LIMIT) {
            long notRead = expiryNotRead(lastBody);
            target(notRead >= cluster.size() - EXPIRY_SCAN_LIMIT, String.format(Locale.ROOT,
                    "over the expiry scan's cap (%,d of %,d tokens) the report says how many were not read: "
                            + "expiry.notRead=%,d", EXPIRY_SCAN_LIMIT, cluster.size(), notRead));
        }
        target(gc.peakBeforeGcBytes() <= 256L << 20, "stale-tokens runs in a 256 MB heap (-Xmx256m): peak "
                + gc.peakMb() + ", every invocation succeeded");
    }

    /** How many lists the report says it asked, and its histogram: proof of what the run measured. */
    private static String listQueries(byte[] body) throws IOException {
        JsonNode report = MAPPER.readTree(body);
        JsonNode ages = report.path("lastUseAge");
        return report.path("queries").size() + " list queries, lastUseAge "
                + (ages.isMissingNode() || ages.isNull() ? "none" : ages.toString().replace("\"", ""));
    }

    private void staleFloorAndBaselines() throws Exception {
        List<String> urls = staleUrls();
        List<String> floorArgs = new ArrayList<>(urls);
        // The function reads the stale tokens' metadata and, under its cap, every token's expiry (one read each).
        int reads = enrich + Math.min(EXPIRY_SCAN_LIMIT, cluster.size());
        floorArgs.add(0, "--metadata=" + reads);
        Client floor = client("floor", jvmFlags, 1 + environments * warm, floorArgs, "floor-stale");
        long floorWarm = median(floor.warm());
        row("floor for stale: the 3 lists and " + reads + " metadata reads (4 at once), walked by a streaming "
                + "parser, warm", floor.warm(), floor.gc(),
                floor.lastSummary());
        row("floor for stale: CPU time of its JVM per run", floor.warmCpu(), null, "");
        List<Long> floorCold = new ArrayList<>();
        for (int i = 0; i < Math.min(3, environments); i++) {
            floorCold.add(client("floor", jvmFlags, 1, floorArgs, "floor-stale-cold-" + i).processMillis());
        }
        row("floor for stale, cold: JVM start → done", floorCold, null, "the least any JVM client needs here");
        if (staleWarm >= 0) {
            double ratio = (double) staleWarm / floorWarm;
            double cpuRatio = (double) median(warmCpu) / median(floor.warmCpu());
            double within = histogram ? 2.0 : 1.5;
            target(ratio <= within, String.format(Locale.ROOT,
                    "stale-tokens warm%s within %.1f× the floor: %d ms vs %d ms = %.2f× (CPU time %d ms vs %d ms "
                            + "= %.2f×)", histogram ? " with the last-use histogram" : "", within, staleWarm,
                    floorWarm, ratio, median(warmCpu), median(floor.warmCpu()), cpuRatio));
        }
        floorColdMillis = median(floorCold);
        List<String> naiveFlags = new ArrayList<>(jvmFlags);
        naiveFlags.removeIf(f -> f.startsWith("-Xmx"));
        naiveFlags.add(0, "-Xmx" + naiveXmx);
        Client naive = client("naive", naiveFlags, 3, urls, "naive-stale");
        row("baseline: naive Jackson `readValue` of each whole list + set differences (-Xmx" + naiveXmx + ")",
                naive.all(), naive.gc(), naive.lastSummary());
        try {
            Client naiveSmall = client("naive", jvmFlags, 1, urls, "naive-stale-256m");
            row("baseline: the same naive client at -Xmx256m", naiveSmall.all(), naiveSmall.gc(),
                    naiveSmall.lastSummary());
        } catch (IllegalStateException e) {
            table.add("| baseline: the same naive client at -Xmx256m" + formLabel + " | fails | | | | "
                    + e.getMessage() + " |");
        }
        curlJq();
    }

    private void curlJq() throws Exception {
        if (!onPath("jq") || !onPath("curl")) {
            table.add("| baseline: curl + jq script | skipped | | | | jq or curl is not installed |");
            notes.add("curl + jq baseline skipped: jq or curl is not on the PATH.");
            return;
        }
        List<Long> runs = new ArrayList<>();
        long maxRssKb = 0;
        String output = "";
        for (int i = 0; i < scriptRuns; i++) {
            Path out = workDir.resolve("curl-jq-" + i + ".json");
            Path rss = workDir.resolve("curl-jq-" + i + ".rss");
            List<String> command = new ArrayList<>();
            boolean gnuTime = Files.isExecutable(Path.of("/usr/bin/time"));
            if (gnuTime) {
                command.addAll(List.of("/usr/bin/time", "-f", "%M", "-o", rss.toString()));
            }
            command.addAll(List.of("bash", curlJq.toString(), cluster.url(), Long.toString(cutoff)));
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(workDir.resolve("curl-jq-" + i + ".err").toFile());
            pb.environment().put("DT_API_TOKEN", API_TOKEN);
            long start = System.nanoTime();
            int exit = pb.start().waitFor();
            runs.add((System.nanoTime() - start) / 1_000_000);
            if (exit != 0) {
                throw new IllegalStateException("curl + jq script failed with exit " + exit);
            }
            if (gnuTime) {
                maxRssKb = Math.max(maxRssKb, Long.parseLong(Files.readString(rss).trim().lines()
                        .reduce((a, b) -> b).orElse("0").trim()));
            }
            JsonNode result = MAPPER.readTree(out.toFile());
            output = "staleCount=" + result.get("staleCount") + " neverUsedCount=" + result.get("neverUsedCount");
        }
        table.add(String.format(Locale.ROOT, "| baseline: curl + jq script (3 curl calls, jq classification)%s | %d ms"
                + " | %d – %d ms | RSS %d MB (jq, not a JVM heap) | | %s |", formLabel, median(runs), min(runs),
                max(runs), maxRssKb >> 10, output));
        if (staleCold >= 0) {
            double speedup = (double) median(runs) / staleCold;
            target(speedup >= 5, String.format(Locale.ROOT,
                    "stale-tokens cold ≥ 5× faster than curl + jq: %d ms vs %d ms = %.1f× faster (the cold floor, "
                            + "%d ms, is itself only %.1f× faster)", staleCold, median(runs), speedup,
                    floorColdMillis, (double) median(runs) / floorColdMillis));
        }
    }

    // ------------------------------------------------------------------------------------------------ expiry

    /**
     * stale-tokens with its expiry scan over every one of {@code size} tokens (HYGIENE_EXPIRY_SCAN_LIMIT = size) or,
     * {@code capped}, under its default limit, against the floor of the same three lists and as many metadata reads
     * at the same concurrency.
     */
    private void expiryScan(Path function, int size, boolean capped, Instant now) throws Exception {
        String label = String.format(Locale.ROOT, "%,d tokens", size) + (capped
                ? String.format(Locale.ROOT, ", capped at %,d", EXPIRY_SCAN_LIMIT)
                : "");
        cluster = SimulatedCluster.start(0, API_TOKEN);
        try {
            cluster.addGenerated(size - 1, now, 20261207L);
            cluster.cacheListBodies(1L << 30);
            primeListBodies();
            String event = String.format(Locale.ROOT, "{\"staleAfter\":\"P%dD\",\"now\":\"%s\"}", cutoffDays,
                    Instant.ofEpochMilli(nowMillis));
            Map<String, String> env = functionEnv(staleExport);
            int reads = capped ? Math.min(EXPIRY_SCAN_LIMIT, cluster.size()) : cluster.size();
            if (!capped) {
                env.put("HYGIENE_EXPIRY_SCAN_LIMIT", Integer.toString(size));
            }
            String name0 = "expiry-" + size + (capped ? "-capped" : "");
            List<Long> warmRuns = new ArrayList<>();
            List<Long> cpuRuns = new ArrayList<>();
            List<Long> requests = new ArrayList<>();
            List<GcLog> gcs = new ArrayList<>();
            long notRead = -1;
            int runs = Math.min(3, environments);
            for (int i = 0; i < runs; i++) {
                String name = name0 + "-" + i;
                try (LambdaProcess p = environment(function, jvmFlags, env, name)) {
                    check(p.invoke(event, 900), "stale-tokens with the expiry scan");
                    for (int w = 0; w < warm; w++) {
                        cluster.clearRequests();
                        long cpuBefore = p.cpuMillis();
                        RuntimeApi.Outcome o = p.invoke(event, 900);
                        check(o, "stale-tokens with the expiry scan");
                        cpuRuns.add(p.cpuMillis() - cpuBefore);
                        warmRuns.add(o.millis());
                        requests.add((long) cluster.requests().size());
                        notRead = expiryNotRead(o.body());
                    }
                }
                gcs.add(gc(name));
            }
            cluster.clearRequests();
            GcLog gc = worst(gcs);
            row("`stale-tokens` with the expiry scan, " + label + ", warm", warmRuns, gc, String.format(Locale.ROOT,
                    "%,d requests per run, expiry.notRead=%,d", median(requests), notRead));
            row("`stale-tokens` with the expiry scan, " + label + ": CPU time of the function's JVM per invocation",
                    cpuRuns, null, "");
            List<String> floorArgs = new ArrayList<>(staleUrls());
            floorArgs.add(0, "--metadata=" + reads);
            Client floor = client("floor", jvmFlags, 1 + runs * warm, floorArgs, "floor-" + name0);
            row("floor for the expiry scan, " + label + ": the 3 lists and " + String.format(Locale.ROOT, "%,d", reads)
                    + " metadata reads (4 at once), warm", floor.warm(), floor.gc(), floor.lastSummary());
            row("floor for the expiry scan, " + label + ": CPU time of its JVM per run", floor.warmCpu(), null, "");
            double ratio = (double) median(warmRuns) / median(floor.warm());
            double cpuRatio = (double) median(cpuRuns) / median(floor.warmCpu());
            target(ratio <= 1.5, String.format(Locale.ROOT, "expiry scan of %s within 1.5× the floor: %d ms vs %d ms "
                    + "= %.2f× (CPU time %d ms vs %d ms = %.2f×; %,d requests per run against the floor's %,d)", label,
                    median(warmRuns), median(floor.warm()), ratio, median(cpuRuns), median(floor.warmCpu()), cpuRatio,
                    median(requests), 3 + reads));
            long expectNotRead = cluster.size() - reads;
            target(gc.peakBeforeGcBytes() <= 256L << 20 && notRead == expectNotRead, String.format(Locale.ROOT,
                    "expiry scan of %s in a 256 MB heap, %s: peak %s, expiry.notRead=%,d", label, capped
                            ? String.format(Locale.ROOT, "the report says %,d were not read", expectNotRead)
                            : "every token read", gc.peakMb(), notRead));
        } finally {
            cluster.stop();
        }
    }

    private static List<Integer> sizes(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Integer::valueOf)
                .toList();
    }

    private static long expiryNotRead(byte[] body) throws IOException {
        JsonNode expiry = MAPPER.readTree(body).path("expiry");
        return expiry.isMissingNode() ? -1 : expiry.path("notRead").asLong(-1);
    }

    // --------------------------------------------------------------------------------------------- list-tokens

    private void listTokens(Path function) throws Exception {
        String event = "{\"limit\":1000000}";
        long expectedTotal = Math.min(1_000_000, cluster.size());
        List<Long> cold = new ArrayList<>();
        List<Long> warmRuns = new ArrayList<>();
        List<GcLog> gcs = new ArrayList<>();
        long maxSize = 0;
        String shape = "";
        for (int i = 0; i < environments; i++) {
            LambdaProcess p = environment(function, jvmFlags, functionEnv("list-tokens"), "list-" + i);
            try (p) {
                for (int w = 0; w <= warm; w++) {
                    RuntimeApi.Outcome o = p.invoke(event, 600);
                    check(o, "list-tokens limit 1000000");
                    (w == 0 ? cold : warmRuns).add(w == 0 ? p.sinceStartMillis(o) : o.millis());
                    maxSize = Math.max(maxSize, o.body().length);
                    JsonNode body = MAPPER.readTree(o.body());
                    shape = String.format(Locale.ROOT, "%,d-byte response, %,d values, truncated=%s, totalCount=%s",
                            o.body().length, body.get("values").size(), body.get("truncated"),
                            body.get("totalCount"));
                    if (!body.get("truncated").asBoolean() || body.get("totalCount").asLong() != expectedTotal) {
                        throw new IllegalStateException("list-tokens did not report the truncation: " + shape);
                    }
                }
            }
            gcs.add(gc("list-" + i));
        }
        GcLog gc = worst(gcs);
        row("`list-tokens` limit=1000000 cold: JVM start → response", cold, gc, "");
        row("`list-tokens` limit=1000000 warm", warmRuns, gc, shape);
        String url = cluster.url() + "/api/cluster/v2/tokens?limit=1000000";
        Client floor = client("floor", jvmFlags, 1 + environments * warm, List.of(url), "floor-list");
        row("floor for list: 1 download walked by a streaming parser, warm", floor.warm(), floor.gc(),
                floor.lastSummary());
        target(maxSize <= LAMBDA_RESPONSE_LIMIT, String.format(Locale.ROOT,
                "list-tokens response ≤ Lambda's 6 MB (6,291,456 bytes): largest %,d bytes, truncated=true, "
                        + "totalCount=%,d", maxSize, expectedTotal));
        target(gc.peakBeforeGcBytes() <= 256L << 20, "list-tokens limit=1000000 in -Xmx256m: peak " + gc.peakMb());
    }

    // ----------------------------------------------------------------------------------------------- plumbing

    /** A comparison client's runs: wall and CPU time each, its heap, and its whole life from JVM start. */
    private record Client(List<Long> all, List<Long> cpu, GcLog gc, String lastSummary, long processMillis) {
        List<Long> warm() {
            return all.size() > 1 ? all.subList(1, all.size()) : all;
        }

        List<Long> warmCpu() {
            return cpu.size() > 1 ? cpu.subList(1, cpu.size()) : cpu;
        }
    }

    private Client client(String mode, List<String> flags, int runs, List<String> urls, String label)
            throws Exception {
        Path gcLog = workDir.resolve(label + "-gc.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.add("-Xlog:gc:file=" + gcLog);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ClientMain.class.getName());
        command.add(mode);
        command.add(Integer.toString(runs));
        command.addAll(urls);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("DT_API_TOKEN", API_TOKEN);
        Process process = pb.start();
        List<Long> times = new ArrayList<>();
        List<Long> cpu = new ArrayList<>();
        long started = System.nanoTime();
        String summary = "";
        StringBuilder output = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null;) {
                output.append(line).append('\n');
                if (line.startsWith("RUN ")) {
                    String[] parts = line.split(" ", 5);
                    times.add(Long.parseLong(parts[1]));
                    cpu.add(Long.parseLong(parts[2]));
                    summary = (parts[3].equals("0")
                            ? ""
                            : String.format(Locale.ROOT, "%,d bytes ",
                                    Long.parseLong(parts[3]))) + parts[4];
                }
            }
        }
        if (process.waitFor() != 0 || times.isEmpty()) {
            String last = output.toString().lines().filter(l -> l.contains("Error") || l.contains("Exception"))
                    .findFirst().orElse("exit " + process.exitValue());
            throw new IllegalStateException(last.replace('|', '/'));
        }
        return new Client(times, cpu, GcLog.read(gcLog), summary, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * A Lambda environment of {@code root} (the unzipped function) named for {@code label}, with {@code flags}, the
     * profiling hook ({@code -Dbench.functionJvmExtra=-XX:StartFlightRecording=filename=/tmp/f.jfr}) and a GC log.
     */
    LambdaProcess environment(Path root, List<String> flags, Map<String, String> env, String label)
            throws IOException {
        List<String> all = new ArrayList<>(flags);
        String extra = System.getProperty("bench.functionJvmExtra", "").trim();
        if (!extra.isEmpty()) {
            all.addAll(List.of(extra.split("\\s+")));
        }
        all.add("-Xlog:gc:file=" + gcLog(label));
        // Lambda's longest Timeout: the benchmark measures, it never runs into the deadline.
        return LambdaProcess.start(root, ricClasspath, HANDLER, "bench-" + label, all, env, Duration.ofMinutes(15),
                workDir.resolve(label + ".log"));
    }

    /** The peak heap over the life of {@code label}'s environment; valid once it is closed. */
    GcLog gc(String label) throws IOException {
        return GcLog.read(gcLog(label));
    }

    private Path gcLog(String label) {
        return workDir.resolve(label + "-gc.log");
    }

    private Map<String, String> functionEnv(String export) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_FUNQY_EXPORT", export);
        env.put("DT_CLUSTER_URL", cluster.url());
        env.put("DT_API_TOKEN", API_TOKEN);
        env.put("DT_READ_TIMEOUT", "120s");
        // The floor reads the census's three lists; with the page's histogram stale-tokens asks the same bytes in
        // seven lists (the active and dormant ones cut at its bounds), measured apart with -Dbench.histogram=true.
        env.put("HYGIENE_LAST_USE_HISTOGRAM", Boolean.toString(histogram));
        return env;
    }

    static void check(RuntimeApi.Outcome outcome, String what) {
        if (!outcome.success()) {
            throw new IllegalStateException(what + " failed: " + outcome.text());
        }
    }

    private static String summary(byte[] body) throws IOException {
        JsonNode node = MAPPER.readTree(body);
        if (node.has("counts")) {
            return "counts " + node.get("counts").toString().replace("\"", "");
        }
        List<String> parts = new ArrayList<>();
        node.fields().forEachRemaining(f -> {
            JsonNode v = f.getValue();
            parts.add(f.getKey() + "=" + (v.isContainerNode()
                    ? (v.isArray() ? "[" + v.size() + "]" : "{…}")
                    : v.asText().lines().findFirst().orElse("")));
        });
        return String.join(" ", parts).replace('|', '/');
    }

    void row(String what, List<Long> millis, GcLog gc, String note) {
        what += formLabel;
        if (millis.isEmpty()) {
            table.add("| " + what + " | not run | | | | " + note + " |");
            return;
        }
        table.add(String.format(Locale.ROOT, "| %s | %d ms | %d – %d ms (n=%d) | %s | %s | %s |", what,
                median(millis), min(millis), max(millis), millis.size(), gc == null ? "" : gc.peakMb(),
                gc == null ? "" : gc.liveMb(), note));
        log("%s: median %d ms %s", what, median(millis), millis);
    }

    void target(boolean met, String text) {
        text += formLabel;
        targets.add("- " + (met ? "**met**" : "**MISSED**") + ": " + text);
        log("target %s: %s", met ? "met" : "MISSED", text);
    }

    private void report() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("Machine: " + Runtime.getRuntime().availableProcessors() + " cores (nproc), "
                + memTotal() + " RAM, JDK " + System.getProperty("java.runtime.version") + " ("
                + System.getProperty("java.vm.name") + "); " + DateTimeFormatter.ISO_LOCAL_DATE.format(
                        Instant.now().atZone(ZoneOffset.UTC)) + "; " + String.format(Locale.ROOT, "%,d", tokens)
                + " simulated tokens (ids: " + String.join(", ", idForms) + "); function JVMs: `" + String.join(" ",
                        jvmFlags) + "`; " + environments
                + " fresh environments × (1 cold + " + warm + " warm) invocations per function, " + coldStarts
                + " cold starts each, " + scriptRuns + " curl + jq runs.");
        lines.add("");
        lines.add(packageLine(functionZip));
        lines.add("");
        lines.addAll(table);
        lines.add("");
        lines.addAll(targets);
        notes.forEach(n -> lines.add("- " + n));
        Path results = workDir.getParent().resolve("results.md");
        Files.write(results, lines);
        System.out.println();
        lines.forEach(System.out::println);
        System.out.println();
        System.out.println("Written to " + results.toAbsolutePath());
    }

    private String ricClasspath() throws IOException {
        try (Stream<Path> jars = Files.list(ricDir)) {
            List<Path> list = jars.filter(p -> p.toString().endsWith(".jar")).map(Path::toAbsolutePath).sorted()
                    .toList();
            if (list.isEmpty()) {
                throw new IllegalStateException("no Runtime Interface Client jars in " + ricDir);
            }
            return LambdaProcess.classpath(list);
        }
    }

    /** What Lambda loads: the zip's size and its jars (each library one jar in lib/), for the report's head. */
    private static String packageLine(Path zip) throws IOException {
        int jars = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                if (e.getName().endsWith(".jar")) {
                    jars++;
                }
            }
        }
        long bytes = Files.size(zip);
        return String.format(Locale.ROOT, "Package: %s, %,d bytes (%.1f MB), %d jars.", zip.getFileName(), bytes,
                bytes / 1e6, jars);
    }

    /** Whether the zip holds a class naming the export, i.e. an {@code @Funq("<export>")} method. */
    private static boolean exports(Path zip, String export) throws IOException {
        byte[] needle = export.getBytes(StandardCharsets.UTF_8);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                if (e.getName().startsWith("com/clustertokens/") && e.getName().endsWith(".class")
                        && contains(in.readAllBytes(), needle)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer : for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean onPath(String tool) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }

    private static String memTotal() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> (Long.parseLong(l.replaceAll("\\D", "")) >> 20) + " GB").findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static GcLog worst(List<GcLog> logs) {
        return logs.stream().max(Comparator.comparingLong(GcLog::peakBeforeGcBytes)).orElseThrow();
    }

    static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static long min(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).min().orElse(0);
    }

    static long max(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).max().orElse(0);
    }

    static void log(String format, Object... args) {
        System.out.println("[bench] " + String.format(Locale.ROOT, format, args));
        System.out.flush();
    }
}
