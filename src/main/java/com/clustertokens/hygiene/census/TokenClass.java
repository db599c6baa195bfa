package com.clustertokens.hygiene.census;

/** Where a listed token falls relative to the cutoff. */
enum TokenClass {
    /** Last used at or after the cutoff. */
    ACTIVE("active"),
    /** Last used before the cutoff. */
    DORMANT("dormant"),
    /** Listed, but in neither the active nor the dormant query: never used, as far as the cluster says. */
    NO_RECORDED_USE("noRecordedUse");

    private final String wire;

    TokenClass(String wire) {
        this.wire = wire;
    }

    String wire() {
        return wire;
    }
}
