package com.clustertokens.snapstart;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.jboss.logging.Logger;

import com.clustertokens.aws.AwsClients;
import com.clustertokens.aws.SecretValues;
import com.clustertokens.cluster.ClusterClients;
import com.clustertokens.cluster.ClusterRegistry;
import com.clustertokens.remediation.RunIds;

import io.quarkus.runtime.StartupEvent;

/**
 * The application's part in a SnapStart snapshot, as a CRaC resource (Lambda runs its hooks): before the checkpoint
 * it primes the request paths ({@link Priming}); before and after, it drops what must not be shared by the
 * environments restored from one snapshot: pooled connections, the cached API token and other secrets, the random
 * seeds of the retries and of remediation's run ids. Registered only when Lambda says a snapshot follows
 * (AWS_LAMBDA_INITIALIZATION_TYPE=snap-start).
 */
@ApplicationScoped
public class SnapStartHooks implements Resource {

    private static final Logger LOG = Logger.getLogger(SnapStartHooks.class);

    private final SnapStartConfig config;
    private final Priming priming;
    private final ClusterClients cluster;
    private final AwsClients aws;
    private final SecretValues secrets;
    private final ClusterRegistry registry;
    private final RunIds runIds;

    private volatile Priming.Primed lastPriming;

    public SnapStartHooks(SnapStartConfig config, Priming priming, ClusterClients cluster, AwsClients aws,
            SecretValues secrets, ClusterRegistry registry, RunIds runIds) {
        this.config = config;
        this.priming = priming;
        this.cluster = cluster;
        this.aws = aws;
        this.secrets = secrets;
        this.registry = registry;
        this.runIds = runIds;
    }

    void register(@Observes StartupEvent started) {
        if (config.snapshotFollows()) {
            // The global context holds its resources weakly: this application-scoped bean keeps itself alive.
            Core.getGlobalContext().register(this);
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        if (config.priming()) {
            Priming.Primed primed = null;
            try (Quiet quiet = new Quiet()) {
                primed = priming.run(Math.max(1, config.primingRounds()));
            } catch (Exception | LinkageError e) {
                // A failed priming costs the first invocation time, never the snapshot: init goes on.
                LOG.warnf("SnapStart priming failed (%s); the first invocation after a restore will be slower", e);
            }
            lastPriming = primed;
            if (primed != null) {
                LOG.infof("SnapStart priming: %d rounds of each function's requests against a loopback stand-in "
                        + "(%d requests) and of the handler's dispatch (%d refused events) in %d ms%s; nothing "
                        + "reached the cluster or AWS", primed.rounds(), primed.served().size(), primed.refused(),
                        primed.millis(), primed.failures().isEmpty()
                                ? ""
                                : "; not primed: " + primed.failures());
            }
        }
        // Nothing of one environment may serve another restored from the same snapshot: connections (their peers
        // closed them long ago), the API token and other secrets (read afresh, so a rotation made since the snapshot
        // counts), the retries' random seed (environments would back off in step).
        cluster.reset();
        aws.close();
        secrets.clear();
        // The real clients of the clusters configured here, built but never used: no connection is in the snapshot.
        cluster.prepare(registry.configured());
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        cluster.resetUsed();
        aws.close();
        secrets.clear();
        runIds.reseed();
    }

    /** The last priming's record, null when none ran or it failed. */
    Priming.Primed lastPriming() {
        return lastPriming;
    }

    /**
     * Silence while priming runs: no log record reaches a handler and nothing reaches stdout or stderr (where metrics
     * lines go), so nothing of the priming's stand-in work can be read as real work in the function's log.
     */
    private static final class Quiet implements AutoCloseable {

        private final PrintStream out = System.out;
        private final PrintStream err = System.err;
        private final Map<Handler, Level> levels = new LinkedHashMap<>();

        Quiet() {
            for (Handler handler : java.util.logging.Logger.getLogger("").getHandlers()) {
                levels.put(handler, handler.getLevel());
                handler.setLevel(Level.OFF);
            }
            PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
            System.setOut(nowhere);
            System.setErr(nowhere);
        }

        @Override
        public void close() {
            System.setOut(out);
            System.setErr(err);
            levels.forEach(Handler::setLevel);
        }
    }
}
