package io.github.darajakit.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.darajakit.client.security.SecurityCredentials;
import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.DarajaEmulatorExtension;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The doctor's checks one by one, with the clock, DNS and certificates chosen by the test. */
@ExtendWith(DarajaEmulatorExtension.class)
class DoctorChecksTest {

  private final DarajaEmulator emulator;

  @TempDir Path dir;

  DoctorChecksTest(DarajaEmulator emulator) {
    this.emulator = emulator;
  }

  @Test
  void aClockMinutesAheadOfDarajasFailsAndOneInStepPasses() {
    Finding ahead =
        new ClockCheck()
            .run(
                context("emulator", Map.of())
                    .clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(5)))
                    .build());
    assertThat(ahead.status()).isEqualTo(Status.FAIL);
    assertThat(ahead.message()).contains("ahead of Daraja's (allowed: 30 s)");
    assertThat(ahead.fix()).contains("NTP");

    Finding behind =
        new ClockCheck()
            .run(
                context("emulator", Map.of())
                    .clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-2)))
                    .maxClockSkew(Duration.ofSeconds(90))
                    .build());
    assertThat(behind.status()).isEqualTo(Status.FAIL);
    assertThat(behind.message()).contains("behind Daraja's");

    Finding inStep = new ClockCheck().run(context("emulator", Map.of()).build());
    assertThat(inStep.status()).isEqualTo(Status.PASS);
    assertThat(inStep.message()).contains("EAT here");
  }

  @Test
  void aClockThatCannotBeComparedIsAWarningNotAFailure() {
    Finding finding =
        new ClockCheck()
            .run(DoctorContext.builder("sandbox", "http://127.0.0.1:1", Map.of()).build());
    assertThat(finding.status()).isEqualTo(Status.WARN);
    assertThat(finding.message()).startsWith("could not check");
  }

  /** Every word REFERENCE §1.5 lists, as it spells them. */
  @ParameterizedTest
  @ValueSource(
      strings = {"M-PESA", "M-Pesa", "mpesa", "Safaricom", "exe", "exec", "cmd", "sql", "query"})
  void everyWordDarajaRefusesFailsInAnyCaseAnywhereInTheUrl(String word) {
    Finding finding =
        urls("emulator", "https://shop.example.co.ke/pay/" + word.toUpperCase() + "/result");

    assertThat(finding.status()).isEqualTo(Status.FAIL);
    assertThat(finding.message()).contains("which Daraja refuses");
  }

  @Test
  void aPublicHttpsUrlPassesAndATunnelIsAWarning() {
    DoctorContext.HostResolver dns =
        host -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {41, 90, 64, 10})};

    Finding pub =
        new CallbackUrlCheck()
            .run(
                context("production", Map.of())
                    .resolver(dns)
                    .urls(List.of("https://pay.example.co.ke/payments/result"))
                    .build());
    assertThat(pub.status()).as(pub.message()).isEqualTo(Status.PASS);
    assertThat(pub.message()).contains("is https, public and has no refused word");

    Finding tunnel =
        new CallbackUrlCheck()
            .run(
                context("sandbox", Map.of())
                    .resolver(dns)
                    .urls(List.of("https://a1b2.ngrok.app/payments/result"))
                    .build());
    assertThat(tunnel.status()).isEqualTo(Status.WARN);
    assertThat(tunnel.message()).contains("ngrok");
  }

  @Test
  void aHostThatResolvesToAPrivateAddressFailsAndPlainHttpIsOnlyAWarningInTheSandbox() {
    DoctorContext.HostResolver privateDns =
        host -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {10, 0, 0, 7})};
    Finding hidden =
        new CallbackUrlCheck()
            .run(
                context("sandbox", Map.of())
                    .resolver(privateDns)
                    .urls(List.of("https://pay.internal.example/result"))
                    .build());
    assertThat(hidden.status()).isEqualTo(Status.FAIL);
    assertThat(hidden.message()).contains("points at 10.0.0.7, a private address");

    assertThat(urls("sandbox", "http://41.90.64.10/result").status()).isEqualTo(Status.WARN);
    assertThat(urls("production", "http://41.90.64.10/result").status()).isEqualTo(Status.FAIL);
    assertThat(urls("production", "https://100.64.1.1/result").message())
        .contains("carrier-grade NAT");
    assertThat(urls("production", "https://[fd00::1]/result").message()).contains("unique local");
  }

  @Test
  void aSandboxCertificateFailsInProductionAndAProductionOneInTheSandbox() throws Exception {
    Path sandbox =
        Files.write(
            dir.resolve("sandbox.cer"), SecurityCredentials.sandboxCertificate().getEncoded());
    Path production =
        Files.write(
            dir.resolve("production.cer"),
            SecurityCredentials.productionCertificate().getEncoded());
    Map<String, String> initiator = Map.of("MPESA_INITIATOR_NAME", "api-op");

    Finding sandboxInProduction =
        certificate("production", with(initiator, "MPESA_CERTIFICATE", sandbox.toString()));
    assertThat(sandboxInProduction.status()).isEqualTo(Status.FAIL);
    assertThat(sandboxInProduction.message())
        .contains("Safaricom's sandbox certificate")
        .contains("ResultCode 2001");
    assertThat(sandboxInProduction.fix()).contains("ProductionCertificate.cer");

    Finding productionInSandbox =
        certificate("sandbox", with(initiator, "MPESA_CERTIFICATE", production.toString()));
    assertThat(productionInSandbox.status()).isEqualTo(Status.FAIL);

    assertThat(certificate("production", initiator).status()).isEqualTo(Status.PASS);
    assertThat(certificate("sandbox", initiator).status()).isEqualTo(Status.PASS);
    assertThat(certificate("production", Map.of()).status()).isEqualTo(Status.SKIP);
    assertThat(
            certificate("emulator", with(initiator, "MPESA_CERTIFICATE", sandbox.toString()))
                .status())
        .isEqualTo(Status.WARN);
  }

  @Test
  void aCredentialIsShapedRightOnlyWhenItIsTheBase64OfOneRsa2048Block() {
    String good =
        SecurityCredentials.encrypt("Safaricom999!*!", SecurityCredentials.sandboxCertificate());
    assertThat(good).hasSize(InitiatorCredentialCheck.CREDENTIAL_CHARACTERS);
    assertThat(InitiatorCredentialCheck.shapeProblem(good)).isNull();
    // Wrapped at 64 columns, as some tools write it.
    assertThat(InitiatorCredentialCheck.shapeProblem(good.replaceAll("(.{64})", "$1\n"))).isNull();
    assertThat(InitiatorCredentialCheck.shapeProblem(good.substring(4))).contains("340 characters");
    assertThat(InitiatorCredentialCheck.shapeProblem("Safaricom999!*!"))
        .contains("is not Base64")
        .doesNotContain("Safaricom999");
  }

  @Test
  void findingsCombineToTheMostSeriousAndShowOnlyWhatIsAmiss() {
    Finding combined =
        Finding.combine(
            List.of(
                Finding.pass("a is fine"),
                Finding.warn("b unknown", "look at b"),
                Finding.fail("c broken", "fix c")));
    assertThat(combined.status()).isEqualTo(Status.FAIL);
    assertThat(combined.message()).isEqualTo("b unknown; c broken");
    assertThat(combined.fix()).isEqualTo("look at b fix c");

    Finding fine =
        Finding.combine(List.of(Finding.pass("a"), Finding.skip("x"), Finding.pass("b")));
    assertThat(fine.status()).isEqualTo(Status.PASS);
    assertThat(fine.message()).isEqualTo("a; b");
  }

  @Test
  void aCheckThatThrowsIsReportedAsCouldNotCheckAndTheOthersStillRun() {
    Check broken =
        new Check() {
          @Override
          public String id() {
            return "broken";
          }

          @Override
          public String title() {
            return "Throws";
          }

          @Override
          public Finding run(DoctorContext context) {
            throw new IllegalStateException("boom");
          }
        };
    List<CheckResult> results =
        new Doctor(List.of(broken, new BackupCheck())).run(context("emulator", Map.of()).build());

    assertThat(results).extracting(CheckResult::status).containsExactly(Status.WARN, Status.SKIP);
    assertThat(results.get(0).finding().message()).contains("boom");
  }

  @Test
  void sizesReadAsPowersOf1024() {
    assertThat(Sizes.parse("1GB")).isEqualTo(1L << 30);
    assertThat(Sizes.parse("500mb")).isEqualTo(500L << 20);
    assertThat(Sizes.parse("2048")).isEqualTo(2048);
    assertThat(Sizes.show(1536L << 20)).isEqualTo("1.5 GB");
  }

  private Finding urls(String environment, String url) {
    return new CallbackUrlCheck()
        .run(
            context(environment, Map.of())
                .resolver(host -> InetAddress.getAllByName(host))
                .urls(List.of(url))
                .build());
  }

  private Finding certificate(String environment, Map<String, String> env) {
    return new CertificateCheck().run(context(environment, env).build());
  }

  private static Map<String, String> with(Map<String, String> env, String name, String value) {
    Map<String, String> more = new HashMap<>(env);
    more.put(name, value);
    return more;
  }

  private DoctorContext.Builder context(String environment, Map<String, String> env) {
    return DoctorContext.builder(environment, emulator.baseUrl(), env)
        .gateway(null)
        .backup(null, Duration.ofHours(26));
  }
}
