package io.github.darajakit.gateway.payouts;

import io.github.darajakit.client.DarajaApiException;
import io.github.darajakit.client.DarajaAuthenticationException;
import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.DarajaException;
import io.github.darajakit.client.DarajaRateLimitException;
import io.github.darajakit.client.DarajaUnavailableException;
import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.callbacks.StkPayment;
import io.github.darajakit.client.hakikisha.HakikishaRequest;
import io.github.darajakit.client.hakikisha.HakikishaResponse;
import io.github.darajakit.client.sim.SimSwapResponse;
import io.github.darajakit.gateway.callbacks.CallbackSecrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Makes the checks of {@link FraudChecks} for a payout about to be sent: Daraja's SIM swap check
 * and B2C Hakikisha, each a synchronous query. A check whose answer is missing, refused or
 * unreadable is {@link PayoutCheck.Outcome#UNANSWERED}: the payout is held, never sent blind.
 * Called outside any transaction: no database lock waits on Daraja.
 */
final class FraudScreen {

  private static final DateTimeFormatter SWAP_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm", Locale.ROOT);

  /**
   * What the checks found.
   *
   * @param checks one per check made
   * @param rateLimited Daraja's SpikeArrest refusal of a check, or {@code null}: nothing ran, so a
   *     batch's row may go back to its queue instead of waiting for a person
   */
  record Screening(List<PayoutCheck> checks, DarajaRateLimitException rateLimited) {
    Screening {
      checks = List.copyOf(checks);
    }

    /** Whether every check let the payout go. */
    boolean passed() {
      return checks.stream().allMatch(c -> c.outcome() == PayoutCheck.Outcome.PASSED);
    }
  }

  private final FraudChecks settings;
  private final DarajaClient daraja;
  private final Clock clock;

  FraudScreen(FraudChecks settings, DarajaClient daraja, Clock clock) {
    this.settings = settings;
    this.daraja = daraja;
    this.clock = clock;
  }

  /** Whether any check applies to this payout: B2C only, the name check only with a name. */
  boolean applies(Payout p) {
    return p.kind() == Payout.Kind.B2C
        && (settings.simSwapGuard() != null || (settings.nameCheck() && p.expectedName() != null));
  }

  /** Makes every check that applies, each once, and says what each found. */
  Screening screen(Payout p) {
    List<PayoutCheck> found = new ArrayList<>();
    DarajaRateLimitException rateLimited = null;
    if (settings.simSwapGuard() != null) {
      try {
        found.add(simSwap(p));
      } catch (DarajaRateLimitException e) {
        rateLimited = e;
        found.add(unanswered(PayoutCheck.SIM_SWAP, p, e));
      }
    }
    if (settings.nameCheck() && p.expectedName() != null) {
      try {
        found.add(name(p));
      } catch (DarajaRateLimitException e) {
        rateLimited = e;
        found.add(unanswered(PayoutCheck.NAME, p, e));
      }
    }
    return new Screening(found, rateLimited);
  }

  private PayoutCheck simSwap(Payout p) {
    SimSwapResponse answer;
    Optional<LocalDateTime> swapped;
    try {
      answer = daraja.simSwap().check(p.recipient());
      swapped = answer.lastSwap();
    } catch (DarajaRateLimitException e) {
      throw e;
    } catch (DarajaException e) {
      return unanswered(PayoutCheck.SIM_SWAP, p, e);
    } catch (IllegalStateException e) {
      // lastSwapDate in a shape Daraja is not known to send: the swap cannot be ruled out.
      return result(
          PayoutCheck.SIM_SWAP, PayoutCheck.Outcome.UNANSWERED, p, "unreadable: " + e.getMessage());
    }
    Duration window = settings.simSwapGuard();
    if (swapped.isEmpty()) {
      return result(
          PayoutCheck.SIM_SWAP,
          PayoutCheck.Outcome.PASSED,
          p,
          "not swapped within the last three months (lastSwapDate "
              + answer.lastSwapText()
              + "); payouts.simSwapGuard is "
              + text(window));
    }
    Instant now = clock.instant();
    Instant at = swapped.get().atZone(StkPayment.EAT).toInstant();
    boolean recent = at.isAfter(now.minus(window));
    Duration ago = Duration.between(at, now);
    return result(
        PayoutCheck.SIM_SWAP,
        recent ? PayoutCheck.Outcome.HELD : PayoutCheck.Outcome.PASSED,
        p,
        "SIM swapped "
            + SWAP_TIME.format(swapped.get())
            + " EAT, "
            + (ago.isNegative() ? "after this check by the gateway's clock" : text(ago) + " ago")
            + ": "
            + (recent ? "within" : "outside")
            + " payouts.simSwapGuard ("
            + text(window)
            + ")");
  }

  private PayoutCheck name(Payout p) {
    HakikishaResponse answer;
    try {
      answer =
          daraja
              .hakikisha()
              .lookup(
                  HakikishaRequest.builder()
                      .msisdn(p.recipient())
                      .shortCode(p.shortCode())
                      .build());
    } catch (DarajaRateLimitException e) {
      throw e;
    } catch (DarajaException e) {
      return unanswered(PayoutCheck.NAME, p, e);
    }
    String held = "M-Pesa has \"" + answer.maskedName() + "\"";
    if (answer.firstName().isBlank()) {
      return result(
          PayoutCheck.NAME, PayoutCheck.Outcome.UNANSWERED, p, held + ", without a first name");
    }
    Optional<String> mismatch =
        NameMatch.mismatch(
            p.expectedName(), answer.firstName(), answer.middleName(), answer.lastName());
    return result(
        PayoutCheck.NAME,
        mismatch.isEmpty() ? PayoutCheck.Outcome.PASSED : PayoutCheck.Outcome.HELD,
        p,
        held + mismatch.map(why -> ": " + why).orElse(": matches the expected name"));
  }

  private PayoutCheck unanswered(String check, Payout p, DarajaException e) {
    return result(check, PayoutCheck.Outcome.UNANSWERED, p, unanswered(e));
  }

  /**
   * Why a check has no answer, from what Daraja said: never the exception's whole message, which
   * for some failures quotes more of the request than a dashboard should show.
   */
  static String unanswered(DarajaException e) {
    if (e instanceof DarajaApiException api) {
      String code =
          api.errorCode().equals(Integer.toString(api.httpStatus())) ? "" : " " + api.errorCode();
      return "Daraja refused the check: "
          + CallbackSecrets.redact(api.errorMessage())
          + " (HTTP "
          + api.httpStatus()
          + code
          + ")";
    }
    if (e instanceof DarajaRateLimitException) {
      return "Daraja rate-limited the check (SpikeArrest)";
    }
    if (e instanceof DarajaUnavailableException) {
      // The SDK blanks tokens out of its messages; what is left names the failure.
      return "Daraja was unavailable (unreachable, no answer in time, or server errors): "
          + CallbackSecrets.redact(e.getMessage());
    }
    if (e instanceof DarajaAuthenticationException) {
      return "Daraja refused the gateway's credentials";
    }
    if (e instanceof DarajaValidationException invalid) {
      return "the check could not be asked: " + invalid.field() + " is not valid";
    }
    return "Daraja's answer was lost or could not be read";
  }

  private PayoutCheck result(String check, PayoutCheck.Outcome outcome, Payout p, String found) {
    return new PayoutCheck(check, outcome, found, p.resubmissions(), clock.millis());
  }

  /** {@code 7d}, {@code 36h}, {@code 2d 3h}: a duration as people and the config file write it. */
  static String text(Duration d) {
    long days = d.toDays();
    long hours = d.toHoursPart();
    long minutes = d.toMinutesPart();
    StringBuilder text = new StringBuilder();
    if (days > 0) {
      text.append(days).append('d');
    }
    if (hours > 0) {
      text.append(text.isEmpty() ? "" : " ").append(hours).append('h');
    }
    if (minutes > 0 || text.isEmpty()) {
      text.append(text.isEmpty() ? "" : " ").append(minutes).append('m');
    }
    return text.toString();
  }
}
