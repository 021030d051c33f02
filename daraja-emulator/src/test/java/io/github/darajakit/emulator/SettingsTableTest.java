package io.github.darajakit.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The settings table of docs/emulator.md is generated from {@link Settings}' declarations. After
 * adding or changing a setting, regenerate it with {@code ./mvnw -o -pl daraja-emulator verify
 * -Djacoco.skip=true -Dtest=SettingsTableTest -DupdateSettingsTable=true}.
 */
class SettingsTableTest {

  private static final Path DOC = Path.of("..", "docs", "emulator.md");
  private static final String BEGIN = "<!-- settings table: generated from Settings.java -->\n";
  private static final String END = "<!-- end of settings table -->\n";

  @Test
  void docsSettingsTableIsTheOneGeneratedFromTheDeclarations() throws IOException {
    String doc = Files.readString(DOC);
    int begin = doc.indexOf(BEGIN);
    int end = doc.indexOf(END);
    assertThat(begin).as("docs/emulator.md marks its settings table").isNotNegative();
    assertThat(end).isGreaterThan(begin);
    String documented = doc.substring(begin + BEGIN.length(), end);
    String generated = Settings.markdownTable();

    if (Boolean.getBoolean("updateSettingsTable") && !documented.equals(generated)) {
      Files.writeString(
          DOC, doc.substring(0, begin + BEGIN.length()) + generated + doc.substring(end));
      documented = generated;
    }

    assertThat(documented)
        .as("docs/emulator.md's settings table; regenerate with -DupdateSettingsTable=true")
        .isEqualTo(generated);
  }

  @Test
  void everySettingHasAOneLineDocAndADefaultItsOwnTypeAccepts() {
    for (Setting<?> setting : Settings.ALL) {
      assertThat(setting.doc()).as(setting.key()).isNotBlank().doesNotContain("\n", " | ");
      assertThat(roundTrips(setting)).as(setting.key()).isTrue();
    }
  }

  private static <T> boolean roundTrips(Setting<T> setting) {
    return setting.read(setting.toJson(setting.defaultValue())).equals(setting.defaultValue());
  }
}
