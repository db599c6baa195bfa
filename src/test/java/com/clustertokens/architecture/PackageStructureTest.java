package com.clustertokens.architecture;

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
}
