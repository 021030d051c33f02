package io.github.darajakit.emulator.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Cipher;

/**
 * A Daraja integration written the way tutorials and many production apps write one against
 * Safaricom's sandbox: the sandbox's public test values hard-coded, the initiator password
 * encrypted with Safaricom's sandbox certificate, and nothing emulator-specific. The only thing
 * that can be changed is the base URL (the callback URLs are this app's own endpoints, passed per
 * call).
 */
final class TypicalSandboxClient {

  private static final String CONSUMER_KEY = "kM7xQw2Lr9TzVb4NcJp6HsYd3FgAe8Ut";
  private static final String CONSUMER_SECRET = "Zp4RtY8wQm2XvLc6";
  private static final String LNM_SHORTCODE = "174379";
  private static final String LNM_PASSKEY =
      "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919";
  private static final String SHORTCODE_1 = "600992";
  private static final String SHORTCODE_2 = "600000";
  private static final String INITIATOR_NAME = "testapi";
  private static final String INITIATOR_PASSWORD = "Safaricom999!*!";
  private static final String TEST_MSISDN = "254708374149";
  private static final String CERTIFICATE = "/sandbox-apicrypt.safaricom.co.ke.cer";
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

  private final String baseUrl;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private String accessToken;

  TypicalSandboxClient(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** OAuth: a token for the app's consumer key and secret. */
  String accessToken() {
    if (accessToken == null) {
      String basic =
          Base64.getEncoder()
              .encodeToString(
                  (CONSUMER_KEY + ":" + CONSUMER_SECRET).getBytes(StandardCharsets.UTF_8));
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create(baseUrl + "/oauth/v1/generate?grant_type=client_credentials"))
              .header("Authorization", "Basic " + basic)
              .GET()
              .build();
      accessToken = send(request).path("access_token").asText();
    }
    return accessToken;
  }

  /** Lipa na M-Pesa Online: prompts the test customer to pay the sandbox PayBill. */
  JsonNode stkPush(long amount, String callbackUrl) {
    String timestamp = ZonedDateTime.now(ZoneId.of("Africa/Nairobi")).format(TIMESTAMP);
    ObjectNode body = json.createObjectNode();
    body.put("BusinessShortCode", Long.parseLong(LNM_SHORTCODE))
        .put("Password", stkPassword(timestamp))
        .put("Timestamp", timestamp)
        .put("TransactionType", "CustomerPayBillOnline")
        .put("Amount", amount)
        .put("PartyA", Long.parseLong(TEST_MSISDN))
        .put("PartyB", Long.parseLong(LNM_SHORTCODE))
        .put("PhoneNumber", Long.parseLong(TEST_MSISDN))
        .put("CallBackURL", callbackUrl)
        .put("AccountReference", "CompanyXLTD")
        .put("TransactionDesc", "Payment of X");
    return post("/mpesa/stkpush/v1/processrequest", body);
  }

  /** STK query for a push made earlier. */
  JsonNode stkQuery(String checkoutRequestId) {
    String timestamp = ZonedDateTime.now(ZoneId.of("Africa/Nairobi")).format(TIMESTAMP);
    ObjectNode body = json.createObjectNode();
    body.put("BusinessShortCode", LNM_SHORTCODE)
        .put("Password", stkPassword(timestamp))
        .put("Timestamp", timestamp)
        .put("CheckoutRequestID", checkoutRequestId);
    return post("/mpesa/stkpushquery/v1/query", body);
  }

  /** C2B: registers this app's confirmation and validation URLs on shortcode 1. */
  JsonNode registerC2bUrls(String confirmationUrl, String validationUrl) {
    ObjectNode body = json.createObjectNode();
    body.put("ShortCode", SHORTCODE_1)
        .put("ResponseType", "Completed")
        .put("ConfirmationURL", confirmationUrl)
        .put("ValidationURL", validationUrl);
    return post("/mpesa/c2b/v2/registerurl", body);
  }

  /** C2B: simulates the test customer paying shortcode 1. */
  JsonNode simulateC2b(long amount, String billRefNumber) {
    ObjectNode body = json.createObjectNode();
    body.put("ShortCode", Long.parseLong(SHORTCODE_1))
        .put("CommandID", "CustomerPayBillOnline")
        .put("Amount", amount)
        .put("Msisdn", Long.parseLong(TEST_MSISDN))
        .put("BillRefNumber", billRefNumber);
    return post("/mpesa/c2b/v2/simulate", body);
  }

