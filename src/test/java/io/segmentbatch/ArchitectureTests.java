package io.segmentbatch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/**
 * Dependencies point one way: api, trigger, monitor → job → destination → store → segment, report, customer → filter;
 * SQL only in store; the sample generator is used by the command line only; the shared JSON mappers by anyone.
 */
class ArchitectureTests {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // the bean definitions that the build's ahead-of-time processing wrote (in target/classes once the jar is
            // built) call whatever the beans' constructors take: they are Spring's code, not the application's
            .withImportOption(location -> !location.contains("__") && !location.contains("$$SpringCGLIB$$"))
            .importPackages("io.segmentbatch");

    @Test
    void layersDependOnlyDownwards() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("entry")
                .definedBy("io.segmentbatch.api..", "io.segmentbatch.trigger..", "io.segmentbatch.monitor..")
                .layer("job")
                .definedBy("io.segmentbatch.job..")
                .layer("destination")
                .definedBy("io.segmentbatch.destination..")
                .layer("store")
                .definedBy("io.segmentbatch.store..")
                .layer("domain")
                .definedBy("io.segmentbatch.segment..", "io.segmentbatch.report..", "io.segmentbatch.customer..")
                .layer("filter")
                .definedBy("io.segmentbatch.filter..")
                .layer("sample")
                .definedBy("io.segmentbatch.sample..")
                .layer("json")
                .definedBy("io.segmentbatch.json..")
                .whereLayer("entry")
                .mayOnlyBeAccessedByLayers("entry")
                .whereLayer("job")
                .mayOnlyBeAccessedByLayers("entry")
                .whereLayer("destination")
                .mayOnlyBeAccessedByLayers("entry", "job")
                .whereLayer("store")
                .mayOnlyBeAccessedByLayers("entry", "job", "destination")
                .whereLayer("domain")
                .mayOnlyBeAccessedByLayers("entry", "job", "destination", "store")
                .whereLayer("filter")
                .mayOnlyBeAccessedByLayers("entry", "job", "store", "domain")
                .whereLayer("sample")
                .mayOnlyBeAccessedByLayers("entry")
                .whereLayer("json")
                .mayOnlyBeAccessedByLayers("entry", "job", "destination", "store", "domain", "filter")
                .withOptionalLayers(true)
                .check(classes);
    }

    @Test
    void theDomainPackagesDoNotKnowEachOther() {
        noClasses()
                .that()
                .resideInAPackage("io.segmentbatch.customer..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.segmentbatch.segment..", "io.segmentbatch.report..")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("io.segmentbatch.segment..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.segmentbatch.customer..", "io.segmentbatch.report..")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("io.segmentbatch.report..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.segmentbatch.customer..", "io.segmentbatch.segment..")
                .check(classes);
    }

    /** Destinations know runs only through the store and the report, never the batch wiring. */
    @Test
    void destinationsDoNotKnowTheJob() {
        noClasses()
                .that()
                .resideInAPackage("io.segmentbatch.destination..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.segmentbatch.job..", "org.springframework.batch..")
                .check(classes);
    }

    /** The customer generator is a tool for demos and benchmarks: the command line uses it, it uses nothing of ours. */
    @Test
    void theSampleGeneratorStandsAlone() {
        noClasses()
                .that()
                .resideInAPackage("io.segmentbatch.sample..")
                .should()
                .dependOnClassesThat(resideInAPackage("io.segmentbatch..")
                        .and(resideOutsideOfPackage("io.segmentbatch.sample.."))
                        .or(resideInAPackage("org.springframework..")))
                .check(classes);
    }

    /** The shared JSON mappers sit under everything: every package may use them, they use nothing of ours. */
    @Test
    void theJsonMappersStandAlone() {
        noClasses()
                .that()
                .resideInAPackage("io.segmentbatch.json..")
                .should()
                .dependOnClassesThat(
                        resideInAPackage("io.segmentbatch..").and(resideOutsideOfPackage("io.segmentbatch.json..")))
                .check(classes);
    }

    @Test
    void theFilterLanguageIsPlainJava() {
        noClasses()
                .that()
                .resideInAPackage("io.segmentbatch.filter..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.springframework..")
                .check(classes);
    }

    @Test
    void onlyTheStoreTalksToTheDatabase() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.segmentbatch.store..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework.jdbc..", "java.sql..")
                .because("the store package owns every SQL statement and the one dialect choice")
                .check(classes);
    }

    @Test
    void onlyTheLaunchFacadeStartsJobs() {
        noClasses()
                .that()
                .doNotHaveSimpleName("RunLauncher")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.springframework.batch.core.launch.JobOperator")
                .check(classes);
    }
}
