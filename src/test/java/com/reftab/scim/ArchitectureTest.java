package com.reftab.scim;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * How the packages below {@code com.reftab.scim} layer (README, "Layout"): the admin and operator
 * APIs on top, then the web adapter ({@code http}), then the SCIM resource types and their service
 * ({@code resources}), then the domain (tenants and admission, the OAuth server, the directory, the outbox and its
 * events, the user store, roles), and the SCIM protocol kernel at the bottom, free of Spring, Camel
 * and JDBC. No package cycle at any level.
 */
class ArchitectureTest {

    private static final String BASE = "com.reftab.scim";
    private static final String KERNEL = BASE + ".protocol..";
    private static final String[] DOMAIN = {BASE + ".auth..", BASE + ".roles..", BASE + ".accounts..",
            BASE + ".outbox..", BASE + ".events..", BASE + ".directory..", BASE + ".kafka..",
            BASE + ".faults..", BASE + ".database..", BASE + ".oauth..", BASE + ".equipment..", BASE + ".alerts.."};
    private static final String[] ABOVE_THE_DOMAIN = {BASE + ".admin..", BASE + ".operator..", BASE + ".console..",
            BASE + ".http..", BASE + ".resources.."};

    /** The service's own classes; tests (and the cycle fixture among them) are left out. */
    private static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BASE);

    /** A package and everything below it, taken as one: {@code directory} with its subpackages. */
    static ArchRule noCycleBetweenPackagesBelow(String base) {
        return slices().matching(base + ".(*)..").namingSlices("$1")
                .should().beFreeOfCycles()
                .as("the packages directly below " + base + " (each with its subpackages) depend on each other one way only");
    }

    /** Every package on its own: a subpackage and its parent must not need each other either. */
    static ArchRule noCycleBetweenSubpackagesBelow(String base) {
        return slices().matching(base + ".(**)").namingSlices("$1")
                .should().beFreeOfCycles()
                .as("every package below " + base + ", subpackages included, depends on the others one way only");
    }

    @Test
    void packagesBelowTheBaseFormNoCycle() {
        noCycleBetweenPackagesBelow(BASE).check(PRODUCT);
    }

    @Test
    void subpackagesFormNoCycleEither() {
        noCycleBetweenSubpackagesBelow(BASE).check(PRODUCT);
    }

    @Test
    void theScimKernelUsesNoSpringCamelOrJdbcType() {
        noClasses().that().resideInAPackage(KERNEL)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "org.apache.camel..", "java.sql..", "javax.sql..")
                .because("the SCIM protocol (schemas, filters, PatchOp, errors) is plain Java any adapter can use")
                .check(PRODUCT);
    }

    @Test
    void theScimKernelUsesNoOtherPackageOfTheProduct() {
        noClasses().that().resideInAPackage(KERNEL)
                .should().dependOnClassesThat(resideInAPackage(BASE + "..").and(not(resideInAPackage(KERNEL))))
                .because("everything else is built on the SCIM kernel, so it can need nothing back")
                .check(PRODUCT);
    }

    /**
     * The routes call the APIs (beans answering a {@code JsonReply}); the web filters admit and
     * authenticate through {@code auth}; the SCIM resource types answer results the web layer turns
     * into replies; the domain never sees a reply, a servlet or a resource type.
     */
    @Test
    void domainPackagesKnowNothingOfHttpOrTheApisAboveThem() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("APIs").definedBy(BASE + ".admin..", BASE + ".operator..", BASE + ".console..")
                .layer("Web").definedBy(BASE + ".http..")
                .layer("Resources").definedBy(BASE + ".resources..")
                .layer("Domain").definedBy(DOMAIN)
                .layer("Kernel").definedBy(KERNEL)
                .whereLayer("APIs").mayNotBeAccessedByAnyLayer()
                .whereLayer("Web").mayOnlyBeAccessedByLayers("APIs")
                .whereLayer("Resources").mayOnlyBeAccessedByLayers("APIs", "Web")
                .whereLayer("Domain").mayOnlyBeAccessedByLayers("APIs", "Web", "Resources")
                .whereLayer("Kernel").mayNotAccessAnyLayer()
                .check(PRODUCT);
    }

    /** A new package must take its place in the layers, or the layer rules would never see it. */
    @Test
    void everyPackageBelongsToALayer() {
        classes().that().resideOutsideOfPackage(BASE)
                .should().resideInAnyPackage(concat(DOMAIN, ABOVE_THE_DOMAIN, new String[] {KERNEL}))
                .because("the layer rules only hold for the packages they name")
                .check(PRODUCT);
    }

    private static String[] concat(String[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }

    /**
     * The domain is reached through the web adapter, never the other way: no servlet, web or
     * platform-http type below {@code http}, whatever package it comes from.
     */
    @Test
    void theDomainUsesNoServletOrWebType() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.servlet..", "org.springframework.web..",
                        "org.springframework.http..", "org.apache.camel.component.platform.http..")
                .because("the web layer admits, reads and answers requests; the domain decides")
                .check(PRODUCT);
    }

    /** The cycle rules see cycles at all: a fixture (test code, outside PRODUCT) whose two packages need each other. */
    @Test
    void theCycleRulesReportADeliberateCycle() {
        String fixture = BASE + ".archfixture";
        JavaClasses cyclic = new ClassFileImporter().importPackages(fixture);

        EvaluationResult packages = noCycleBetweenPackagesBelow(fixture).evaluate(cyclic);
        EvaluationResult subpackages = noCycleBetweenSubpackagesBelow(fixture).evaluate(cyclic);

        assertThat(packages.getFailureReport().getDetails())
                .singleElement().asString().contains("Cycle detected: a -> ", "Dependencies of a", "Dependencies of b");
        assertThat(subpackages.getFailureReport().getDetails())
                .singleElement().asString().contains("Cycle detected: a -> ", "Dependencies of a", "Dependencies of b");
    }
}