  /** B2C v3: pays the test customer from shortcode 1. */
  JsonNode b2cPayment(long amount, String resultUrl, String queueTimeOutUrl) {
    ObjectNode body = json.createObjectNode();
    body.put("OriginatorConversationID", UUID.randomUUID().toString())
        .put("InitiatorName", INITIATOR_NAME)
        .put("SecurityCredential", securityCredential())
        .put("CommandID", "BusinessPayment")
        .put("Amount", amount)
        .put("PartyA", SHORTCODE_1)
        .put("PartyB", TEST_MSISDN)
        .put("Remarks", "Test remarks")
        .put("QueueTimeOutURL", queueTimeOutUrl)
        .put("ResultURL", resultUrl)
        .put("Occassion", "");
    return post("/mpesa/b2c/v3/paymentrequest", body);
  }

  /** B2B: pays shortcode 2's PayBill from shortcode 1. */
  JsonNode businessPayBill(long amount, String resultUrl, String queueTimeOutUrl) {
    ObjectNode body = json.createObjectNode();
    body.put("Initiator", INITIATOR_NAME)
        .put("SecurityCredential", securityCredential())
        .put("CommandID", "BusinessPayBill")
        .put("SenderIdentifierType", "4")
        .put("RecieverIdentifierType", "4")
        .put("Amount", amount)
        .put("PartyA", SHORTCODE_1)
        .put("PartyB", SHORTCODE_2)
        .put("AccountReference", "353353")
        .put("Requester", TEST_MSISDN)
        .put("Remarks", "OK")
        .put("QueueTimeOutURL", queueTimeOutUrl)
        .put("ResultURL", resultUrl);
    return post("/mpesa/b2b/v1/paymentrequest", body);
  }

  /** Account balance of shortcode 1. */
  JsonNode accountBalance(String resultUrl, String queueTimeOutUrl) {
    ObjectNode body = json.createObjectNode();
    body.put("Initiator", INITIATOR_NAME)
        .put("SecurityCredential", securityCredential())
        .put("CommandID", "AccountBalance")
        .put("PartyA", SHORTCODE_1)
        .put("IdentifierType", "4")
        .put("Remarks", "ok")
        .put("QueueTimeOutURL", queueTimeOutUrl)
        .put("ResultURL", resultUrl);
    return post("/mpesa/accountbalance/v1/query", body);
  }

  /** Transaction status of a receipt of shortcode 1. */
  JsonNode transactionStatus(String transactionId, String resultUrl, String queueTimeOutUrl) {
    ObjectNode body = json.createObjectNode();
    body.put("Initiator", INITIATOR_NAME)
        .put("SecurityCredential", securityCredential())
        .put("CommandID", "TransactionStatusQuery")
        .put("TransactionID", transactionId)
        .put("PartyA", SHORTCODE_1)
        .put("IdentifierType", "4")
        .put("ResultURL", resultUrl)
        .put("QueueTimeOutURL", queueTimeOutUrl)
        .put("Remarks", "OK")
        .put("Occasion", "OK");
    return post("/mpesa/transactionstatus/v1/query", body);
  }

  private String stkPassword(String timestamp) {
    return Base64.getEncoder()
        .encodeToString((LNM_SHORTCODE + LNM_PASSKEY + timestamp).getBytes(StandardCharsets.UTF_8));
  }

  private String securityCredential() {
    try (InputStream in = TypicalSandboxClient.class.getResourceAsStream(CERTIFICATE)) {
      Certificate certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
      Cipher cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding");
      cipher.init(Cipher.ENCRYPT_MODE, certificate.getPublicKey());
      return Base64.getEncoder()
          .encodeToString(cipher.doFinal(INITIATOR_PASSWORD.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode post(String path, JsonNode body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Authorization", "Bearer " + accessToken())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    return send(request);
  }

  private JsonNode send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            request.uri().getPath()
                + " answered "
                + response.statusCode()
                + ": "
                + response.body());
      }
      return json.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
