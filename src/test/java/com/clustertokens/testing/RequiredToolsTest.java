package com.clustertokens.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.clustertokens.remediation.LedgerTableResource;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;

/** Which test classes need moto_server, as RequiredTools reads them before Quarkus starts their resources. */
class RequiredToolsTest {

    @WithTestResource(SimulatedClusterResource.class)
    static class WithoutMoto {
    }

    @WithTestResource(StatefulAwsResource.class)
    static class WithOneMotoResource {
    }

    @WithTestResource(SimulatedClusterResource.class)
    @WithTestResource(LedgerTableResource.class)
    static class WithMotoAmongSeveralResources {
    }

    static class InheritingAMotoResource extends WithOneMotoResource {
    }

    @Test
    void aTestClassWhoseResourcesAllRunWithoutMotoDoesNotNeedIt() {
        assertThat(RequiredTools.needsMotoServer(WithoutMoto.class)).isFalse();
        assertThat(RequiredTools.needsMotoServer(RequiredToolsTest.class)).isFalse();
    }

    @Test
    void aTestClassWithAResourceThatStartsMotoNeedsIt() {
        assertThat(RequiredTools.needsMotoServer(WithOneMotoResource.class)).isTrue();
    }

    @Test
    void aMotoResourceAmongRepeatedResourcesIsFound() {
        assertThat(RequiredTools.needsMotoServer(WithMotoAmongSeveralResources.class)).isTrue();
    }

    @Test
    void aResourceDeclaredOnASuperclassCounts() {
        assertThat(RequiredTools.needsMotoServer(InheritingAMotoResource.class)).isTrue();
    }

    /** Else a test of a new resource would fail without moto in Quarkus's page of wrapped errors. */
    @Test
    void everyTestResourceThatStartsMotoServerIsMarkedAsNeedingIt() {
        JavaClasses tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages("com.clustertokens");

        classes().that().implement(QuarkusTestResourceLifecycleManager.class).should(markedIfTheyStartMoto())
                .check(tests);
    }

    private static ArchCondition<JavaClass> markedIfTheyStartMoto() {
        return new ArchCondition<>("implement NeedsMotoServer if they call MotoServer.start()") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                boolean startsMoto = type.getMethodCallsFromSelf().stream().anyMatch(call -> call.getTarget()
                        .getOwner().isEquivalentTo(MotoServer.class) && call.getName().equals("start"));
                if (startsMoto && !type.isAssignableTo(NeedsMotoServer.class)) {
                    events.add(SimpleConditionEvent.violated(type, type.getName()
                            + " calls MotoServer.start() but does not implement NeedsMotoServer"));
                }
            }
        };
    }
}
