package io.github.darajakit.emulator.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.emulator.internal.world.Scenario;
import io.github.darajakit.emulator.support.EmulatorHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The scenario table lives in three places; this keeps them from drifting apart. */
class ScenarioDocumentationTest {

  @RegisterExtension static EmulatorHarness h = new EmulatorHarness();

  private static final Path DOC = Path.of("..", "docs", "emulator.md");

  @Test
  void everyScenarioHasARowInDocsEmulatorMd() throws Exception {
    List<String> rows =
        Files.readAllLines(DOC).stream().filter(line -> line.startsWith("| `2547")).toList();
    assertThat(rows).hasSize(Scenario.values().length);
    for (Scenario scenario : Scenario.values()) {
      assertThat(rows)
          .as("docs/emulator.md row for %s", scenario)
          .anySatisfy(
              row ->
                  assertThat(row)
                      .startsWith(
                          "| `"
                              + scenario.msisdn()
                              + "` | "
                              + scenario.name().toLowerCase(Locale.ROOT)
                              + " |"));
    }
  }

  @Test
  void documentedFailureCodesMatchTheScenarioOutcomes() throws Exception {
    String doc = Files.readString(DOC);
    for (Scenario scenario : Scenario.values()) {
      String row =
          doc.lines()
              .filter(line -> line.startsWith("| `" + scenario.msisdn() + "`"))
              .findFirst()
              .orElseThrow();
      if (scenario.stk().kind() == io.github.darajakit.emulator.internal.world.Outcome.Kind.FAIL) {
        assertThat(row).contains(scenario.stk().resultCode() + " \"" + scenario.stk().resultDesc());
      }
      if (scenario.payout().kind()
          == io.github.darajakit.emulator.internal.world.Outcome.Kind.FAIL) {
        assertThat(row).contains(scenario.payout().resultCode());
        assertThat(row).contains(scenario.payout().resultDesc());
      }
    }
  }

  @Test
  void adminApiServesTheSameTable() {
    JsonNode rows = h.daraja().adminGet("scenarios").path("scenarios");
    assertThat(rows).hasSize(Scenario.values().length);
    for (int i = 0; i < rows.size(); i++) {
      assertThat(rows.get(i).path("msisdn").asText()).isEqualTo(Scenario.values()[i].msisdn());
      assertThat(rows.get(i).path("description").asText())
          .isEqualTo(Scenario.values()[i].description());
    }
  }
}
