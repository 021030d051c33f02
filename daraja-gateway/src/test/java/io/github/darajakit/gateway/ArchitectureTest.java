package io.github.darajakit.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The gateway's structure, as docs/architecture.md draws it: packages without cycles, domain code
 * without HTTP, and money flows that use each other only where declared and never through each
 * other's web adapters. Each rule is also run against a miniature gateway that breaks it ({@code
 * io.github.darajakit.archfixture}), to show it fails when the structure is broken.
 */
class ArchitectureTest {

  private static final String GATEWAY = "io.github.darajakit.gateway";
  private static final String FIXTURE = "io.github.darajakit.archfixture";

  /**
   * The money flows, each with the flows it builds on. A flow may use another's domain classes (its
   * services, stores and records), never its {@code web} adapter or its wiring ({@code *Flow}).
   */
  static final Map<String, Set<String>> FLOWS =
      new TreeMap<>(
          Map.of(
              "transactions", Set.of(),
              "payments", Set.of("transactions"),
              "c2b", Set.of(),
              "payouts", Set.of("transactions"),
              "reversals", Set.of("payments", "c2b"),
              "subscriptions", Set.of("payments", "c2b"),
              "b2bcollections", Set.of("transactions"),
              "billmanager", Set.of("c2b", "transactions"),
              "checkout", Set.of("payments")));

  /** The shared parts: they serve every flow and know none. */
  static final List<String> SHARED =
      List.of(
          "api",
          "auth",
          "callbacks",
          "core",
          "events",
          "flow",
          "http",
          "ops",
          "reconciler",
          "store",
          "webhooks");

  /** The packages that hold domain code: every flow, and the shared parts other than HTTP's. */
  static final List<String> DOMAIN =
      List.of(
          "payments",
          "c2b",
          "billmanager",
          "payouts",
          "reversals",
          "subscriptions",
          "b2bcollections",
          "transactions",
          "initiator",
          "auth",
          "callbacks",
          "core",
          "events",
          "reconciler",
          "store",
          "webhooks",
          "ops");

  private static final JavaClasses GATEWAY_CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(GATEWAY);

  private static final JavaClasses FIXTURE_CLASSES =
      new ClassFileImporter().importPackages(FIXTURE);

  static ArchRule packagesAreFreeOfCycles(String root) {
    // The root package (DarajaGateway, its config) is the composition root: it imports everything
    // and nothing imports it, so it is left out of the slices.
    return slices()
        .matching(root + ".(*)..")
        .should()
        .beFreeOfCycles()
        .because("a cycle between packages makes each only understandable with the other");
  }

  static ArchRule domainKnowsNothingOfHttp(String root) {
    return noClasses()
        .that()
        .resideInAnyPackage(DOMAIN.stream().map(p -> root + "." + p + "..").toArray(String[]::new))
        .and()
        .resideOutsideOfPackage("..web..")
        .and()
        .haveSimpleNameNotEndingWith("Flow")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(root + ".http..")
        .because(
            "domain code raises GatewayError and returns values; only a flow's web package and its"
                + " wiring speak HTTP");
  }

  static List<ArchRule> flowsUseOnlyTheFlowsTheyDeclare(String root) {
    List<ArchRule> rules = new ArrayList<>();
    for (Map.Entry<String, Set<String>> flow : FLOWS.entrySet()) {
      String[] others =
          FLOWS.keySet().stream()
              .filter(other -> !other.equals(flow.getKey()) && !flow.getValue().contains(other))
              .map(other -> root + "." + other + "..")
              .toArray(String[]::new);
      rules.add(
          noClasses()
              .that()
              .resideInAPackage(root + "." + flow.getKey() + "..")
              .should()
              .dependOnClassesThat()
              .resideInAnyPackage(others)
              .allowEmptyShould(true)
              .because(
                  flow.getKey()
                      + " builds on "
                      + (flow.getValue().isEmpty() ? "no other flow" : flow.getValue())
                      + " (ArchitectureTest.FLOWS, docs/architecture.md)"));
    }
    return rules;
  }

