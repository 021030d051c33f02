package io.github.darajakit.gateway.checkout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.Msisdn;
import io.github.darajakit.gateway.core.GatewayError;
import io.github.darajakit.gateway.core.Json;
import io.github.darajakit.gateway.events.EventStore;
import io.github.darajakit.gateway.payments.Payment;
import io.github.darajakit.gateway.payments.PaymentStore;
import io.github.darajakit.gateway.payments.StkPushes;
import io.github.darajakit.gateway.store.Database;
import io.github.darajakit.gateway.store.Ids;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Payment links and checkout sessions: creating them, and paying a session so that money moves at
 * most once.
 *
 * <p>Every payment attempt goes through a session. Paying is one transaction that checks the prompt
 * caps, wins the session's compare-and-set ({@code attempt_open} 0 → 1), reserves a use of the
 * session's link, and records the payment ({@link StkPushes#record}); the push is sent after it
 * commits. So of many concurrent attempts on one session exactly one records a payment, and no
 * attempt starts while another's outcome is pending or unknown. {@link AttemptOutcomes} ends the
 * attempt when its payment settles.
 */
public final class Checkout {

  private static final Logger log = LoggerFactory.getLogger(Checkout.class);

  /** The least and most an STK push may ask for, in whole KES. */
  static final long MIN_AMOUNT = 1;

  static final long MAX_AMOUNT = 250_000;

  /** The longest AccountReference every Daraja environment accepts. */
  static final int MAX_REFERENCE = 12;

  static final int MAX_DESCRIPTION = 100;

  /** Random base-62 characters in a public code: about 95 bits, far beyond any enumeration. */
  static final int CODE_LENGTH = 16;

  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration MINUTE = Duration.ofMinutes(1);

  /**
   * What a merchant asks for in a payment link.
   *
   * @param amount a fixed amount, or {@code null} for one the customer enters
   * @param minAmount the least the customer may enter, or {@code null} (1)
   * @param maxAmount the most the customer may enter, or {@code null} (250,000)
   * @param expiresAt epoch ms, or {@code null}
   * @param maxUses payments it takes, or {@code null} for no limit
   */
  public record NewLink(
      Long amount,
      Long minAmount,
      Long maxAmount,
      String reference,
      String description,
      Long expiresAt,
      Integer maxUses,
      JsonNode metadata) {}

  /**
   * What a shop's backend asks for in a checkout session.
   *
   * @param phone the number to prefill, or {@code null}
   * @param expiresAt epoch ms, or {@code null} for the configured lifetime
   */
  public record NewSession(
      long amount,
      String reference,
      String description,
      String successUrl,
      String cancelUrl,
      String phone,
      Long expiresAt,
      JsonNode metadata) {}

  /** A session with the payment of its newest attempt, if it has one. */
  public record SessionView(CheckoutSession session, Optional<Payment> payment) {}

  private final Database database;
  private final CheckoutStore store;
  private final StkPushes pushes;
  private final PaymentStore payments;
  private final EventStore events;
  private final Clock clock;
  private final CheckoutSettings settings;
  private final String publicUrl;
  private volatile long lastPrune;

  /**
   * @param pushes how a session's payment is asked for (the payments flow's)
   * @param payments where an attempt's payment is read
   * @param publicUrl the base of the links' and sessions' URLs
   */
  public Checkout(
      Database database,
      CheckoutStore store,
      StkPushes pushes,
      PaymentStore payments,
      EventStore events,
      Clock clock,
      CheckoutSettings settings,
      String publicUrl) {
    this.database = database;
    this.store = store;
    this.pushes = pushes;
    this.payments = payments;
    this.events = events;
    this.clock = clock;
    this.settings = settings;
    this.publicUrl = publicUrl;
  }

  // ---- payment links

