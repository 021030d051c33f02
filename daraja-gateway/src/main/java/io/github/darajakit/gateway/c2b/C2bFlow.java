package io.github.darajakit.gateway.c2b;

import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.DarajaException;
import io.github.darajakit.client.c2b.C2bRegisterRequest;
import io.github.darajakit.client.c2b.C2bResponseType;
import io.github.darajakit.client.pull.PullRegisterRequest;
import io.github.darajakit.client.pull.PullRegisterResponse;
import io.github.darajakit.gateway.c2b.web.C2bApi;
import io.github.darajakit.gateway.callbacks.CallbackHandler;
import io.github.darajakit.gateway.callbacks.CallbackSecrets;
import io.github.darajakit.gateway.flow.FlowContext;
import io.github.darajakit.gateway.flow.MoneyFlow;
import io.github.darajakit.gateway.flow.Registration;
import io.github.darajakit.gateway.flow.Worker;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * C2B payments (PayBill and till): their confirmations and validations, the URL registration, and
 * the recovery of confirmations that never came (Pull Transactions).
 */
public final class C2bFlow implements MoneyFlow {

  private static final Logger log = LoggerFactory.getLogger(C2bFlow.class);

  /**
   * How C2B is set up.
   *
   * @param responseType what M-Pesa does when validation does not answer
   * @param registerOnStart whether the URLs are registered with Daraja at every start
   * @param validation decides validations
   * @param pull whether missed confirmations are recovered with Pull Transactions
   * @param pullNominatedNumber the number Pull Transactions is registered with, or {@code null}
   * @param pullEvery how often recovery runs
   */
  public record Settings(
      C2bResponseType responseType,
      boolean registerOnStart,
      ValidationPolicy validation,
      boolean pull,
      String pullNominatedNumber,
      Duration pullEvery) {}

  private final FlowContext context;
  private final Settings settings;
  private final C2bStore store;
  private final C2bConfirmations confirmations;
  private final C2bRecovery recovery;

  public C2bFlow(FlowContext context, Settings settings) {
    this.context = context;
    this.settings = settings;
    store = new C2bStore(context.database());
    confirmations =
        new C2bConfirmations(
            store,
            context.events(),
            context.receipts(),
            context.clock(),
            context.business().c2bShortCode());
    recovery =
        settings.pull()
            ? new C2bRecovery(
                context.database(),
                store,
                context.events(),
                context.settings(),
                context.business().daraja(),
                context.clock(),
                context.business().c2bShortCode(),
                Duration.ofMinutes(15),
                context.metrics()::c2bRecovery,
                context.receipts())
            : null;
  }

  /**
   * How a payment M-Pesa reports is recorded as a C2B payment: what other reports of money paid to
   * the shortcode (Bill Manager's payment push) record through.
   */
  public C2bConfirmations payments() {
    return confirmations;
  }

  /** The C2B payments recorded. */
  public C2bStore store() {
    return store;
  }

  /** Recovery by Pull Transactions, if it is on. */
  public Optional<C2bRecovery> recovery() {
    return Optional.ofNullable(recovery);
  }

  @Override
  public void register(Registration registration) {
    C2bApi.C2bRegistration urls =
        new C2bApi.C2bRegistration(
            context.business().c2bShortCode(),
            context.callbackUrls().url(C2bConfirmations.CONFIRMATION),
            context.callbackUrls().url(C2bConfirmations.VALIDATION),
            settings.responseType());
    new C2bApi(store, context.business().daraja(), urls).routes(registration.routes());
    registration.openApi(C2bApi.class, "openapi.json").eventTypes(C2bEvents.all());
    registration
        .callbacks()
        .add(C2bConfirmations.CONFIRMATION, confirmations)
        .addAnswered(
            C2bConfirmations.VALIDATION,
            settings.validation()::decide,
            C2bConfirmations::validation)
        .add(
            C2bConfirmations.PULL,
            CallbackHandler.keep(
                "kept; missed C2B payments are recovered by polling Pull Transactions"));
    if (recovery != null) {
      registration.worker(
          new Worker() {
            @Override
            public void start() {
              recovery.start(settings.pullEvery());
            }

            @Override
            public void close() {
              recovery.close();
            }
          });
    }
    // Registering URLs with Daraja brings no callback, so it may happen before they are served.
    DarajaClient daraja = context.business().daraja();
    if (urls.shortCode() != null && settings.registerOnStart()) {
      registerUrls(daraja, urls);
    }
    if (settings.pullNominatedNumber() != null) {
      registerPull(
          daraja,
          urls.shortCode(),
          settings.pullNominatedNumber(),
          context.callbackUrls().url(C2bConfirmations.PULL));
    }
  }

  private static void registerUrls(DarajaClient daraja, C2bApi.C2bRegistration registration) {
    try {
      daraja
          .c2b()
          .registerUrls(
              C2bRegisterRequest.builder()
                  .shortCode(registration.shortCode())
                  .responseType(registration.responseType())
                  .confirmationUrl(registration.confirmationUrl())
                  .validationUrl(registration.validationUrl())
                  .build());
      log.info("registered C2B URLs for shortcode {}", registration.shortCode());
    } catch (DarajaException e) {
      // Production refuses a second registration; the URLs from the first are still in force.
      log.warn(
          "C2B URLs for {} were not registered: {}",
          registration.shortCode(),
          CallbackSecrets.redact(e.getMessage()));
    }
  }

  private static void registerPull(
      DarajaClient daraja, String shortCode, String nominatedNumber, String callbackUrl) {
    try {
      PullRegisterResponse answer =
          daraja
              .pull()
              .register(
                  PullRegisterRequest.builder()
                      .shortCode(shortCode)
                      .nominatedNumber(nominatedNumber)
                      .callbackUrl(callbackUrl)
                      .build());
      log.info(
          "Pull Transactions for {}: {}",
          shortCode,
          answer.alreadyRegistered() ? "already registered" : "registered");
    } catch (DarajaException e) {
      log.warn(
          "Pull Transactions registration for {} failed: {} (recovery will still try to pull)",
          shortCode,
          CallbackSecrets.redact(e.getMessage()));
    }
  }
}
