package io.github.darajakit.gateway.subscriptions;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to do when a period's charge fails, by the attempt's result code: retry after each delay in
 * turn, then give up; or wait for the merchant ({@code 1032}: the customer said no).
 *
 * <p>The n-th automatic retry of an invoice waits the n-th delay of the latest failure's rule, so a
 * 1037 followed by an insufficient-funds failure continues with the second delay of {@code 1}'s
 * rule. A charge whose outcome is unknown is never judged here: it is reconciled first, and only a
 * known failure reaches the policy.
 *
 * @param rules by result code ({@code "1037"}); {@link #DEFAULT_CODE} for every other code
 */
public record DunningPolicy(Map<String, Rule> rules) {

  /** The key of the rule for codes without one of their own. */
  public static final String DEFAULT_CODE = "default";

  /**
   * One result code's rule.
   *
   * @param retries the delays before each automatic retry
   * @param waitForMerchant when no retry is left: leave the invoice open for the merchant (who
   *     contacts the customer and uses "charge now") instead of giving it up as uncollectible
   */
  public record Rule(List<Duration> retries, boolean waitForMerchant) {
    public Rule {
      retries = List.copyOf(retries);
      for (Duration d : retries) {
        if (d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException("a retry delay must be positive, got " + d);
        }
      }
    }

    /** Retry after each delay, then give up. */
    public static Rule retry(Duration... delays) {
      return new Rule(List.of(delays), false);
    }

    /** No automatic retry: the merchant decides. */
    public static Rule merchantDecides() {
      return new Rule(List.of(), true);
    }
  }

  /** What the policy decided about one failure. */
  public sealed interface Decision {}

  /** Charge again at {@code at}. */
  public record RetryAt(long at) implements Decision {}

  /** No retry; the merchant is to contact the customer. */
  public record WaitForMerchant() implements Decision {}

  /** No retry is left: the invoice is uncollectible. */
  public record GiveUp() implements Decision {}

  public DunningPolicy {
    rules = Map.copyOf(rules);
    if (!rules.containsKey(DEFAULT_CODE)) {
      throw new IllegalArgumentException("a dunning policy needs a \"default\" rule");
    }
  }

  /**
   * The defaults: 1037 (no answer) and 1001 (another prompt open) retry after 1 h, 6 h and 24 h; 1
   * (insufficient funds) after 1, 3 and 5 days; 2001 (wrong PIN) once after 1 h; 1032 (cancelled by
   * the customer) waits for the merchant; any other failure retries after 1 h, 6 h and 24 h.
   */
  public static DunningPolicy defaults() {
    Map<String, Rule> rules = new LinkedHashMap<>();
    Rule noAnswer = Rule.retry(Duration.ofHours(1), Duration.ofHours(6), Duration.ofHours(24));
    rules.put("1037", noAnswer);
    rules.put("1001", noAnswer);
    rules.put("1", Rule.retry(Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(5)));
    rules.put("2001", Rule.retry(Duration.ofHours(1)));
    rules.put("1032", Rule.merchantDecides());
    rules.put(DEFAULT_CODE, noAnswer);
    return new DunningPolicy(rules);
  }

  /** This policy with {@code code}'s rule replaced. */
  public DunningPolicy with(String code, Rule rule) {
    Map<String, Rule> next = new LinkedHashMap<>(rules);
    next.put(Objects.requireNonNull(code, "code"), rule);
    return new DunningPolicy(next);
  }

  /** The rule for a result code. */
  public Rule ruleFor(String resultCode) {
    Rule rule = resultCode == null ? null : rules.get(resultCode);
    return rule != null ? rule : rules.get(DEFAULT_CODE);
  }

  /**
   * Decides what follows a failed charge.
   *
   * @param resultCode the failure's code, as {@link #codeOf} reads it
   * @param retriesSoFar the invoice's automatic retries already scheduled
   * @param now when the failure became known (epoch ms)
   */
  public Decision decide(String resultCode, int retriesSoFar, long now) {
    Rule rule = ruleFor(resultCode);
    if (retriesSoFar < rule.retries().size()) {
      return new RetryAt(now + rule.retries().get(retriesSoFar).toMillis());
    }
    return rule.waitForMerchant() ? new WaitForMerchant() : new GiveUp();
  }

  /**
   * A failed payment's result code as the policy knows it. A push refused at once because another
   * prompt was open on the phone ({@code 500.001.1001}, "Unable to lock subscriber…") is {@code
   * 1001}, as the same condition is when it comes in a callback; other codes are as Daraja gave
   * them.
   */
  public static String codeOf(String resultCode, String resultDesc) {
    if (resultCode == null) {
      return null;
    }
    if (resultCode.endsWith(".1001")
        && resultDesc != null
        && resultDesc.toLowerCase(java.util.Locale.ROOT).contains("lock subscriber")) {
      return "1001";
    }
    return resultCode;
  }
}