  /**
   * Validates and records a payment link, with its {@code payment_link.created} event.
   *
   * @throws GatewayError for invalid input (nothing recorded)
   */
  public PaymentLink createLink(NewLink request) {
    long now = clock.millis();
    Long min = request.minAmount();
    Long max = request.maxAmount();
    if (request.amount() != null) {
      checkAmount("amount", request.amount());
      if (min != null || max != null) {
        throw GatewayError.invalid(
            min != null ? "min_amount" : "max_amount",
            "min_amount and max_amount are for an amount the customer enters: send either amount"
                + " or the limits, not both");
      }
    } else {
      min = min == null ? MIN_AMOUNT : checkAmount("min_amount", min);
      max = max == null ? MAX_AMOUNT : checkAmount("max_amount", max);
      if (min > max) {
        throw GatewayError.invalid(
            "max_amount", "max_amount " + max + " is below min_amount " + min);
      }
    }
    checkReference(request.reference());
    checkDescription(request.description());
    if (request.expiresAt() != null && request.expiresAt() <= now) {
      throw GatewayError.invalid(
          "expires_at", "expires_at must be in the future: " + Json.time(request.expiresAt()));
    }
    if (request.maxUses() != null && (request.maxUses() < 1 || request.maxUses() > 1_000_000)) {
      throw GatewayError.invalid(
          "max_uses",
          "max_uses must be 1 (a one-off invoice) to 1000000, or absent for no limit; got "
              + request.maxUses());
    }
    PaymentLink link =
        new PaymentLink(
            Ids.next("plink"),
            Ids.random(CODE_LENGTH),
            false,
            request.amount(),
            request.amount() == null ? min : null,
            request.amount() == null ? max : null,
            request.reference(),
            request.description(),
            request.expiresAt(),
            request.maxUses(),
            0,
            0,
            0,
            0,
            request.metadata() == null ? null : Json.text(request.metadata()),
            now,
            now);
    return database.write(
        c -> {
          store.insert(c, link);
          events.append(c, CheckoutEvents.LINK_CREATED, "payment_link", link.id(), json(link), now);
          return link;
        });
  }

  /**
   * Deactivates a link: it takes no more payments, in sessions already open too. Deactivating an
   * inactive link changes nothing.
   */
  public PaymentLink deactivate(String id) {
    return database.write(
        c -> {
          PaymentLink read = store.findLink(c, id).orElseThrow(() -> linkMissing(id));
          long now = clock.millis();
          if (!store.deactivate(c, id, now)) {
            return read;
          }
          PaymentLink after = store.findLink(c, id).orElseThrow();
          events.append(c, CheckoutEvents.LINK_DEACTIVATED, "payment_link", id, json(after), now);
          return after;
        });
  }

  // ---- checkout sessions

  /**
   * Validates and records a checkout session for a shop's order.
   *
   * @throws GatewayError for invalid input (nothing recorded)
   */
  public CheckoutSession createSession(NewSession request) {
    long now = clock.millis();
    checkAmount("amount", request.amount());
    checkReference(request.reference());
    checkDescription(request.description());
    checkReturnUrl("success_url", request.successUrl());
    if (request.cancelUrl() != null) {
      checkReturnUrl("cancel_url", request.cancelUrl());
    }
    String phone = request.phone() == null ? null : phone(request.phone());
    long expiresAt = now + settings.sessionLifetime().toMillis();
    if (request.expiresAt() != null) {
      long earliest = now + CheckoutSettings.MIN_SESSION_LIFETIME.toMillis();
      long latest = now + CheckoutSettings.MAX_SESSION_LIFETIME.toMillis();
      if (request.expiresAt() < earliest || request.expiresAt() > latest) {
        throw GatewayError.invalid(
            "expires_at",
            "expires_at must be 2 minutes to 24 hours from now, got "
                + Json.time(request.expiresAt()));
      }
      expiresAt = request.expiresAt();
    }
    CheckoutSession session =
        CheckoutSession.opened(
            null,
            new Terms(request.amount(), null, null, request.reference(), request.description()),
            request.successUrl(),
            request.cancelUrl(),
            phone,
            request.metadata() == null ? null : Json.text(request.metadata()),
            expiresAt,
            now);
    return database.write(
        c -> {
          store.insert(c, session, null);
          return session;
        });
  }

