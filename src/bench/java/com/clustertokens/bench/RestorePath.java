package com.clustertokens.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.simulator.lambda.LambdaProcess;
import com.clustertokens.simulator.lambda.RuntimeApi;

/**
 * The restore path, as deployed functions meet a cold start: the zip under the Runtime Interface Client with
 * {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}, so the runtime runs the CRaC beforeCheckpoint hooks (priming),
 * asks {@code restore/next} (where Lambda takes the snapshot), runs the afterRestore hooks and then polls for work.
 * The first invocation after that is timed against the same environment's warm ones, for each function against a
 * small cluster, beside the minimal Funqy function under the same conditions. No snapshot is really taken or
 * restored here (a local JVM cannot): what it measures is the work the first invocation still does after init,
 * not the restore itself (Lambda's "Restore Duration").
 */
final class RestorePath {

    /** Tokens of the small cluster: a realistic one, not the million of the other sections. */
    private static final int TOKENS = Integer.getInteger("bench.restoreTokens", 1000);
    /** Warm invocations per environment: each is a few milliseconds, so more of them than elsewhere. */
    private static final int WARM = Integer.getInteger("bench.restoreWarm", 10);
    /** Where the Runtime Interface Client keeps the CRaC context org.crac resources must join. */
    private static final String CRAC_COMPAT = "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac";

    private final Bench bench;
    private final Path function;
    private final Path minimal;
    private SimulatedCluster cluster;

    RestorePath(Bench bench, Path function, Path minimal) {
        this.bench = bench;
        this.function = function;
        this.minimal = minimal;
    }

    void run() throws Exception {
        cluster = SimulatedCluster.start(0, Bench.API_TOKEN);
        cluster.addGenerated(TOKENS, Instant.now(), 20261201L);
        try {
            Figures minimalFigures = minimal == null
                    ? null
                    : measure("minimal Funqy function", minimal, Map.of(), "{\"greeting\":\"hello\"}");
            Figures list = measure("list-tokens", function, env("list-tokens", true), "{}");
            Figures unprimed = measure("list-tokens, priming off", function, env("list-tokens", false), "{}");
            Figures create = measure("create-token", function, env("create-token", true),
                    "{\"name\":\"bench-restore\",\"scopes\":[\"DiagnosticExport\"]}");
            Figures stale = measure("stale-tokens", function, env("stale-tokens", true), "{\"staleAfter\":\"P90D\"}");
            for (Figures f : List.of(list, create)) {
                double ratio = (double) Bench.median(f.first) / Bench.median(f.warm);
                bench.target(ratio <= 2.0, String.format(Locale.ROOT, "%s, first invocation after a SnapStart init "
                        + "≤ 2× warm: %d ms vs %d ms = %.2f× (without priming: %s)", f.label, Bench.median(f.first),
                        Bench.median(f.warm), ratio, f == list ? ratioText(unprimed) : "not measured"));
            }
            bench.targets.add(String.format(Locale.ROOT, "- stale-tokens (%,d tokens), first after init: %s; "
                    + "minimal Funqy function: %s", TOKENS, ratioText(stale), minimalFigures == null
                            ? "not built"
                            : ratioText(minimalFigures)));
        } finally {
            cluster.stop();
        }
    }

    private static String ratioText(Figures f) {
        return String.format(Locale.ROOT, "%d ms vs %d ms warm = %.2f×", Bench.median(f.first), Bench.median(f.warm),
                (double) Bench.median(f.first) / Bench.median(f.warm));
    }

    /** One function's first-after-init and warm invocations over fresh environments; nothing may reach the cluster in init. */
    private Figures measure(String label, Path root, Map<String, String> env, String event) throws Exception {
        Figures f = new Figures(label);
        Map<String, String> all = new LinkedHashMap<>(env);
        all.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
        List<String> flags = new ArrayList<>(bench.jvmFlags);
        flags.add(CRAC_COMPAT);
        for (int i = 0; i < bench.environments; i++) {
            cluster.clearRequests();
            try (LambdaProcess p = bench.environment(root, flags, all,
                    "restore-" + label.replaceAll("\\W+", "-") + "-" + i)) {
                f.init.add(p.snapshotMillis());
                f.restore.add(p.restoreMillis());
                if (!cluster.requests().isEmpty()) {
                    throw new IllegalStateException(label + ": " + cluster.requests().size() + " requests reached the "
                            + "cluster before the first invocation");
                }
                RuntimeApi.Outcome first = p.invoke(event, 300);
                Bench.check(first, label);
                f.first.add(first.millis());
                for (int w = 0; w < WARM; w++) {
                    RuntimeApi.Outcome o = p.invoke(event, 300);
                    Bench.check(o, label);
                    f.warm.add(o.millis());
                }
            }
        }
        String what = "restore path, " + label;
        bench.row(what + ": JVM start → snapshot point (init, priming included)", f.init, null,
                "paid once, at publish");
        bench.row(what + ": afterRestore hooks", f.restore, null, "");
        bench.row(what + ": first invocation after init", f.first, null, "no request reached the cluster during init");
        bench.row(what + ": warm invocation", f.warm, null, String.format(Locale.ROOT, "%s", event.replace('|', '/')));
        return f;
    }

    private Map<String, String> env(String export, boolean priming) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_FUNQY_EXPORT", export);
        env.put("DT_CLUSTER_URL", cluster.url());
        env.put("DT_API_TOKEN", Bench.API_TOKEN);
        env.put("SNAPSTART_PRIMING", Boolean.toString(priming));
        return env;
    }

    /** Medians per phase of one function, over all environments. */
    private static final class Figures {
        final String label;
        final List<Long> init = new ArrayList<>();
        final List<Long> restore = new ArrayList<>();
        final List<Long> first = new ArrayList<>();
        final List<Long> warm = new ArrayList<>();

        Figures(String label) {
            this.label = label;
        }
    }
}
