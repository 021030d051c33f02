package io.github.darajakit.spring.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.github.darajakit.client.callbacks.C2bRejection;
import io.github.darajakit.client.callbacks.DarajaCallbacks;
import io.github.darajakit.spring.DarajaAutoConfiguration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;
import org.sqlite.SQLiteDataSource;

/**
 * The callback endpoint through Spring MVC (MockMvc, no server): stored in SQLite before it is
 * answered, one typed event per callback, Daraja's answers, and the failures.
 */
class DarajaStarterCallbackTest {

  static final String SECRET = "0123456789abcdef-secret";
  static final String URL = "/daraja/callbacks/" + SECRET;

  static final String STK_PAID =
      """
      {"Body":{"stkCallback":{"MerchantRequestID":"29115-34620561-1","CheckoutRequestID":\
      "ws_CO_191220191020363925","ResultCode":0,"ResultDesc":"The service request is processed\
       successfully.","CallbackMetadata":{"Item":[{"Name":"Amount","Value":1.00},\
      {"Name":"MpesaReceiptNumber","Value":"NLJ7RT61SV"},{"Name":"TransactionDate",\
      "Value":20191219102115},{"Name":"PhoneNumber","Value":254708374149}]}}}}
      """;

  static final String C2B_VALIDATION =
      """
      {"TransactionType":"Pay Bill","TransID":"RKTQDM7W6S","TransTime":"20191122063845",\
      "TransAmount":"10","BusinessShortCode":"600638","BillRefNumber":"invoice008",\
      "InvoiceNumber":"","OrgAccountBalance":"","ThirdPartyTransID":"","MSISDN":"25470****149",\
      "FirstName":"John","MiddleName":"","LastName":"Doe"}
      """;

  static final String BILL_PAYMENT =
      """
      {"transactionId":"RJB53MYR1N","paidAmount":"500","msisdn":"254708374149",\
      "dateCreated":"2026-12-07","accountReference":"INV-1","shortCode":"600000"}
      """;

  @TempDir Path directory;

  /** An MVC application with the endpoint on, a SQLite DataSource and the event recorder. */
  private WebApplicationContextRunner runner() {
    SQLiteDataSource dataSource = new SQLiteDataSource();
    dataSource.setUrl("jdbc:sqlite:" + directory.resolve("callbacks.db"));
    return withoutDataSource()
        .withUserConfiguration(Recorder.class)
        .withBean(DataSource.class, () -> dataSource);
  }

