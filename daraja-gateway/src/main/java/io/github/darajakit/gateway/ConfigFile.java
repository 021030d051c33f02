package io.github.darajakit.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.darajakit.client.c2b.C2bResponseType;
import io.github.darajakit.gateway.billmanager.BillManagerSettings;
import io.github.darajakit.gateway.c2b.ValidationPolicy;
import io.github.darajakit.gateway.checkout.CheckoutSettings;
import io.github.darajakit.gateway.payouts.FraudChecks;
import io.github.darajakit.gateway.payouts.PayoutRails;
import io.github.darajakit.gateway.subscriptions.DunningPolicy;
import io.github.darajakit.gateway.subscriptions.QuietHours;
import io.github.darajakit.gateway.subscriptions.SubscriptionSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the gateway's JSON configuration file onto a {@link GatewayConfig.Builder}. Keys may be
 * nested ({@code {"c2b":{"shortCode":"600999"}}}) or dotted ({@code {"c2b.shortCode":"600999"}});
 * an unknown key or a bad value is an error naming the key, so a typo never silently falls back to
 * a default. The keys are listed in {@code docs/gateway.md#configuration}.
 */
final class ConfigFile {

  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private final GatewayConfig.Builder builder;
  private String validationMode;
  private Long maxPerPayout;
  private Long maxPerBatch;
  private Long maxPerDay;
  private Set<String> allowList = Set.of();
  private Long approvalThreshold;
  private Duration simSwapGuard;
  private Boolean nameCheck;
  private String validationPattern;
  private URI validationUrl;
  private Duration validationTimeout = Duration.ofSeconds(3);
  private boolean validationAcceptOnFailure = true;
  private SubscriptionSettings subscriptions;

  private ConfigFile(GatewayConfig.Builder builder) {
    this.builder = builder;
  }

  static void apply(GatewayConfig.Builder builder, Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read config file " + file + ": " + e, e);
    }
    try {
      applyJson(builder, text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  static void applyJson(GatewayConfig.Builder builder, String json) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "configuration is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("configuration must be a JSON object");
    }
    ConfigFile file = new ConfigFile(builder);
    file.walk("", root);
    file.applyValidation();
    file.applyRails();
    file.applyFraudChecks();
    if (file.subscriptions != null) {
      builder.subscriptions(file.subscriptions);
    }
  }

  private void applyRails() {
    if (maxPerPayout != null
        || maxPerBatch != null
        || maxPerDay != null
        || !allowList.isEmpty()
        || approvalThreshold != null) {
      builder.payoutRails(
          new PayoutRails(maxPerPayout, maxPerBatch, maxPerDay, allowList, approvalThreshold));
    }
  }

  private void applyFraudChecks() {
    if (simSwapGuard != null || nameCheck != null) {
      // FraudChecks refuses a window Daraja's answers cannot support, naming the key.
      builder.fraudChecks(new FraudChecks(simSwapGuard, Boolean.TRUE.equals(nameCheck)));
    }
  }

  private void walk(String prefix, JsonNode node) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
      if (field.getValue().isObject()) {
        walk(key, field.getValue());
      } else {
        set(key, field.getValue());
      }
    }
  }

  private void set(String key, JsonNode v) {
    switch (key) {
      case "server.host" -> builder.host(text(key, v));
      case "server.port" -> builder.port((int) integer(key, v, 0, 65535));
      case "server.publicUrl" -> builder.publicUrl(absoluteUrl(key, v).toString());
      case "database.url" -> builder.databaseUrl(text(key, v));
      case "security.apiKey" -> builder.apiKey(text(key, v));
      case "security.callbackSecret" -> builder.callbackSecret(text(key, v));
      case "security.allowedCallbackAddresses" ->
          builder.allowedCallbackAddresses(addresses(key, v));
      case "security.trustedProxies" -> builder.trustedProxies(ipAddresses(key, v));
      case "c2b.shortCode" -> builder.c2bShortCode(text(key, v));
      case "payouts.shortCode" -> builder.payoutShortCode(text(key, v));
      case "payouts.tillIdentifierType" -> builder.tillIdentifierType(text(key, v));
      case "payouts.resultWait" -> builder.payoutResultWait(duration(key, v));
      case "dashboard.password" -> builder.dashboardPassword(text(key, v));
      case "payouts.ratePerSecond" -> builder.payoutRatePerSecond((int) integer(key, v, 1, 10_000));
      case "payouts.maxPerPayout" -> maxPerPayout = integer(key, v, 1, Long.MAX_VALUE);
      case "payouts.maxPerBatch" -> maxPerBatch = integer(key, v, 1, Long.MAX_VALUE);
      case "payouts.maxPerDay" -> maxPerDay = integer(key, v, 1, Long.MAX_VALUE);
      case "payouts.allowList" -> allowList = recipients(key, v);
      case "payouts.approvalThreshold" -> approvalThreshold = integer(key, v, 1, Long.MAX_VALUE);
      case "payouts.simSwapGuard" -> simSwapGuard = duration(key, v);
      case "payouts.nameCheck" -> nameCheck = bool(key, v);
      case "c2b.responseType" -> builder.c2bResponseType(responseType(key, v));
      case "c2b.registerOnStart" -> builder.registerC2bOnStart(bool(key, v));
      case "c2b.validation.mode" -> validationMode = text(key, v);
      case "c2b.validation.pattern" -> validationPattern = text(key, v);
      case "c2b.validation.url" -> validationUrl = absoluteUrl(key, v);
      case "c2b.validation.timeout" -> validationTimeout = duration(key, v);
      case "c2b.validation.onFailure" -> validationAcceptOnFailure = acceptOrReject(key, v);
      case "c2b.pull.enabled" -> builder.c2bPull(bool(key, v));
      case "c2b.pull.nominatedNumber" -> builder.c2bPullNominatedNumber(text(key, v));
      case "c2b.pull.every" -> builder.c2bPullEvery(duration(key, v));
      case "reconciler.schedule" -> builder.reconcileSchedule(durations(key, v));
      case "reconciler.every" -> builder.reconcileEvery(duration(key, v));
      case "reconciler.unansweredAfter" -> builder.unansweredAfter(duration(key, v));
      case "reconciler.checkReceipts" -> builder.checkReceipts(bool(key, v));
      case "webhooks.retries" -> builder.webhookRetries(durations(key, v));
      case "webhooks.dispatchEvery" -> builder.dispatchEvery(duration(key, v));
      case "intake.batch" -> builder.callbackBatch((int) integer(key, v, 1, 10_000));
      case "idempotency.retention" -> builder.idempotencyRetention(duration(key, v));
      case "instanceId" -> builder.instanceId(text(key, v));
      case "b2bCollections.partnerName" -> builder.b2bCollectionPartnerName(text(key, v));
      case "b2bCollections.callbackWait" -> builder.b2bCollectionCallbackWait(duration(key, v));
      case "billManager.shortCode" -> billManager(key, v, 0);
      case "billManager.appKey" -> billManager(key, v, 1);
      case "billManager.appKeyHeader" -> billManager(key, v, 2);
      case "checkout.merchantName" ->
          builder.checkout(builder.checkout().withMerchantName(text(key, v)));
      case "checkout.promptsPerPhonePerHour",
          "checkout.promptsPerClientPerMinute",
          "checkout.promptsPerLinkPerMinute" ->
          builder.checkout(checkoutCap(builder.checkout(), key, (int) integer(key, v, 1, 100_000)));
      case "checkout.sessionsPerClientPerMinute" ->
          builder.checkout(
              builder.checkout().withSessionsPerClientPerMinute((int) integer(key, v, 1, 100_000)));
      case "checkout.sessionLifetime" ->
          builder.checkout(builder.checkout().withSessionLifetime(duration(key, v)));
      case "subscriptions.ratePerSecond",
          "subscriptions.quietHours",
          "subscriptions.afterLastTry",
          "subscriptions.ratibaGrace",
          "subscriptions.ratibaYears",
          "subscriptions.tickEvery" ->
          subscriptions = subscriptionSetting(current(), key, v);
      default -> {
        if (key.startsWith("subscriptions.dunning.")) {
          subscriptions = dunningRule(current(), key, v);
          return;
        }
        throw new IllegalArgumentException(
            "unknown setting '" + key + "' (see docs/gateway.md#configuration)");
      }
    }
  }

  /** One Bill Manager setting over the others: 0 the shortcode, 1 the app key, 2 its header. */
  private void billManager(String key, JsonNode v, int which) {
    BillManagerSettings now = builder.billManager();
    String value = text(key, v);
    builder.billManager(
        new BillManagerSettings(
            which == 0 ? value : now.shortCode(),
            which == 1 ? value : now.appKey(),
            which == 2 ? value : now.appKeyHeader()));
  }

  private static CheckoutSettings checkoutCap(CheckoutSettings s, String key, int value) {
    return switch (key) {
      case "checkout.promptsPerPhonePerHour" ->
          s.withCaps(value, s.promptsPerClientPerMinute(), s.promptsPerLinkPerMinute());
      case "checkout.promptsPerClientPerMinute" ->
          s.withCaps(s.promptsPerPhonePerHour(), value, s.promptsPerLinkPerMinute());
      default -> s.withCaps(s.promptsPerPhonePerHour(), s.promptsPerClientPerMinute(), value);
    };
  }

  private SubscriptionSettings current() {
    return subscriptions != null ? subscriptions : SubscriptionSettings.defaults();
  }

  private static SubscriptionSettings subscriptionSetting(
      SubscriptionSettings s, String key, JsonNode v) {
    try {
      return switch (key) {
        case "subscriptions.ratePerSecond" ->
            new SubscriptionSettings(
                s.dunning(),
                s.quietHours(),
                (int) integer(key, v, 0, 10_000),
                s.cancelAfterLastTry(),
                s.ratibaGrace(),
                s.ratibaYears(),
                s.tickEvery());
        case "subscriptions.quietHours" ->
            new SubscriptionSettings(
                s.dunning(),
                QuietHours.parse(text(key, v)),
                s.ratePerSecond(),
                s.cancelAfterLastTry(),
                s.ratibaGrace(),
                s.ratibaYears(),
                s.tickEvery());
        case "subscriptions.afterLastTry" -> {
          String text = text(key, v);
          if (!text.equals("cancel") && !text.equals("past_due")) {
            throw new IllegalArgumentException(
                "'" + key + "' must be \"cancel\" or \"past_due\", got \"" + text + "\"");
          }
          yield new SubscriptionSettings(
              s.dunning(),
              s.quietHours(),
              s.ratePerSecond(),
              text.equals("cancel"),
              s.ratibaGrace(),
              s.ratibaYears(),
              s.tickEvery());
        }
        case "subscriptions.ratibaGrace" ->
            new SubscriptionSettings(
                s.dunning(),
                s.quietHours(),
                s.ratePerSecond(),
                s.cancelAfterLastTry(),
                duration(key, v),
                s.ratibaYears(),
                s.tickEvery());
        case "subscriptions.ratibaYears" ->
            new SubscriptionSettings(
                s.dunning(),
                s.quietHours(),
                s.ratePerSecond(),
                s.cancelAfterLastTry(),
                s.ratibaGrace(),
                (int) integer(key, v, 1, 30),
                s.tickEvery());
        default ->
            new SubscriptionSettings(
                s.dunning(),
                s.quietHours(),
                s.ratePerSecond(),
                s.cancelAfterLastTry(),
                s.ratibaGrace(),
                s.ratibaYears(),
                duration(key, v));
      };
    } catch (IllegalArgumentException e) {
      throw e.getMessage().contains(key)
          ? e
          : new IllegalArgumentException("'" + key + "': " + e.getMessage(), e);
    }
  }

  /**
   * {@code subscriptions.dunning.<code>}: a list of delays (retry after each), {@code "wait"} (no
   * retry; the merchant contacts the customer) or {@code "none"} (uncollectible at once).
   */
  private static SubscriptionSettings dunningRule(SubscriptionSettings s, String key, JsonNode v) {
    String code = key.substring("subscriptions.dunning.".length());
    DunningPolicy.Rule rule;
    if (v.isTextual() && v.textValue().equals("wait")) {
      rule = DunningPolicy.Rule.merchantDecides();
    } else if ((v.isTextual() && v.textValue().equals("none")) || (v.isArray() && v.isEmpty())) {
      rule = new DunningPolicy.Rule(List.of(), false);
    } else if (v.isArray()) {
      rule = new DunningPolicy.Rule(durations(key, v), false);
    } else {
      throw new IllegalArgumentException(
          "'"
              + key
              + "' must be a list of delays such as [\"1h\", \"6h\", \"24h\"], \"wait\" (the"
              + " merchant contacts the customer) or \"none\" (give up at once); got "
              + v);
    }
    return new SubscriptionSettings(
        s.dunning().with(code, rule),
        s.quietHours(),
        s.ratePerSecond(),
        s.cancelAfterLastTry(),
        s.ratibaGrace(),
        s.ratibaYears(),
        s.tickEvery());
  }

  private void applyValidation() {
    if (validationMode == null) {
      if (validationPattern != null || validationUrl != null) {
        throw new IllegalArgumentException(
            "'c2b.validation.mode' is required with a pattern or url: acceptAll, pattern or remote");
      }
      return;
    }
    switch (validationMode) {
      case "acceptAll" -> builder.validation(ValidationPolicy.acceptAll());
      case "pattern" -> {
        if (validationPattern == null) {
          throw new IllegalArgumentException(
              "'c2b.validation.pattern' is required when the mode is pattern, e.g. \"INV-\\\\d{1,8}\"");
        }
        try {
          builder.validation(ValidationPolicy.pattern(validationPattern));
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException(
              "'c2b.validation.pattern' is not a regular expression: " + e.getDescription(), e);
        }
      }
      case "remote" -> {
        if (validationUrl == null) {
          throw new IllegalArgumentException(
              "'c2b.validation.url' is required when the mode is remote");
        }
        if (validationTimeout.compareTo(Duration.ofSeconds(7)) > 0) {
          throw new IllegalArgumentException(
              "'c2b.validation.timeout' must be at most 7s: Daraja waits about 8s for the answer");
        }
        builder.validation(
            ValidationPolicy.remote(validationUrl, validationTimeout, validationAcceptOnFailure));
      }
      default ->
          throw new IllegalArgumentException(
              "'c2b.validation.mode' must be acceptAll, pattern or remote, got \""
                  + validationMode
                  + "\"");
    }
  }

  private static String text(String key, JsonNode v) {
    if (!v.isTextual() || v.textValue().isBlank()) {
      throw new IllegalArgumentException("'" + key + "' must be a non-empty string, got " + v);
    }
    return v.textValue().trim();
  }

  private static long integer(String key, JsonNode v, long min, long max) {
    if (!v.isIntegralNumber() || v.longValue() < min || v.longValue() > max) {
      throw new IllegalArgumentException(
          "'" + key + "' must be a whole number from " + min + " to " + max + ", got " + v);
    }
    return v.longValue();
  }

  private static boolean bool(String key, JsonNode v) {
    if (!v.isBoolean()) {
      throw new IllegalArgumentException("'" + key + "' must be true or false, got " + v);
    }
    return v.booleanValue();
  }

  private static URI absoluteUrl(String key, JsonNode v) {
    String text = text(key, v);
    try {
      URI uri = URI.create(text);
      if (uri.getHost() != null
          && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        return uri;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "'" + key + "' must be an absolute http(s) URL, got \"" + text + "\"");
  }

  private static C2bResponseType responseType(String key, JsonNode v) {
    String text = text(key, v);
    for (C2bResponseType type : C2bResponseType.values()) {
      if (type.wireName().equalsIgnoreCase(text)) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "'" + key + "' must be Completed or Cancelled, got \"" + text + "\"");
  }

  private static boolean acceptOrReject(String key, JsonNode v) {
    return switch (text(key, v).toLowerCase(Locale.ROOT)) {
      case "accept" -> true;
      case "reject" -> false;
      default -> throw new IllegalArgumentException("'" + key + "' must be accept or reject");
    };
  }

  /** A list of IP addresses; the word {@code "safaricom"} stands for Safaricom's published list. */
  private static Set<String> addresses(String key, JsonNode v) {
    if (!v.isArray()) {
      throw new IllegalArgumentException(
          "'" + key + "' must be a list of IP addresses (or \"safaricom\"), got " + v);
    }
    Set<String> addresses = new LinkedHashSet<>();
    for (JsonNode item : v) {
      String text = text(key, item);
      if (text.equalsIgnoreCase("safaricom")) {
        addresses.addAll(GatewayConfig.SAFARICOM_ADDRESSES);
      } else if (text.matches("[0-9.]+|[0-9A-Fa-f:]+")) {
        addresses.add(text);
      } else {
        throw new IllegalArgumentException(
            "'" + key + "' must hold IP addresses (no names, no ranges), got \"" + text + "\"");
      }
    }
    return addresses;
  }

  /** A list of IP addresses (no names, no ranges). */
  /** Phone numbers (normalised to {@code 2547…}) and, for B2B, PayBills and tills (5–9 digits). */
  private static Set<String> recipients(String key, JsonNode v) {
    if (!v.isArray()) {
      throw new IllegalArgumentException(
          "'" + key + "' must be a list of phone numbers and shortcodes, got " + v);
    }
    Set<String> numbers = new LinkedHashSet<>();
    for (JsonNode item : v) {
      String entry = text(key, item);
      if (entry.matches("[0-9]{5,9}")) {
        numbers.add(entry);
        continue;
      }
      try {
        numbers.add(io.github.darajakit.client.Msisdn.parse(key, entry).value());
      } catch (io.github.darajakit.client.DarajaValidationException e) {
        throw new IllegalArgumentException("'" + key + "': " + e.getMessage());
      }
    }
    return numbers;
  }

  private static Set<String> ipAddresses(String key, JsonNode v) {
    if (!v.isArray()) {
      throw new IllegalArgumentException("'" + key + "' must be a list of IP addresses, got " + v);
    }
    Set<String> addresses = new LinkedHashSet<>();
    for (JsonNode item : v) {
      String text = text(key, item);
      if (!text.matches("[0-9.]+|[0-9A-Fa-f:]+")) {
        throw new IllegalArgumentException(
            "'" + key + "' must hold IP addresses (no names, no ranges), got \"" + text + "\"");
      }
      addresses.add(text);
    }
    return addresses;
  }

  private static List<Duration> durations(String key, JsonNode v) {
    if (!v.isArray() || v.isEmpty()) {
      throw new IllegalArgumentException(
          "'" + key + "' must be a non-empty list of durations such as [\"1m\", \"5m\"], got " + v);
    }
    List<Duration> list = new ArrayList<>();
    for (JsonNode item : v) {
      list.add(duration(key, item));
    }
    return list;
  }

  /** {@code "500ms"}, {@code "2s"}, {@code "5m"}, {@code "1h"}, {@code "2d"} or ISO-8601. */
  static Duration duration(String key, JsonNode v) {
    String text = v != null && v.isTextual() ? v.textValue().trim() : null;
    if (text != null) {
      Matcher m = SHORT_DURATION.matcher(text);
      try {
        Duration d;
        if (m.matches()) {
          long n = Long.parseLong(m.group(1));
          d =
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
              };
        } else {
          d = Duration.parse(text);
        }
        if (!d.isNegative() && !d.isZero()) {
          d.toMillis();
          return d;
        }
      } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
        // reported below
      }
    }
    throw new IllegalArgumentException(
        "'"
            + key
            + "' must be a positive duration such as \"500ms\", \"2s\", \"5m\" or \"PT1H\", got "
            + v);
  }
}
