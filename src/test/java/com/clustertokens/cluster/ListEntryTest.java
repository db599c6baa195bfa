package com.clustertokens.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class ListEntryTest {

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    /** The public part of the example token in Dynatrace's documentation. */
    private static final String DOCUMENTED = "dt0c01.ST2EY72KQINMH574WMNVI7YN";

    @Test
    void readsADt0c01IdAsTwoSixtyBitHalvesOfFiveBitsPerDigit() {
        assertHalves("dt0c01.AAAAAAAAAAAAAAAAAAAAAAAA", 0, 0);
        assertHalves("dt0c01.AAAAAAAAAAAAAAAAAAAAAAAB", 0, 1);
        assertHalves("dt0c01.AAAAAAAAAAA7AAAAAAAAAAAA", 31, 0);
        assertHalves("dt0c01.CAAAAAAAAAAAAAAAAAAAAAA2", 2L << 55, 26);
        assertHalves("dt0c01.777777777777777777777777", (1L << 60) - 1, (1L << 60) - 1);
        // S=18 T=19 2=26 E=4 ... read as one 60-bit number per 12 digits.
        assertHalves(DOCUMENTED, value("ST2EY72KQINM"), value("H574WMNVI7YN"));
    }

    @Test
    void mapsDt0c01IdsAndTheirHalvesOneToOneBothWays() {
        SplittableRandom random = new SplittableRandom(12);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder digits = new StringBuilder(CompactIds.DT0C01_PREFIX);
            random.ints(24, 0, 32).forEach(d -> digits.append(BASE32.charAt(d)));
            String id = digits.toString();
            ListEntry entry = ListEntry.of(id, null);
            assertThat(entry.idIsCompact()).as(id).isTrue();
            assertThat(entry.idIsDt0c01()).isTrue();
            assertThat(CompactIds.idOf(true, entry.idHigh(), entry.idLow())).isEqualTo(id);

            long high = random.nextLong() >>> 4;
            long low = random.nextLong() >>> 4;
            ListEntry back = ListEntry.of(CompactIds.idOf(true, high, low), null);
            assertThat(back.idEquals(true, high, low)).isTrue();
            assertThat(back.idEquals(false, high, low)).as("the same bits as a UUID are another id").isFalse();
        }
        assertThatThrownBy(() -> CompactIds.idOf(true, 1L << 60, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mapsUuidsAndTheirHalvesOneToOneBothWays() {
        SplittableRandom random = new SplittableRandom(13);
        for (int i = 0; i < 20_000; i++) {
            long high = random.nextLong();
            long low = random.nextLong();
            String id = new UUID(high, low).toString();
            ListEntry entry = ListEntry.of(id, null);
            assertThat(entry.idIsUuid()).isTrue();
            assertThat(entry.idIsDt0c01()).isFalse();
            assertThat(entry.idEquals(false, high, low)).isTrue();
            assertThat(entry.idEquals(true, high, low)).isFalse();
            assertThat(CompactIds.idOf(false, entry.idHigh(), entry.idLow())).isEqualTo(id);
        }
    }

    @Test
    void keepsNearMissesOfTheIdentifierFormOffTheCompactPath() {
        String[] nearMisses = {
                "dt0c01.ST2EY72KQINMH574WMNVI7Yn", // lower case: compared as the string it is
                "dt0c01.st2ey72kqinmh574wmnvi7yn",
                "dt0c01.ST2EY72KQINMH574WMNVI7Y0", // 0, 1, 8, 9 are not base-32 digits
                "dt0c01.ST2EY72KQINMH574WMNVI7Y1",
                "dt0c01.8T2EY72KQINMH574WMNVI7YN",
                "dt0c01.ST2EY72KQIN9H574WMNVI7YN",
                "dt0c01.ST2EY72KQINMH574WMNVI7Y=", // padding
                "dt0c01.ST2EY72KQINMH574WMNVI7Y\uFF2E", // a full-width N
                "dt0c01.ST2EY72KQINMH574WMNVI7Y", // 23 digits
                "dt0c01.ST2EY72KQINMH574WMNVI7YNA", // 25 digits
                "dt0c02.ST2EY72KQINMH574WMNVI7YN", // another prefix
                "dt0s01.ST2EY72KQINMH574WMNVI7YN",
                "DT0C01.ST2EY72KQINMH574WMNVI7YN",
                "dt0c01-ST2EY72KQINMH574WMNVI7YN",
                "xdt0c01.ST2EY72KQINMH574WMNVI7Y",
                "dt0c01.ST2EY72KQINMH574WMNVI7YN.G3DFPBEJYMODIDAEX454M7YW", // more than the identifier
                "",
        };
        for (String id : nearMisses) {
            ListEntry entry = ListEntry.of(id, null);
            assertThat(entry.idIsCompact()).as(id).isFalse();
            assertThat(entry.idIsUuid()).as(id).isFalse();
            assertThat(entry.idEquals(true, entry.idHigh(), entry.idLow())).as(id).isFalse();
            assertThat(entry.id()).isEqualTo(id);
        }
    }

    private static void assertHalves(String id, long high, long low) {
        ListEntry entry = ListEntry.of(id, null);
        assertThat(entry.idIsCompact()).as(id).isTrue();
        assertThat(entry.idIsDt0c01()).as(id).isTrue();
        assertThat(entry.idHigh()).as(id).isEqualTo(high);
        assertThat(entry.idLow()).as(id).isEqualTo(low);
        assertThat(entry.idEquals(true, high, low)).as(id).isTrue();
        assertThat(CompactIds.idOf(true, high, low)).isEqualTo(id);
    }

    /** Base-32 digits as a number, most significant first; written out here, apart from the code under test. */
    private static long value(String digits) {
        long v = 0;
        for (char c : digits.toCharArray()) {
            v = v * 32 + BASE32.indexOf(c);
        }
        return v;
    }
}
