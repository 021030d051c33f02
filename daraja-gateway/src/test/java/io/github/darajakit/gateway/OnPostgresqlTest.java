package io.github.darajakit.gateway;

import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.Postgres;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Nested;

/**
 * The same end-to-end suites again, on PostgreSQL: one schema, two dialects, one contract. Each
 * test gets a fresh schema in {@code DARAJA_TEST_POSTGRES_URL}; without it these are skipped with a
 * message saying so (CI sets it and {@code DARAJA_REQUIRE_POSTGRES}, which turns a skip into a
 * failure). See {@link Postgres}.
 */
class OnPostgresqlTest {

  @Nested
  class Checkout extends CheckoutTest {
    @Override
    GatewayHarness harness() {
      return super.harness().postgres();
    }
  }

  @Nested
  class CheckoutCaps extends CheckoutCapsTest {
    @Override
    GatewayHarness harness() {
      return super.harness().postgres();
    }
  }

  @Nested
  class PaymentLinks extends PaymentLinkTest {
    @Override
    GatewayHarness harness() {
      return super.harness().postgres();
    }
  }

  @Nested
  class B2bCollections extends B2bCollectionTest {
    @Override
    GatewayHarness harness() {
      return super.harness().postgres();
    }
  }

  @Nested
  class B2bCollectionCallbacks extends B2bCollectionCallbackTest {
    @Override
    GatewayHarness harness() {
      return super.harness().postgres();
    }
  }

  @Nested
  class BillManagerPayments extends BillManagerTest {
    @Override
    GatewayHarness harness() {
      return super.harness().postgres();
    }
  }

  @Nested
  class SubscriptionBilling extends SubscriptionBillingTest {
    @Override
    GatewayHarness harness() {
      return super.harness().postgres();
    }
  }

  @Nested
  class SubscriptionExactlyOnce extends SubscriptionExactlyOnceTest {
    @Override
    GatewayHarness harness() {
      return super.harness().postgres();
    }
  }

  @Nested
  class SubscriptionAttacks extends SubscriptionAttackTest {
    @Override
    GatewayHarness harness() {
      return super.harness().postgres();
    }
  }

  @Nested
  class RatibaSubscriptions extends RatibaSubscriptionTest {
    @Override
    GatewayHarness harness() {
      return super.harness().postgres();
    }
  }

  @Nested
  class Overviews extends OverviewTest {
    @Override
    GatewayHarness harness() {
      return super.harness().postgres();
    }
  }

  @Nested
  class B2bPayments extends B2bPaymentTest {
    @Override
    GatewayHarness harness() {
      return super.harness().postgres();
    }
  }

  @Nested
  class Reversals extends ReversalTest {
    @Override
    GatewayHarness harness() {
      return super.harness().postgres();
    }
  }

  @Nested
  class Payouts extends PayoutFlowTest {
    @Override
    GatewayHarness harness() {
      return super.harness().postgres();
    }
  }

  @Nested
  class PayoutReconciler extends PayoutReconcilerTest {
    @Override
    GatewayHarness harness() {
      return super.harness().postgres();
    }
  }

  @Nested
  class PayoutExactlyOnce extends PayoutExactlyOnceTest {
    @Override
    GatewayHarness harness() {
      return super.harness().postgres();
    }
  }

  @Nested
  class PayoutMoneySafety extends PayoutMoneySafetyTest {
    @Override
    GatewayHarness harness() {
      return super.harness().postgres();
    }
  }

  @Nested
  class PayoutBatches extends PayoutBatchTest {
    @Override
    GatewayHarness harness() {
      return super.harness().postgres();
    }
  }

  @Nested
  class PayoutRails extends PayoutRailsTest {
    @Override
    GatewayHarness harness() {
      return super.harness().postgres();
    }
  }

  @Nested
  class PayoutFraudChecks extends PayoutFraudChecksTest {
    @Override
    GatewayHarness harness() {
      return super.harness().postgres();
    }
  }

  @Nested
  class Payments extends PaymentFlowTest {
    @Override
    GatewayHarness harness() {
      return super.harness().postgres();
    }
  }

  @Nested
  class StkScenarios extends StkScenariosTest {
    @Override
    GatewayHarness harness() {
      return super.harness().postgres();
    }
  }

  @Nested
  class CallbackEvidence extends CallbackEvidenceTest {
    @Override
    GatewayHarness harness() {
      return super.harness().postgres();
    }
  }

  @Nested
  class ReceiptChecks extends ReceiptCheckTest {
    @Override
    GatewayHarness harness() {
      return super.harness().postgres();
    }
  }

  @Nested
  class ReceiptEvidence extends ReceiptEvidenceTest {
    @Override
    GatewayHarness harness() {
      return super.harness().postgres();
    }
  }

  @Nested
  class Reconciler extends ReconcilerTest {
    @Override
    GatewayHarness harness() {
      return super.harness().postgres();
    }
  }

  @Nested
  class Idempotency extends IdempotencyTest {
    @Override
    GatewayHarness harness() {
      return super.harness().postgres();
    }
  }

  @Nested
  class MerchantApi extends MerchantApiTest {
    @Override
    GatewayHarness harness() {
      return super.harness().postgres();
    }
  }

  @Nested
  class MalformedRequests extends MalformedRequestFuzzTest {
    @Override
    GatewayHarness harness() {
      return super.harness().postgres();
    }
  }

  @Nested
  class DashboardSessionRevocation extends DashboardSessionRevocationTest {
    @Override
    GatewayHarness harness() {
      return super.harness().postgres();
    }
  }

  @Nested
  class Webhooks extends WebhookTest {
    @Override
    GatewayHarness harness() {
      return super.harness().postgres();
    }
  }

  @Nested
  class C2b extends C2bTest {
    @Override
    GatewayHarness harness(UnaryOperator<GatewayConfig.Builder> settings, boolean background) {
      return super.harness(settings, background).postgres();
    }
  }
}
