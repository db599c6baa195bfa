package com.clustertokens.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The package map stays a tree a newcomer can read: no feature package depends, by any path, on itself. */
@AnalyzeClasses(packages = "com.clustertokens", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageStructureTest {

    @ArchTest
    static final ArchRule packagesHaveNoCycles = slices().matching("com.clustertokens.(*)..").should()
            .beFreeOfCycles();

    /**
     * The Lambda edge (handler, deadline, request binding, event envelopes) serves every feature and knows none of
     * them, so a feature reads as its functions and services alone.
     */
    @ArchTest
    static final ArchRule lambdaEdgeKnowsNoFeature = noClasses().that().resideInAPackage("com.clustertokens.lambda..")
            .should().dependOnClassesThat().resideInAnyPackage("com.clustertokens.token..",
                    "com.clustertokens.cluster..", "com.clustertokens.hygiene..", "com.clustertokens.remediation..",
                    "com.clustertokens.fleet..", "com.clustertokens.snapstart..", "com.clustertokens.aws..");

    /** Lambda's runtime (its handler, its Context) and Funqy's Lambda binding are met at the edge only. */
    @ArchTest
    static final ArchRule onlyTheEdgeMeetsTheLambdaRuntime = noClasses().that()
            .resideOutsideOfPackage("com.clustertokens.lambda..").should().dependOnClassesThat()
            .resideInAnyPackage("com.amazonaws.services.lambda.runtime", "io.quarkus.funqy.lambda..",
                    "io.quarkus.amazon.lambda..");

    /** stale-tokens' parts (census, report, delivery, page) read apart: none depends, by any path, on itself. */
    @ArchTest
    static final ArchRule hygienePartsHaveNoCycles = slices().matching("com.clustertokens.hygiene.(*)..").should()
            .beFreeOfCycles();

    /** The parts serve the function and its service, in {@code hygiene} itself; they never reach back to them. */
    @ArchTest
    static final ArchRule hygienePartsDoNotDependOnTheFunction = noClasses().that()
            .resideInAnyPackage("com.clustertokens.hygiene.census..", "com.clustertokens.hygiene.report..",
                    "com.clustertokens.hygiene.delivery..", "com.clustertokens.hygiene.page..")
            .should().dependOnClassesThat().resideInAPackage("com.clustertokens.hygiene");

    /**
     * Remediation builds on the hygiene census and report; hygiene knows it only through ReportContributor, so the
     * report stays whole without it.
     */
    @ArchTest
    static final ArchRule hygieneDoesNotDependOnRemediation = noClasses().that()
            .resideInAPackage("com.clustertokens.hygiene..").should().dependOnClassesThat()
            .resideInAPackage("com.clustertokens.remediation..");

    /**
     * The page renders what the report says; it never reads the cluster or sends anything, so a page can be made of
     * any report, a stored one included.
     */
    @ArchTest
    static final ArchRule pageOnlyRendersTheReport = noClasses().that()
            .resideInAPackage("com.clustertokens.hygiene.page..").should().dependOnClassesThat()
            .resideInAnyPackage("com.clustertokens.cluster..", "com.clustertokens.hygiene.census..",
                    "com.clustertokens.hygiene.delivery..", "com.clustertokens.aws..");

    /**
     * What an invocation works on travels as objects (a cluster client bound to its cluster, deadline and log fields),
     * never as state of a thread: no ThreadLocal and no context propagation, so no task handed to a pool needs a wrap.
     * The one exception is LambdaHandler's hand-over of Lambda's Context to the invocation's deadline, on the
     * invocation's own thread and cleared when it answers: Funqy passes a function no Context.
     */
    @ArchTest
    static final ArchRule noStateOfAThread = noClasses().that().doNotHaveFullyQualifiedName(
            "com.clustertokens.lambda.LambdaHandler").and().doNotHaveFullyQualifiedName(
                    "com.clustertokens.lambda.InvocationDeadline").should().dependOnClassesThat()
            .belongToAnyOf(ThreadLocal.class, InheritableThreadLocal.class).orShould().dependOnClassesThat()
            .resideInAnyPackage("org.eclipse.microprofile.context..", "io.smallrye.context..")
            .because("a task handed to a pool would have to be wrapped to see it, and a missed wrap is a bug");
}
