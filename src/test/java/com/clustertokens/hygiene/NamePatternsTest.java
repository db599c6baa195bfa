package com.clustertokens.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class NamePatternsTest {

    private final List<String> problems = new ArrayList<>();

    @Test
    void matchesWholeNamesWithStarAndQuestionMarkAndEverythingElseLiterally() {
        NamePatterns patterns = NamePatterns.of(List.of("Mobile"), List.of("ci-*", "job-?", "a.b(c)+"), problems);

        assertThat(problems).isEmpty();
        assertThat(patterns.reason("ci-deploy")).isEqualTo("matches 'ci-*'");
        assertThat(patterns.reason("my-ci-deploy")).isNull();
        assertThat(patterns.reason("CI-deploy")).as("case-sensitive").isNull();
        assertThat(patterns.reason("job-1")).isEqualTo("matches 'job-?'");
        assertThat(patterns.reason("job-12")).isNull();
        assertThat(patterns.reason("a.b(c)+")).isEqualTo("matches 'a.b(c)+'");
        assertThat(patterns.reason("aXb(c)")).isNull();
        assertThat(patterns.reason("Mobile")).isEqualTo("created by the cluster");
        assertThat(patterns.reason("Mobile2")).isNull();
        assertThat(patterns.reason(null)).isNull();
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
}