  /**
   * Opens a session for a visitor of a payment link: its page does so when it loads, so that the
   * visit counts as the first step of the link's funnel.
   *
   * @param clientAddress who asked, for the cap on sessions opened per address
   * @throws GatewayError 404 for an unknown code; 409 for a link that is inactive, expired or used
   *     up; 429 beyond {@code checkout.sessionsPerClientPerMinute}
   */
  public CheckoutSession openFromLink(String code, String clientAddress) {
    return database.write(
        c -> {
          PaymentLink link = store.linkByCode(c, code).orElseThrow(Checkout::pageMissing);
          long now = clock.millis();
          refuseUnless(PaymentLinkStatus.of(link, now));
          List<Long> recent = store.sessionsOpenedSince(c, clientAddress, now - MINUTE.toMillis());
          refuseBeyond(
              recent,
              settings.sessionsPerClientPerMinute(),
              MINUTE,
              now,
              "Too many payment pages have been opened from your network in the last minute");
          long expiresAt = now + settings.sessionLifetime().toMillis();
          CheckoutSession session =
              CheckoutSession.opened(
                  link.id(),
                  link.terms(),
                  null,
                  null,
                  null,
                  null,
                  link.expiresAt() == null ? expiresAt : Math.min(expiresAt, link.expiresAt()),
                  now);
          store.insert(c, session, clientAddress);
          return session;
        });
  }

  private static void refuseUnless(PaymentLinkStatus status) {
    switch (status) {
      case ACTIVE -> {}
      case INACTIVE ->
          throw GatewayError.conflict(
              "link_inactive",
              "This payment link is no longer active: ask the merchant for another.");
      case EXPIRED ->
          throw GatewayError.conflict(
              "link_expired", "This payment link has expired: ask the merchant for another.");
      case USED_UP ->
          throw GatewayError.conflict(
              "link_used_up", "This payment link has already been paid: nothing more is due.");
    }
  }

  /**
   * Starts a payment attempt on a session: sends the customer's phone an STK prompt, unless one is
   * already in progress (or unknown) for this session, the session is no longer payable, or a cap
   * on prompts is reached.
   *
   * @param code the session's public code
   * @param phoneText the customer's number as typed
   * @param amount the amount the customer entered, or {@code null} for the session's fixed amount
   * @param clientAddress who asked (for the per-address cap)
   * @throws GatewayError 400 for bad input, 404 for an unknown code, 409 when an attempt is in
   *     progress or the session is not payable, 429 when a cap is reached; in each case nothing is
   *     recorded or sent
   */
  public SessionView pay(String code, String phoneText, Long amount, String clientAddress) {
    String phone = phone(phoneText);
    String paymentId = Ids.next("pay");
    Payment recorded =
        database.write(
            c -> {
              CheckoutSession s = store.sessionByCode(c, code).orElseThrow(Checkout::pageMissing);
              long now = clock.millis();
              refuseUnlessPayable(s, now);
              long toPay = amountToPay(s, amount);
              // One prompt at a time per phone across every instance, so the cap is exact.
              database.lockKey(c, "checkout-phone:" + phone);
              checkCaps(c, phone, clientAddress, s.paymentLinkId(), now);
              if (!store.startAttempt(c, s.id(), paymentId, now)) {
                // Lost the race to a concurrent attempt (or the session just changed).
                throw attemptInProgress();
              }
              if (s.paymentLinkId() != null && !store.reserveUse(c, s.paymentLinkId(), now)) {
                PaymentLink link = store.findLink(c, s.paymentLinkId()).orElseThrow();
                PaymentLinkStatus status = PaymentLinkStatus.of(link, now);
                refuseUnless(status);
                throw GatewayError.conflict(
                    "link_in_use",
                    "Another payment through this link is in progress: wait for it to finish.");
              }
              ObjectNode metadata = Json.object().put("checkout_session", s.id());
              if (s.paymentLinkId() != null) {
                metadata.put("payment_link", s.paymentLinkId());
              }
              Payment payment =
                  pushes.record(
                      c,
                      new StkPushes.NewPayment(
                          phone,
                          toPay,
                          s.reference(),
                          s.description(),
                          metadata,
                          // A second, independent guard: one payment per attempt, by a unique key.
                          "checkout/" + s.id() + "/" + (s.attempts() + 1)),
                      paymentId);
              store.recordPrompt(c, paymentId, phone, clientAddress, s.paymentLinkId(), now);
              return payment;
            });
    Payment sent;
    try {
      sent = pushes.send(recorded);
    } catch (RuntimeException e) {
      // Recorded before sending: the payments reconciler settles it; it is never sent again.
      log.warn("checkout payment {} could not be sent or its answer recorded", recorded.id(), e);
      sent = recorded;
    }
    CheckoutSession after =
        database.read(c -> store.sessionByCode(c, code)).orElseThrow(Checkout::pageMissing);
    return new SessionView(after, Optional.of(sent));
  }

