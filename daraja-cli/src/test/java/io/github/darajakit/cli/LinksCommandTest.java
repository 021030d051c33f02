package io.github.darajakit.cli;

import static io.github.darajakit.cli.TerminalPictures.decode;
import static io.github.darajakit.cli.TerminalPictures.pictureIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.common.BitMatrix;
import io.github.darajakit.gateway.DarajaGateway;
import io.github.darajakit.gateway.checkout.QrCodes;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code daraja links} against a running gateway on the emulator: the address and the QR code it
 * prints (read back as a phone would), what it prints for people and with {@code --json}, a link
 * paid through the public endpoints, and refusals named by the option.
 */
class LinksCommandTest {

  private static final String KEY = "dk_test_links_cli_key_0123456789abcdef";

  @TempDir Path dir;
  private GatewayOnEmulator running;
  private DarajaGateway gateway;
  private final HttpClient http = HttpClient.newHttpClient();
  private String out;
  private String err;

  @BeforeEach
  void start() {
    running = new GatewayOnEmulator(dir, KEY, g -> g);
    gateway = running.gateway;
  }

  @AfterEach
  void stop() {
    running.close();
  }

  private int daraja(String... args) {
    Map<String, String> env = new HashMap<>();
    env.put("DARAJA_API_KEY", KEY);
    env.put("DARAJA_GATEWAY_URL", gateway.baseUrl());
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = DarajaCli.run(env, new PrintWriter(o, true), new PrintWriter(e, true), args);
    out = o.toString();
    err = e.toString();
    return code;
  }

  private JsonNode json() throws Exception {
    return Output.JSON.readTree(out);
  }

