package com.clustertokens.testing;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Test profiles that select one function, as QUARKUS_FUNQY_EXPORT does on Lambda. */
public final class Exports {

    private Exports() {
    }

    /** Base: exports one function, with optional extra configuration. */
    public abstract static class Export implements QuarkusTestProfile {
        private final String function;
        private final Map<String, String> extra;

        protected Export(String function, Map<String, String> extra) {
            this.function = function;
            this.extra = extra;
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(extra);
            config.put("quarkus.funqy.export", function);
            return config;
        }
    }

    /**
     * A 60 s Lambda timeout (DT_INVOCATION_TIMEOUT), what the deadline and fault tests share: each runs the invocation
     * on a {@link ControlledClock}, so what fits in the budget follows from the steps the test takes, and the
     * cluster's read timeout stays the tests' generous default (application.properties) however busy the machine.
     */
    private static final Map<String, String> SIXTY_SECOND_LAMBDA = Map.of("dt.invocation-timeout", "60s");

    /** list-tokens under a 60 s Lambda timeout; the other functions are invoked through {@link Functions}. */
    public static class ListTokensWithDeadline extends Export {
        public ListTokensWithDeadline() {
            super("list-tokens", SIXTY_SECOND_LAMBDA);
        }
    }

    /** create-token under a 60 s Lambda timeout. */
    public static class CreateTokenWithDeadline extends Export {
        public CreateTokenWithDeadline() {
            super("create-token", SIXTY_SECOND_LAMBDA);
        }
    }

    /** create-token. */
    public static class CreateToken extends Export {
        public CreateToken() {
            super("create-token", Map.of());
        }
    }

    /** list-tokens. */
    public static class ListTokens extends Export {
        public ListTokens() {
            super("list-tokens", Map.of());
        }
    }

    /** stale-tokens. */
    public static class StaleTokens extends Export {
        public StaleTokens() {
            super("stale-tokens", Map.of());
        }
    }

    /** fleet-report, the fleet run's per-cluster step. */
    public static class FleetReport extends Export {
        public FleetReport() {
            super("fleet-report", Map.of());
        }
    }

    /** fleet-summary, the fleet run's last step. */
    public static class FleetSummary extends Export {
        public FleetSummary() {
            super("fleet-summary", Map.of());
        }
    }

    /** fleet-clusters, the fleet run's first step. */
    public static class FleetClusters extends Export {
        public FleetClusters() {
            super("fleet-clusters", Map.of());
        }
    }
}
