package com.clustertokens.hygiene.census;

import com.clustertokens.error.WireName;

/** Where a listed token falls relative to the cutoff. */
enum TokenClass implements WireName {
    /** Last used at or after the cutoff. */
    ACTIVE,
    /** Last used before the cutoff. */
    DORMANT,
    /** Listed, but in neither the active nor the dormant query: never used, as far as the cluster says. */
    NO_RECORDED_USE
}