  private JsonNode createLunch(String... more) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of("links", "create", "--amount", "500", "--reference", "LUNCH", "--json"));
    args.addAll(List.of(more));
    assertThat(daraja(args.toArray(String[]::new))).as(err).isZero();
    return json();
  }

  @Test
  void createPrintsTheAddressAndAQrCodeThatOpensIt() throws Exception {
    assertThat(daraja("links", "create", "--amount", "500", "--reference", "LUNCH"))
        .as(err)
        .isZero();

    String printed = out;
    List<String> lines = printed.lines().toList();
    assertThat(lines.get(0))
        .matches("Payment link plink_\\w+ created: KES 500, reference LUNCH\\.");
    String url = lines.get(lines.size() - 1);
    assertThat(url).startsWith(gateway.baseUrl() + "/pay/");
    String id = lines.get(0).split(" ")[2];
    assertThat(daraja("links", "show", id, "--json")).isZero();
    assertThat(json().path("url").asText()).isEqualTo(url);
    // No --description: the reference is the description.
    assertThat(json().path("description").asText()).isEqualTo("LUNCH");

    BufferedImage picture = pictureIn(printed);
    assertThat(decode(picture)).isEqualTo(url);
    // Module for module the gateway's code (its PNG and SVG draw the same matrix).
    BitMatrix modules = QrCodes.modules(url);
    for (int y = 0; y < modules.getHeight(); y++) {
      for (int x = 0; x < modules.getWidth(); x++) {
        boolean dark = (picture.getRGB(x * 4, y * 4) & 0xFFFFFF) == 0;
        assertThat(dark).as("module %d,%d", x, y).isEqualTo(modules.get(x, y));
      }
    }
    assertThat(picture.getWidth()).isEqualTo(modules.getWidth() * 4);
  }

  @Test
  void aLinkForAnAmountTheCustomerEntersIsPaidOnceAndShowsItsTotals() throws Exception {
    Instant before = Instant.now();
    assertThat(
            daraja(
                "links",
                "create",
                "--min-amount",
                "100",
                "--max-amount",
                "5000",
                "--max-uses",
                "1",
                "--reference",
                "INV-2041",
                "--description",
                "Invoice 2041",
                "--expires",
                "7d",
                "--no-qr"))
        .as(err)
        .isZero();
    Instant after = Instant.now();
    assertThat(out)
        .contains(
            " created: KES 100 to KES 5,000 (the customer enters it), reference INV-2041, at"
                + " most 1 payment, until ")
        .contains(" EAT.\n" + gateway.baseUrl() + "/pay/")
        .doesNotContain("█");
    String id = out.split(" ")[2];
    assertThat(daraja("links", "show", id, "--json")).isZero();
    JsonNode link = json();
    assertThat(link.path("amount").isNull()).isTrue();
    assertThat(link.path("min_amount").asLong()).isEqualTo(100);
    assertThat(link.path("max_amount").asLong()).isEqualTo(5000);
    assertThat(link.path("max_uses").asInt()).isEqualTo(1);
    assertThat(link.path("description").asText()).isEqualTo("Invoice 2041");
    assertThat(Instant.parse(link.path("expires_at").asText()))
        .isBetween(before.plus(Duration.ofDays(7)).minusMillis(1), after.plus(Duration.ofDays(7)));

    // The customer opens the link and pays 2,500 of their choice.
    String code = link.path("code").asText();
    JsonNode session = publicPost("/pay/api/" + code + "/sessions", "{}", 201);
    String url = session.path("url").asText();
    publicPost(
        "/pay/api/s/" + url.substring(url.lastIndexOf('/') + 1) + "/pay",
        "{\"phone\":\"0708374149\",\"amount\":2500}",
        202);
    Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> daraja("links", "show", id) == 0 && out.contains("used_up"));
    assertThat(out)
        .startsWith("Payment link " + id + "  used_up\n")
        .contains("  Amount          KES 100 to KES 5,000, entered by the customer\n")
        .contains("  Reference       INV-2041\n")
        .contains("  Description     Invoice 2041\n")
        .contains("  Uses            1 of 1\n")
        .contains("  Payments        1 started, 1 paid: KES 2,500\n")
        .containsPattern("  Expires         \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d EAT\n")
        .doesNotContain("█");
    assertThat(daraja("links", "list", "--status", "used_up")).isZero();
    assertThat(out).contains(id).contains("KES 2,500").contains("1 of 1");
  }

  @Test
  void linksAreListedShownWithTheirQrCodeAndDeactivated() throws Exception {
    String lunch = createLunch().path("id").asText();
    JsonNode invoice = createLunch("--max-uses", "1", "--description", "Lunch for one");
    String once = invoice.path("id").asText();

    assertThat(daraja("links", "list")).isZero();
    List<String> rows = out.lines().toList();
    assertThat(rows.get(0)).startsWith("ID").contains("STATUS  AMOUNT").endsWith("URL");
    assertThat(rows.get(1))
        .startsWith(once)
        .contains("active")
        .contains("KES 500")
        .contains("LUNCH")
        .contains("0 of 1")
        .endsWith(invoice.path("url").asText());
    assertThat(rows.get(2)).startsWith(lunch).contains("0 (no limit)");
    assertThat(daraja("links", "list", "--limit", "1", "--json")).isZero();
    assertThat(json().path("data")).hasSize(1);
    assertThat(json().path("has_more").asBoolean()).isTrue();
    assertThat(daraja("links", "list", "--status", "inactive")).isZero();
    assertThat(out).isEqualToIgnoringNewLines("No payment links.");

    assertThat(daraja("links", "deactivate", lunch)).as(err).isZero();
    assertThat(out)
        .isEqualToIgnoringNewLines(
            "Payment link " + lunch + " deactivated: it takes no more payments.");
    assertThat(daraja("links", "deactivate", lunch, "--json")).isZero();
    assertThat(json().path("status").asText()).isEqualTo("inactive");
    assertThat(daraja("links", "list", "--status", "inactive", "--json")).isZero();
    assertThat(json().path("data")).hasSize(1);
    assertThat(json().path("data").get(0).path("id").asText()).isEqualTo(lunch);

    assertThat(daraja("links", "show", lunch)).isZero();
    assertThat(out)
        .startsWith("Payment link " + lunch + "  inactive\n")
        .contains("  Amount          KES 500\n")
        .contains("  Payments        0 started, 0 paid: KES 0\n")
        .contains("  Expires         never\n")
        .doesNotContain("█");
    assertThat(daraja("links", "show", once, "--qr")).isZero();
    assertThat(out).contains("  URL             " + invoice.path("url").asText() + "\n");
    assertThat(decode(pictureIn(out))).isEqualTo(invoice.path("url").asText());
  }

  @Test
  void aCreateRetriedWithItsIdempotencyKeyMakesOneLink() throws Exception {
    String first = createLunch("--idempotency-key", "lunch-1").path("id").asText();
    assertThat(createLunch("--idempotency-key", "lunch-1").path("id").asText()).isEqualTo(first);
    assertThat(daraja("links", "list", "--json")).isZero();
    assertThat(json().path("data")).hasSize(1);
  }

  @Test
  void badInputIsRefusedNamingTheOptionAndMakesNothing() throws Exception {
    assertRefused(
        "links create --amount 500 --min-amount 100 --reference LUNCH",
        "daraja links create: --amount is a fixed amount, --min-amount and --max-amount the"
            + " limits of one the customer enters");
    assertRefused("links create --reference X", "daraja links create: say how much: --amount");
    assertRefused(
        "links create --amount 0 --reference LUNCH",
        "daraja links create: --amount: amount must be 1 to 250000");
    assertRefused(
        "links create --min-amount 100 --max-amount 50 --reference LUNCH",
        "daraja links create: --max-amount: max_amount 50 is below min_amount 100");
    assertRefused(
        "links create --amount 500 --reference INVOICE-2026-DEC",
        "daraja links create: --reference: reference 'INVOICE-2026-DEC' has 16 characters");
    assertRefused(
        "links create --amount 500 --reference LUNCH --description " + "x".repeat(101),
        "daraja links create: --description: description has 101 characters");
    assertRefused(
        "links create --amount 500 --reference LUNCH --max-uses 0",
        "daraja links create: --max-uses: max_uses must be 1");
    assertRefused(
        "links create --amount 500 --reference LUNCH --expires 2020-01-01T00:00:00Z",
        "daraja links create: --expires: expires_at must be in the future");
    assertRefused(
        "links create --amount 500 --reference LUNCH --expires 'next week'",
        "daraja links create: --expires must be an instant such as 2026-12-31T21:00:00Z or a"
            + " time from now such as 30m, 12h or 7d; got 'next week'");
    assertRefused(
        "links list --status paid",
        "daraja links list: --status: status must be active, inactive, expired or used_up");
    assertRefused("links show plink_nope", "No payment link plink_nope");
    assertRefused("links deactivate ../plans", "not a payment link id: '../plans'");

    assertThat(daraja("links", "create", "--amount", "0", "--reference", "LUNCH", "--json"))
        .isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(json().path("error").path("exit_code").asInt()).isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(json().path("error").path("message").asText()).startsWith("--amount: ");

    assertThat(daraja("links", "list", "--json")).isZero();
    assertThat(json().path("data")).isEmpty();
  }

  @Test
  void expiresIsAnInstantOrATimeFromNow() {
    Instant now = Instant.parse("2026-12-07T20:00:00Z");
    assertThat(LinksCommand.expiresAt("7d", now)).isEqualTo(Instant.parse("2026-12-14T20:00:00Z"));
    assertThat(LinksCommand.expiresAt("12h", now)).isEqualTo(Instant.parse("2026-12-08T08:00:00Z"));
    assertThat(LinksCommand.expiresAt("30m", now)).isEqualTo(Instant.parse("2026-12-07T20:30:00Z"));
    assertThat(LinksCommand.expiresAt("2026-12-31T21:00:00Z", now))
        .isEqualTo(Instant.parse("2026-12-31T21:00:00Z"));
    assertThat(LinksCommand.expiresAt("2027-01-01T00:00+03:00", now))
        .isEqualTo(Instant.parse("2026-12-31T21:00:00Z"));
    for (String wrong : List.of("0d", "-1h", "soon", "7 days", "2026-12-31", "")) {
      assertThatThrownBy(() -> LinksCommand.expiresAt(wrong, now))
          .as(wrong)
          .isInstanceOf(UsageException.class)
          .hasMessageStartingWith("--expires must be an instant");
    }
  }

  /** {@code command} exits 2 with {@code expected} in its message on stderr. */
  private void assertRefused(String command, String expected) {
    assertThat(daraja(ShellWords.split(command, Map.of()).toArray(String[]::new)))
        .as(out + err)
        .isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(err).contains(expected);
  }

  /** A call of the public endpoints a customer's page makes: no API key. */
  private JsonNode publicPost(String path, String body, int expectedStatus) throws Exception {
    HttpResponse<String> reply =
        http.send(
            HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(expectedStatus);
    return Output.JSON.readTree(reply.body());
  }
}
