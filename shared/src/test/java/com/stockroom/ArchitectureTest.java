package com.stockroom;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of the shared module: the model is plain Java, the application layer knows no
 * AWS, Dagger, Jackson or HTTP, and the DynamoDB adapters are hidden behind the model's ports.
 *
 * <p>Dagger writes a {@code _Factory} next to every {@code @Inject} class; those are generated
 * wiring, not the layer's own code, so the rules leave out classes marked {@code @DaggerGenerated}.
 */
class ArchitectureTest {

    private static final String DAGGER_GENERATED = "dagger.internal.DaggerGenerated";

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.stockroom");
    }

    @Test
    void the_import_sees_the_production_classes_and_no_tests() {
        assertThat(classes.contain("com.stockroom.stock.model.Stock")).isTrue();
        assertThat(classes.contain("com.stockroom.stock.application.MovingStock")).isTrue();
        assertThat(classes.contain("com.stockroom.stock.infrastructure.DynamoDbStocks")).isTrue();
        assertThat(classes.contain(ArchitectureTest.class)).isFalse();
        assertThat(classes.stream().map(JavaClass::getSimpleName)).doesNotContain("InMemoryStocks");
    }

    @Test
    void the_model_depends_on_no_framework_and_no_outer_layer() {
        ArchRule rule = noClasses()
                .that().resideInAPackage("..stock.model..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "software.amazon..",
                        "com.amazonaws..",
                        "dagger..",
                        "jakarta..",
                        "com.fasterxml..",
                        "com.stockroom.web..",
                        "com.stockroom.lambda..",
                        "com.stockroom.platform..");

        rule.check(classes);
    }

    @Test
    void the_application_layer_depends_on_no_aws_dagger_jackson_or_web() {
        ArchRule rule = noClasses()
                .that().resideInAPackage("..stock.application..")
                .and().areNotAnnotatedWith(DAGGER_GENERATED)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "software.amazon..",
                        "com.amazonaws..",
                        "dagger..",
                        "com.fasterxml..",
                        "com.stockroom.web..");

        rule.check(classes);
    }

    @Test
    void the_dynamodb_adapters_are_not_public() {
        ArchRule rule = classes()
                .that().haveSimpleName("DynamoDbStocks")
                .or().haveSimpleName("DynamoDbStockHistory")
                .or().haveSimpleName("StockItems")
                .should().notBePublic();

        rule.check(classes);
    }

    @Test
    void the_adapter_rule_finds_all_three_adapters() {
        assertThat(classes.stream().map(JavaClass::getSimpleName))
                .contains("DynamoDbStocks", "DynamoDbStockHistory", "StockItems");
    }
}
