package io.segmentbatch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/** Dependencies point one way: api, trigger → job → segment, report, customer → filter. */
class ArchitectureTests {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.segmentbatch");

    @Test
    void layersDependOnlyDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("entry").definedBy("io.segmentbatch.api..", "io.segmentbatch.trigger..", "io.segmentbatch.monitor..")
                .layer("job").definedBy("io.segmentbatch.job..")
                .layer("domain").definedBy("io.segmentbatch.segment..", "io.segmentbatch.report..", "io.segmentbatch.customer..")
                .layer("filter").definedBy("io.segmentbatch.filter..")
                .whereLayer("entry").mayOnlyBeAccessedByLayers("entry")
                .whereLayer("job").mayOnlyBeAccessedByLayers("entry")
                .whereLayer("domain").mayOnlyBeAccessedByLayers("entry", "job")
                .whereLayer("filter").mayOnlyBeAccessedByLayers("entry", "job", "domain")
                .withOptionalLayers(true)
                .check(classes);
    }

    @Test
    void theDomainPackagesDoNotKnowEachOther() {
        noClasses().that().resideInAPackage("io.segmentbatch.customer..")
                .should().dependOnClassesThat().resideInAnyPackage("io.segmentbatch.segment..", "io.segmentbatch.report..")
                .check(classes);
        noClasses().that().resideInAPackage("io.segmentbatch.segment..")
                .should().dependOnClassesThat().resideInAnyPackage("io.segmentbatch.customer..", "io.segmentbatch.report..")
                .check(classes);
        noClasses().that().resideInAPackage("io.segmentbatch.report..")
                .should().dependOnClassesThat().resideInAnyPackage("io.segmentbatch.customer..", "io.segmentbatch.segment..")
                .check(classes);
    }

    @Test
    void theFilterLanguageIsPlainJava() {
        noClasses().that().resideInAPackage("io.segmentbatch.filter..")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .check(classes);
    }

    @Test
    void onlyTheLaunchFacadeStartsJobs() {
        noClasses().that().doNotHaveSimpleName("RunLauncher")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.batch.core.launch.JobOperator")
                .check(classes);
    }
}