  private static WebApplicationContextRunner withoutDataSource() {
    return new WebApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                DarajaAutoConfiguration.class, DarajaCallbacksAutoConfiguration.class))
        .withUserConfiguration(Web.class)
        .withPropertyValues(
            "daraja.env=emulator",
            "daraja.callbacks.enabled=true",
            "daraja.callbacks.secret=" + SECRET);
  }

  @Configuration(proxyBeanMethods = false)
  @EnableWebMvc
  static class Web {}

  /** Records events, and whether each one's body was already stored when it was published. */
  static class Recorder {
    final List<Object> events = new CopyOnWriteArrayList<>();
    final List<Boolean> storedFirst = new CopyOnWriteArrayList<>();
    final DataSource dataSource;
    volatile C2bRejection reject;
    volatile boolean fail;

    Recorder(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    @EventListener
    void on(DarajaCallbackEvent<?> event) throws SQLException {
      events.add(event);
      storedFirst.add(rows(dataSource, event.callbackId()) == 1);
      if (reject != null && event instanceof C2bValidationReceived validation) {
        validation.reject(reject);
      }
      if (fail) {
        throw new IllegalStateException("listener down");
      }
    }

    @EventListener
    void on(UnreadableCallbackReceived event) {
      events.add(event);
    }
  }

  static int rows(DataSource dataSource, String id) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement("SELECT COUNT(*) FROM daraja_callback WHERE id = ?")) {
      query.setString(1, id);
      try (ResultSet result = query.executeQuery()) {
        result.next();
        return result.getInt(1);
      }
    }
  }

  static int allRows(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement("SELECT COUNT(*) FROM daraja_callback");
        ResultSet result = query.executeQuery()) {
      result.next();
      return result.getInt(1);
    }
  }

  static MvcResult postTo(AssertableWebApplicationContext context, String url, String body)
      throws Exception {
    MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
    return mvc.perform(post(url).contentType(MediaType.APPLICATION_JSON).content(body.strip()))
        .andReturn();
  }

  static String text(MvcResult result) {
    return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
  }

  @Test
  void anStkCallbackIsStoredThenPublishedThenAcknowledged() {
    runner()
        .run(
            context -> {
              MvcResult result = postTo(context, URL + "/order-7", STK_PAID);
              assertThat(result.getResponse().getStatus()).isEqualTo(200);
              assertThat(text(result)).isEqualTo(DarajaCallbacks.acknowledge());
              Recorder recorder = context.getBean(Recorder.class);
              assertThat(recorder.events).hasSize(1);
              StkCallbackReceived event = (StkCallbackReceived) recorder.events.get(0);
              assertThat(event.callback().isPaid()).isTrue();
              assertThat(event.callback().payment().orElseThrow().mpesaReceiptNumber())
                  .isEqualTo("NLJ7RT61SV");
              assertThat(event.callbackToken()).contains("order-7");
              assertThat(event.isFirstDelivery()).isTrue();
              assertThat(recorder.storedFirst).containsExactly(true);
            });
  }

  @Test
  void theSameBodyTwiceIsOneRowAndTheSecondEventSaysSo() {
    runner()
        .run(
            context -> {
              postTo(context, URL, STK_PAID);
              MvcResult again = postTo(context, URL, STK_PAID);
              assertThat(again.getResponse().getStatus()).isEqualTo(200);
              assertThat(allRows(context.getBean(DataSource.class))).isEqualTo(1);
              Recorder recorder = context.getBean(Recorder.class);
              assertThat(recorder.events)
                  .extracting(e -> ((DarajaCallbackEvent<?>) e).isFirstDelivery())
                  .containsExactly(true, false);
            });
  }

  @Test
  void aMalformedBodyIsStoredAndAcknowledgedNeverAnError() {
    runner()
        .run(
            context -> {
              MvcResult result = postTo(context, URL, "{\"errorCode\":\"oops\"");
              assertThat(result.getResponse().getStatus()).isEqualTo(200);
              assertThat(text(result)).isEqualTo(DarajaCallbacks.acknowledge());
              assertThat(allRows(context.getBean(DataSource.class))).isEqualTo(1);
              assertThat(context.getBean(Recorder.class).events)
                  .singleElement()
                  .isInstanceOf(UnreadableCallbackReceived.class);
            });
  }

  @Test
  void aWrongSecretIsNotFoundAndNothingIsStored() {
    runner()
        .run(
            context -> {
              MvcResult result =
                  postTo(context, "/daraja/callbacks/0123456789abcdef-guess", STK_PAID);
              assertThat(result.getResponse().getStatus()).isEqualTo(404);
              assertThat(allRows(context.getBean(DataSource.class))).isZero();
              assertThat(context.getBean(Recorder.class).events).isEmpty();
            });
  }

  @Test
  void aStoreFailureIsA500AndNothingIsPublished() {
    runner()
        .withBean(
            DarajaCallbackStore.class,
            () ->
                callback -> {
                  throw new IllegalStateException("database down");
                })
        .run(
            context -> {
              MvcResult result = postTo(context, URL, STK_PAID);
              assertThat(result.getResponse().getStatus()).isEqualTo(500);
              assertThat(context.getBean(Recorder.class).events).isEmpty();
            });
  }

  @Test
  void aListenerFailureIsA500WithTheBodyAlreadyStored() {
    runner()
        .run(
            context -> {
              context.getBean(Recorder.class).fail = true;
              MvcResult result = postTo(context, URL, STK_PAID);
              assertThat(result.getResponse().getStatus()).isEqualTo(500);
              assertThat(allRows(context.getBean(DataSource.class))).isEqualTo(1);
            });
  }

  @Test
  void aListenerDecidesTheC2bValidationAnswer() {
    runner()
        .run(
            context -> {
              assertThat(text(postTo(context, URL, C2B_VALIDATION)))
                  .isEqualTo(DarajaCallbacks.acceptValidation());
              context.getBean(Recorder.class).reject = C2bRejection.INVALID_ACCOUNT_NUMBER;
              assertThat(text(postTo(context, URL + "/second", C2B_VALIDATION)))
                  .isEqualTo(DarajaCallbacks.rejectValidation(C2bRejection.INVALID_ACCOUNT_NUMBER));
              assertThat(context.getBean(Recorder.class).events)
                  .allMatch(e -> e instanceof C2bValidationReceived);
            });
  }

  @Test
  void billManagerGetsItsOwnAcknowledgement() {
    runner()
        .run(
            context -> {
              assertThat(text(postTo(context, URL, BILL_PAYMENT)))
                  .isEqualTo(DarajaCallbacks.acknowledgeBillPayment());
              assertThat(context.getBean(Recorder.class).events)
                  .singleElement()
                  .isInstanceOf(BillPaymentReceived.class);
            });
  }

  @Test
  void aShortSecretStopsTheApplicationWithTheSettingsName() {
    runner()
        .withPropertyValues("daraja.callbacks.secret=short")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("daraja.callbacks.secret must be at least 16"));
  }

  @Test
  void withoutAStoreOrDataSourceTheApplicationSaysWhatIsMissing() {
    withoutDataSource()
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("needs one DarajaCallbackStore bean"));
  }
}
