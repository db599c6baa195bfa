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
