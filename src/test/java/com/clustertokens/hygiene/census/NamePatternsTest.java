package com.clustertokens.hygiene.census;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.clustertokens.cluster.ListEntry;

class NamePatternsTest {

    private final List<String> problems = new ArrayList<>();

    @Test
    void matchesWholeNamesWithStarAndQuestionMarkAndEverythingElseLiterally() {
        NamePatterns patterns = NamePatterns.of(List.of("Mobile"), List.of("ci-*", "job-?", "a.b(c)+"), problems);

        assertThat(problems).isEmpty();
        assertThat(reason(patterns, "ci-deploy")).isEqualTo("matches 'ci-*'");
        assertThat(reason(patterns, "my-ci-deploy")).isNull();
        assertThat(reason(patterns, "CI-deploy")).as("case-sensitive").isNull();
        assertThat(reason(patterns, "job-1")).isEqualTo("matches 'job-?'");
        assertThat(reason(patterns, "job-12")).isNull();
        assertThat(reason(patterns, "a.b(c)+")).isEqualTo("matches 'a.b(c)+'");
        assertThat(reason(patterns, "aXb(c)")).isNull();
        assertThat(reason(patterns, "Mobile")).isEqualTo("created by the cluster");
        assertThat(reason(patterns, "Mobile2")).isNull();
        assertThat(reason(patterns, null)).isNull();
    }

    @Test
    void matchesExactNamesWithoutPatternsToo() {
        NamePatterns patterns = NamePatterns.of(List.of("Mobile", "InstallerDownload"), List.of(), problems);

        assertThat(reason(patterns, "InstallerDownload")).isEqualTo("created by the cluster");
        assertThat(reason(patterns, "InstallerDownloads")).isNull();
        assertThat(reason(patterns, "mobile")).isNull();
    }

    @Test
    void namesEachInvalidPatternByIndex() {
        List<String> globs = new ArrayList<>(List.of("ok-*", "*", " ", "x".repeat(300)));
        globs.add(null);

        NamePatterns.of(List.of(), globs, problems);

        assertThat(problems).containsExactly(
                "exclude[1]: '*' matches every name, which would exclude every token",
                "exclude[2]: must not be blank",
                "exclude[3]: must be at most 256 characters",
                "exclude[4]: must be a name pattern, not null");
    }

    @Test
    void refusesEveryPatternMadeOnlyOfWildcards() {
        NamePatterns.of(List.of(), List.of("?*", "*?", "**", "*?*", "?", "??*", "a?*", "*x"), problems);

        assertThat(problems).containsExactly(
                "exclude[0]: '?*' matches every name, which would exclude every token",
                "exclude[1]: '*?' matches every name, which would exclude every token",
                "exclude[2]: '**' matches every name, which would exclude every token",
                "exclude[3]: '*?*' matches every name, which would exclude every token",
                "exclude[4]: '?' matches every name, which would exclude every token",
                "exclude[5]: '??*' matches every name of 2 characters or more, which would exclude nearly every "
                        + "token; a pattern needs at least one literal character");
    }

    @Test
    void tellsWhichRuleExcludedANameFirstMatchWinning() {
        NamePatterns patterns = NamePatterns.of(List.of("Mobile"), List.of("ci-*", "*-deploy", "ci-*"), problems);

        assertThat(patterns.rules()).as("the cluster's names, then each distinct pattern").isEqualTo(3);
        assertThat(match(patterns, "Mobile")).isEqualTo(NamePatterns.AUTO_CREATED);
        assertThat(match(patterns, "ci-deploy")).isEqualTo(1);
        assertThat(match(patterns, "app-deploy")).isEqualTo(2);
        assertThat(match(patterns, "app")).isEqualTo(NamePatterns.NONE);
        assertThat(patterns.reason(2)).isEqualTo("matches '*-deploy'");
    }

    private static int match(NamePatterns patterns, String name) {
        return patterns.match(ListEntry.of("0fb2d2c8-e87c-470c-a0e4-303a6f3bec74", name));
    }

    private static String reason(NamePatterns patterns, String name) {
        return patterns.reason(ListEntry.of("0fb2d2c8-e87c-470c-a0e4-303a6f3bec74", name));
    }
}