  private static void refuseUnlessPayable(CheckoutSession s, long now) {
    if (s.status() == CheckoutSessionStatus.COMPLETE) {
      throw GatewayError.conflict("session_complete", "This checkout is already paid.");
    }
    if (s.status() == CheckoutSessionStatus.EXPIRED || s.expiresAt() <= now) {
      if (s.attemptOpen()) {
        throw attemptInProgress();
      }
      throw GatewayError.conflict(
          "session_expired", "This checkout has expired: return to the shop and start again.");
    }
    if (s.attemptOpen()) {
      throw attemptInProgress();
    }
  }

  private static GatewayError attemptInProgress() {
    return GatewayError.conflict(
        "attempt_in_progress",
        "A payment for this checkout is already in progress or its outcome is not yet known: do"
            + " not pay again; answer the prompt on your phone, or wait for the result.");
  }

  private static long amountToPay(CheckoutSession s, Long amount) {
    if (s.amount() != null) {
      if (amount != null && amount.longValue() != s.amount()) {
        throw GatewayError.invalid(
            "amount", "amount is fixed at " + s.amount() + " for this checkout: leave it out");
      }
      return s.amount();
    }
    if (amount == null) {
      throw GatewayError.invalid(
          "amount",
          "amount is required: whole shillings from " + s.minAmount() + " to " + s.maxAmount());
    }
    if (amount < s.minAmount() || amount > s.maxAmount()) {
      throw GatewayError.invalid(
          "amount",
          "amount must be "
              + s.minAmount()
              + " to "
              + s.maxAmount()
              + " shillings for this payment; got "
              + amount);
    }
    return amount;
  }

  /** Refuses a prompt beyond a cap, saying when one will be allowed again. */
  private void checkCaps(Connection c, String phone, String client, String linkId, long now)
      throws SQLException {
    cap(
        c,
        "phone",
        phone,
        settings.promptsPerPhonePerHour(),
        HOUR,
        now,
        "Too many payment prompts have been sent to this phone number in the last hour");
    cap(
        c,
        "client_address",
        client,
        settings.promptsPerClientPerMinute(),
        MINUTE,
        now,
        "Too many payment prompts have been asked for from your network in the last minute");
    if (linkId != null) {
      cap(
          c,
          "payment_link_id",
          linkId,
          settings.promptsPerLinkPerMinute(),
          MINUTE,
          now,
          "Too many payment prompts have been asked for through this link in the last minute");
    }
  }

  private void cap(
      Connection c, String column, String value, int max, Duration window, long now, String what)
      throws SQLException {
    refuseBeyond(
        store.promptsSince(c, column, value, now - window.toMillis()), max, window, now, what);
  }

  /**
   * Refuses one more beyond {@code max} in {@code window}, saying when one will be allowed again.
   *
   * @param recent the times of those already counted in the window, oldest first
   */
  private static void refuseBeyond(
      List<Long> recent, int max, Duration window, long now, String what) {
    if (recent.size() < max) {
      return;
    }
    // The oldest prompt that must leave the window before one more fits.
    long freeAt = recent.get(recent.size() - max) + window.toMillis();
    Duration wait = Duration.ofMillis(Math.max(1000, freeAt - now));
    throw GatewayError.tooManyAttempts(what + ": try again in " + describe(wait) + ".", wait);
  }

  private static String describe(Duration wait) {
    long seconds = (wait.toMillis() + 999) / 1000;
    return seconds < 120 ? seconds + " seconds" : ((seconds + 59) / 60) + " minutes";
  }

