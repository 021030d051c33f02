package io.github.darajakit.cli.doctor;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Check 7: this machine's clock agrees with Daraja's, read from the {@code Date} header of its
 * answer. STK passwords and timestamps are made from the local clock in East Africa Time, and
 * Daraja's "Invalid Timestamp" refusals are blamed on drift.
 */
final class ClockCheck implements Check {

  static final ZoneId EAT = ZoneId.of("Africa/Nairobi");
  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  @Override
  public String id() {
    return "clock";
  }

  @Override
  public String title() {
    return "Clock agrees with East Africa Time";
  }

  @Override
  public Finding run(DoctorContext context) {
    // OAuth without credentials: answered (refused) by every Daraja, moves nothing, needs no key.
    URI uri = URI.create(context.baseUrl() + "/oauth/v1/generate?grant_type=client_credentials");
    Instant sent = context.clock().instant();
    HttpResponse<Void> answer;
    try {
      answer =
          context
              .http()
              .send(
                  HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                  HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      return Finding.warn(
          "could not check: " + context.baseUrl() + " did not answer (" + e + ")",
          "make sure this machine reaches Daraja, then run doctor again");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Finding.warn("could not check: interrupted", null);
    }
    Instant received = context.clock().instant();
    Optional<Instant> theirs = date(answer.headers().firstValue("Date"));
    if (theirs.isEmpty()) {
      return Finding.warn(
          "could not check: " + context.baseUrl() + " sent no readable Date header",
          "compare this machine's clock with a time server: chronyc tracking or timedatectl");
    }
    // The answer was dated between sending and receiving: compare with the middle.
    Instant ours = sent.plus(Duration.between(sent, received).dividedBy(2));
    Duration skew = Duration.between(theirs.get(), ours);
    // The header has whole seconds, so a second of difference is no evidence of drift.
    Duration beyondRounding = skew.abs().minusSeconds(1);
    String eatNow = SHOWN.format(ZonedDateTime.ofInstant(ours, EAT));
    if (beyondRounding.compareTo(context.maxClockSkew()) > 0) {
      return Finding.fail(
          "this machine's clock is "
              + seconds(skew.abs())
              + (skew.isNegative() ? " behind " : " ahead of ")
              + "Daraja's (allowed: "
              + seconds(context.maxClockSkew())
              + "); it reads "
              + eatNow
              + " EAT",
          "synchronise the clock with NTP (timedatectl set-ntp true, or chrony): STK passwords and"
              + " timestamps are made from it");
    }
    return Finding.pass(
        "within " + seconds(skew.abs()) + " of Daraja's clock; " + eatNow + " EAT here");
  }

  private static Optional<Instant> date(Optional<String> header) {
    try {
      return header
          .map(h -> ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME))
          .map(ZonedDateTime::toInstant);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String seconds(Duration d) {
    return d.toSeconds() + " s";
  }
}
