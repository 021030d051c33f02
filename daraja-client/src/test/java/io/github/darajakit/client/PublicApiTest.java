package io.github.darajakit.client;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The public surface is the API; the machinery under {@code .internal} must never leak into it. */
class PublicApiTest {

  private static final String INTERNAL = "io.github.darajakit.client.internal";

  private static final JavaClasses SDK =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.github.darajakit.client");

  @Test
  void noPublicSignatureMentionsAnInternalType() {
    ArchRule rule =
        ArchRuleDefinition.classes()
            .that()
            .areNotAssignableTo(
                DescribedPredicate.describe(
                    "internal", (JavaClass c) -> c.getPackageName().startsWith(INTERNAL)))
            .and()
            .arePublic()
            .should(notExposeInternalTypes());
    rule.check(SDK);
  }

  @Test
  void theSdkUsesNothingButTheJdkJacksonAndSlf4j() {
    noClasses()
        .should()
        .dependOnClassesThat(
            DescribedPredicate.describe(
                "outside the JDK, Jackson and SLF4J",
                (JavaClass c) -> {
                  String name = c.getPackageName();
                  return !(name.startsWith("java.")
                      || name.startsWith("javax.")
                      || name.startsWith("jdk.")
                      || name.startsWith("sun.")
                      || name.startsWith("com.fasterxml.jackson.")
                      || name.startsWith("org.slf4j")
                      || name.startsWith("io.github.darajakit.client")
                      || name.isEmpty());
                }))
        .check(SDK);
  }

  private static ArchCondition<JavaClass> notExposeInternalTypes() {
    return new ArchCondition<>("not expose internal types in public or protected signatures") {
      @Override
      public void check(JavaClass type, ConditionEvents events) {
        for (JavaCodeUnit member : type.getCodeUnits()) {
          if (!exposed(member.getModifiers())) {
            continue;
          }
          Set<JavaClass> mentioned = new HashSet<>(member.getRawParameterTypes());
          mentioned.add(member.getRawReturnType());
          mentioned.addAll(member.getThrowsClause().getTypes());
          for (JavaClass t : mentioned) {
            if (t.getPackageName().startsWith(INTERNAL)) {
              events.add(
                  SimpleConditionEvent.violated(
                      member, member.getFullName() + " exposes " + t.getName()));
            }
          }
        }
        for (JavaField field : type.getFields()) {
          if (exposed(field.getModifiers())
              && field.getRawType().getPackageName().startsWith(INTERNAL)) {
            events.add(
                SimpleConditionEvent.violated(
                    field, field.getFullName() + " exposes " + field.getRawType().getName()));
          }
        }
      }
    };
  }

  private static boolean exposed(Set<JavaModifier> modifiers) {
    return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
  }
}