  /**
   * Expires an open session at its creator's request.
   *
   * @throws GatewayError 404; 409 when it is paid, already expired, or an attempt is in progress
   */
  public CheckoutSession expire(String id) {
    return database.write(
        c -> {
          CheckoutSession s = store.findSession(c, id).orElseThrow(() -> sessionMissing(id));
          if (s.status() != CheckoutSessionStatus.OPEN) {
            throw GatewayError.conflict(
                "session_not_open", "Checkout session " + id + " is " + s.status().apiName() + ".");
          }
          if (!expire(c, s)) {
            throw GatewayError.conflict(
                "attempt_in_progress",
                "A payment of checkout session "
                    + id
                    + " is pending or unknown: it cannot be expired until that payment settles.");
          }
          return store.findSession(c, id).orElseThrow();
        });
  }

  /**
   * Expires the open sessions whose time has passed (those with no attempt open), each with its
   * event, and forgets prompts older than every cap's window.
   *
   * @return how many sessions it looked at
   */
  int expireDue(int limit) {
    long now = clock.millis();
    List<String> due = store.dueForExpiry(now, limit);
    for (String id : due) {
      database.write(
          c -> {
            Optional<CheckoutSession> s = store.findSession(c, id);
            return s.isPresent() && expire(c, s.get());
          });
    }
    // Pruning is housekeeping, not a guard (the caps count only their window): once a minute.
    if (now - lastPrune >= MINUTE.toMillis()) {
      lastPrune = now;
      store.prunePrompts(now - HOUR.toMillis());
    }
    return due.size();
  }

  private boolean expire(Connection c, CheckoutSession s) throws SQLException {
    long now = clock.millis();
    if (!s.status().canMoveTo(CheckoutSessionStatus.EXPIRED) || !store.expire(c, s.id(), now)) {
      return false;
    }
    CheckoutSession after = store.findSession(c, s.id()).orElseThrow();
    events.append(c, CheckoutEvents.SESSION_EXPIRED, "checkout_session", s.id(), json(after), now);
    return true;
  }

  // ---- reads

  /** A session by its public code, with its newest attempt's payment. */
  public SessionView sessionByCode(String code) {
    return database.read(
        c -> {
          CheckoutSession s = store.sessionByCode(c, code).orElseThrow(Checkout::pageMissing);
          return new SessionView(
              s, s.paymentId() == null ? Optional.empty() : payments.find(c, s.paymentId()));
        });
  }

  /**
   * A session by its public code as its page shows it to the customer: the first time, it is marked
   * opened (the funnel's first step).
   */
  public SessionView openPage(String code) {
    SessionView view = sessionByCode(code);
    if (view.session().openedAt() == null) {
      store.markOpened(view.session().id(), clock.millis());
    }
    return view;
  }

  /**
   * The funnel of the sessions created after {@code createdAfter} (or all), of one payment link (or
   * all).
   */
  public Funnel funnel(String paymentLinkId, Long createdAfter) {
    return store.funnel(paymentLinkId, createdAfter);
  }

  /** A link by its public code. */
  public PaymentLink linkByCode(String code) {
    return database.read(c -> store.linkByCode(c, code)).orElseThrow(Checkout::pageMissing);
  }

  /** A page of links, newest first; {@code status} (or {@code null}) as of now. */
  public List<PaymentLink> listLinks(
      PaymentLinkStatus status, Long createdAfter, String startingAfter, int limit) {
    return store.listLinks(status, clock.millis(), createdAfter, startingAfter, limit);
  }

  /** The status of a link now. */
  public PaymentLinkStatus status(PaymentLink link) {
    return PaymentLinkStatus.of(link, clock.millis());
  }

  /** The name customers are shown as the one being paid, or {@code null}. */
  public String merchantName() {
    return settings.merchantName();
  }

  /** {@code <publicUrl>/pay/<code>}. */
  public String url(PaymentLink link) {
    return publicUrl + "/pay/" + link.code();
  }

  /** {@code <publicUrl>/pay/s/<code>}. */
  public String url(CheckoutSession session) {
    return publicUrl + "/pay/s/" + session.code();
  }