  static ArchRule noFlowReachesIntoAnothersWebOrWiring(String root) {
    List<ArchRule> rules = new ArrayList<>();
    for (String flow : FLOWS.keySet()) {
      rules.add(
          noClasses()
              .that()
              .resideOutsideOfPackage(root + "." + flow + "..")
              .and()
              .resideOutsideOfPackage(root) // the composition root builds every flow
              .should()
              .dependOnClassesThat()
              .resideInAPackage(root + "." + flow + ".web..")
              .orShould()
              .dependOnClassesThat(
                  JavaClass.Predicates.resideInAPackage(root + "." + flow)
                      .and(JavaClass.Predicates.simpleNameEndingWith("Flow"))
                      .as("its wiring, " + flow + ".*Flow"))
              .allowEmptyShould(true));
    }
    return CompositeArchRule.of(rules)
        .because("a flow's web adapter and its wiring are its own; other flows use its services");
  }

  static ArchRule sharedPartsKnowNoFlow(String root) {
    return noClasses()
        .that()
        .resideInAnyPackage(SHARED.stream().map(p -> root + "." + p + "..").toArray(String[]::new))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            FLOWS.keySet().stream().map(f -> root + "." + f + "..").toArray(String[]::new))
        .because(
            "the router, the callback intake, the event catalogue and the reconciler loop know"
                + " MoneyFlow, not the flows: adding a flow touches no shared part");
  }

  private static List<ArchRule> all(String root) {
    List<ArchRule> rules = new ArrayList<>();
    rules.add(packagesAreFreeOfCycles(root));
    rules.add(domainKnowsNothingOfHttp(root));
    rules.addAll(flowsUseOnlyTheFlowsTheyDeclare(root));
    rules.add(noFlowReachesIntoAnothersWebOrWiring(root));
    rules.add(sharedPartsKnowNoFlow(root));
    return rules;
  }

  @Test
  void theGatewayKeepsEveryRule() {
    for (ArchRule rule : all(GATEWAY)) {
      rule.check(GATEWAY_CLASSES);
    }
  }

  @Test
  void aCycleBetweenPackagesFails() {
    assertThatThrownBy(() -> packagesAreFreeOfCycles(FIXTURE).check(FIXTURE_CLASSES))
        .hasMessageContaining("Cycle detected")
        .hasMessageContaining("payments")
        .hasMessageContaining("payouts");
  }

  @Test
  void domainCodeUsingHttpFails() {
    assertThatThrownBy(() -> domainKnowsNothingOfHttp(FIXTURE).check(FIXTURE_CLASSES))
        .hasMessageContaining("archfixture.payouts.Payout.reply()")
        .hasMessageNotContaining("PayoutApi");
  }

  @Test
  void aFlowUsingAnUndeclaredFlowFails() {
    List<String> failures = new ArrayList<>();
    for (ArchRule rule : flowsUseOnlyTheFlowsTheyDeclare(FIXTURE)) {
      try {
        rule.check(FIXTURE_CLASSES);
      } catch (AssertionError e) {
        failures.add(e.getMessage());
      }
    }
    // payouts -> payments (cycle), reversals -> payouts: payments -> payouts is declared nowhere
    // either, so three flows break it.
    assertThat(failures).hasSize(3);
  }

  @Test
  void usingAnotherFlowsWebAdapterFails() {
    assertThatThrownBy(() -> noFlowReachesIntoAnothersWebOrWiring(FIXTURE).check(FIXTURE_CLASSES))
        .hasMessageContaining("archfixture.reversals.Reversal")
        .hasMessageContaining("PayoutApi")
        .hasMessageContaining("PayoutsFlow");
  }

  @Test
  void aSharedPartKnowingAFlowFails() {
    assertThatThrownBy(() -> sharedPartsKnowNoFlow(FIXTURE).check(FIXTURE_CLASSES))
        .hasMessageContaining("archfixture.callbacks.Intake");
  }
}
