package com.clustertokens.logging;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.testing.LeakedSecrets;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The fields of a log line hold only what the report page would show of them, whoever sets them. */
class LogFieldsTest {

    @BeforeEach
    @AfterEach
    void clearFields() {
        MDC.clear();
    }

    @Test
    void aFieldHoldingAPastedSecretIsSetMaskedAsThePageShowsIt() {
        LogFields.put("runId", "event " + LeakedSecrets.NEW_FORMAT + " at 2026-11-01T00:00:00Z");
        LogFields.put("requestId", "8f2b3c4d-0000-4000-8000-000000000001");
        LogFields.put("owner", LeakedSecrets.LEGACY);

        assertThat(MDC.get("runId")).isEqualTo("event " + LeakedSecrets.IDENTIFIER + ".<redacted> at "
                + "2026-11-01T00:00:00Z");
        assertThat(MDC.get("requestId")).as("an id keeps its shape").isEqualTo("8f2b3c4d-0000-4000-8000-000000000001");
        assertThat(MDC.get("owner")).isEqualTo("<redacted>");
    }

    @Test
    void aFieldSetForAPieceOfWorkIsBackAsItWasAfterwardAndANullValueRemovesIt() {
        LogFields.put("cluster", "c01");

        Object inside = LogFields.with("cluster", "c02", () -> LogFields.get("cluster"));
        Object removed = LogFields.with("cluster", null, () -> LogFields.get("cluster"));

        assertThat(inside).isEqualTo("c02");
        assertThat(removed).isNull();
        assertThat(LogFields.get("cluster")).isEqualTo("c01");
    }

    @Test
    void noClassButLogFieldsSetsALogFieldSoNoneIsLeftUnmasked() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.clustertokens");

        noClasses().that().doNotHaveFullyQualifiedName(LogFields.class.getName()).should().dependOnClassesThat()
                .haveSimpleName("MDC").because("LogFields masks every value it sets").check(classes);
    }
}