  /** The link as the merchant API shows it. */
  public ObjectNode json(PaymentLink l) {
    ObjectNode node = Json.object();
    node.put("id", l.id())
        .put("object", "payment_link")
        .put("status", status(l).apiName())
        .put("code", l.code())
        .put("url", url(l));
    l.terms()
        .into(node)
        .put("expires_at", Json.time(l.expiresAt()))
        .put("max_uses", l.maxUses())
        // What counts against max_uses: payments that succeeded and those still in flight.
        .put("uses", l.uses() + l.pendingUses())
        .put("payments_count", l.paymentsCount())
        .put("paid_count", l.uses())
        .put("paid_amount", l.paidAmount());
    metadata(node, l.metadata());
    node.put("created_at", Json.time(l.createdAt())).put("updated_at", Json.time(l.updatedAt()));
    return node;
  }

  /** The session as the merchant API and its events show it. */
  public ObjectNode json(CheckoutSession s) {
    ObjectNode node = Json.object();
    node.put("id", s.id())
        .put("object", "checkout_session")
        .put("status", s.status().apiName())
        .put("url", url(s))
        .put("payment_link", s.paymentLinkId());
    s.terms()
        .into(node)
        .put("success_url", s.successUrl())
        .put("cancel_url", s.cancelUrl())
        .put("phone", s.phone())
        .put("expires_at", Json.time(s.expiresAt()))
        .put("attempts", s.attempts())
        .put("payment", s.paymentId())
        .put("attempt_in_progress", s.attemptOpen())
        .put("mpesa_receipt", s.receipt())
        .put("completed_at", Json.time(s.completedAt()))
        .put("opened_at", Json.time(s.openedAt()));
    metadata(node, s.metadata());
    node.put("created_at", Json.time(s.createdAt())).put("updated_at", Json.time(s.updatedAt()));
    return node;
  }

  private static void metadata(ObjectNode node, String metadata) {
    if (metadata == null) {
      node.putNull("metadata");
    } else {
      node.set("metadata", Json.parseStored(metadata));
    }
  }

  // ---- validation

  private static long checkAmount(String field, long amount) {
    if (amount < MIN_AMOUNT || amount > MAX_AMOUNT) {
      throw GatewayError.invalid(
          field, field + " must be 1 to 250000 whole shillings (STK push limits); got " + amount);
    }
    return amount;
  }

  private static void checkReference(String reference) {
    if (reference.isEmpty() || reference.length() > MAX_REFERENCE) {
      throw GatewayError.invalid(
          "reference",
          "reference '"
              + GatewayError.printable(reference)
              + "' has "
              + reference.length()
              + " characters; the customer's prompt shows 1 to "
              + MAX_REFERENCE);
    }
  }

  private static void checkDescription(String description) {
    if (description.isEmpty() || description.length() > MAX_DESCRIPTION) {
      throw GatewayError.invalid(
          "description",
          "description has " + description.length() + " characters; 1 to 100 are taken");
    }
  }

  /**
   * An absolute https URL, or http for this machine only (a shop under development): the customer
   * is sent there after paying, so it must not be readable or changeable on the way.
   */
  static void checkReturnUrl(String field, String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw GatewayError.invalid(field, field + " is not a URL: " + GatewayError.printable(url));
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    boolean local = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
    if (host.isEmpty() || !(scheme.equals("https") || (scheme.equals("http") && local))) {
      throw GatewayError.invalid(
          field,
          field
              + " must be an absolute https:// URL (http:// is allowed only for localhost and"
              + " 127.0.0.1); got "
              + GatewayError.printable(url));
    }
    if (url.length() > 2000) {
      throw GatewayError.invalid(
          field, field + " has " + url.length() + " characters; at most 2000");
    }
  }

  private static String phone(String text) {
    try {
      return Msisdn.parse("phone", text).value();
    } catch (DarajaValidationException e) {
      throw GatewayError.invalid("phone", e.getMessage());
    }
  }

  /** The same answer for every unknown code, so none tells anything about the others. */
  private static GatewayError pageMissing() {
    return GatewayError.notFound("No such payment page: check the address you were given.");
  }

  private static GatewayError linkMissing(String id) {
    return GatewayError.notFound("No payment link " + id + ".");
  }

  private static GatewayError sessionMissing(String id) {
    return GatewayError.notFound("No checkout session " + id + ".");
  }
}
