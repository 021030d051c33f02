package io.github.darajakit.gateway.payouts.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.Msisdn;
import io.github.darajakit.gateway.http.ApiError;
import io.github.darajakit.gateway.http.HttpCall;
import io.github.darajakit.gateway.http.Reply;
import io.github.darajakit.gateway.http.Requests;
import io.github.darajakit.gateway.http.Router;
import io.github.darajakit.gateway.payouts.Balances;
import io.github.darajakit.gateway.payouts.Payout;
import io.github.darajakit.gateway.payouts.PayoutBatch;
import io.github.darajakit.gateway.payouts.PayoutBatchService;
import io.github.darajakit.gateway.payouts.PayoutBatchStore;
import io.github.darajakit.gateway.payouts.PayoutService;
import io.github.darajakit.gateway.payouts.PayoutStatus;
import io.github.darajakit.gateway.payouts.PayoutStore;
import java.util.List;
import java.util.Set;

/**
 * The payouts part of the merchant API: {@code /v1/payouts}, {@code /v1/b2b-payments}, {@code
 * /v1/payout-batches} and {@code /v1/balance}.
 */
public final class PayoutApi {

  private final PayoutService payouts;
  private final PayoutStore store;
  private final PayoutBatchService batches;
  private final PayoutBatchStore batchStore;
  private final Balances balances;

  public PayoutApi(
      PayoutService payouts,
      PayoutStore store,
      PayoutBatchService batches,
      PayoutBatchStore batchStore,
      Balances balances) {
    this.payouts = payouts;
    this.store = store;
    this.batches = batches;
    this.batchStore = batchStore;
    this.balances = balances;
  }

  /** Adds the routes. */
  public void routes(Router router) {
    router
        .add("POST", "/v1/payouts", this::create)
        .add("GET", "/v1/payouts", listQuery("phone"), call -> list(call, Payout.Kind.B2C))
        .add("GET", "/v1/payouts/{id}", call -> get(call, Payout.Kind.B2C))
        .add(
            "POST",
            "/v1/payouts/{id}/resubmit",
            call -> asItStands(payouts.resubmit(id(call), Payout.Kind.B2C)))
        .add(
            "POST",
            "/v1/payouts/{id}/approve",
            call -> asItStands(payouts.approve(id(call), call.apiKeyId())))
        .add(
            "POST",
            "/v1/payouts/{id}/reject",
            call -> asItStands(payouts.reject(id(call), call.apiKeyId())))
        .add("POST", "/v1/b2b-payments", this::createB2b)
        .add("GET", "/v1/b2b-payments", listQuery("receiver"), call -> list(call, Payout.Kind.B2B))
        .add("GET", "/v1/b2b-payments/{id}", call -> get(call, Payout.Kind.B2B))
        .add(
            "POST",
            "/v1/b2b-payments/{id}/resubmit",
            call -> asItStands(payouts.resubmit(id(call), Payout.Kind.B2B)))
        .add("POST", "/v1/balance/refresh", call -> Reply.json(202, balances.refresh()))
        .add("GET", "/v1/balance", call -> Reply.json(200, balances.latest()))
        .add(
            "POST",
            "/v1/payout-batches",
            Set.of("description", "type", "remarks"),
            this::createBatch)
        .add("GET", "/v1/payout-batches", Set.of("starting_after", "limit"), this::listBatches)
        .add("GET", "/v1/payout-batches/{id}", this::getBatch)
        .add(
            "GET",
            "/v1/payout-batches/{id}/items",
            Set.of("after_row", "limit", "format"),
            this::batchItems)
        .add(
            "POST",
            "/v1/payout-batches/{id}/confirm",
            call -> batchReply(batches.confirm(id(call))))
        .add(
            "POST",
            "/v1/payout-batches/{id}/approve",
            call -> batchReply(batches.approve(id(call), call.apiKeyId())))
        .add("POST", "/v1/payout-batches/{id}/pause", call -> batchReply(batches.pause(id(call))))
        .add("POST", "/v1/payout-batches/{id}/resume", call -> batchReply(batches.resume(id(call))))
        .add(
            "POST", "/v1/payout-batches/{id}/cancel", call -> batchReply(batches.cancel(id(call))));
  }

  /** What a payout, and a batch's JSON item, may carry. */
  private static final Set<String> PAYOUT_FIELDS =
      Set.of("phone", "amount", "type", "remarks", "occasion", "expected_name", "metadata");

  /** The filters of the payout and B2B payment lists; {@code recipient} is phone or receiver. */
  private static Set<String> listQuery(String recipient) {
    return Set.of(
        "status", recipient, "created_after", "needs_attention", "starting_after", "limit");
  }

  private Reply create(HttpCall call) {
    JsonNode body = call.jsonObject();
    Requests.allowOnly(body, PAYOUT_FIELDS);
    String phone =
        Requests.requiredText(body, "phone", "the customer's number, e.g. \"0712345678\"");
    long amount = Requests.wholeKes(body, "amount");
    String type = Requests.requiredText(body, "type", "business, salary or promotion");
    String remarks = Requests.requiredText(body, "remarks", "2 to 100 characters");
    String occasion = Requests.optionalText(body, "occasion", "at most 100 characters");
    String expectedName =
        Requests.optionalText(body, "expected_name", "the recipient's name, for payouts.nameCheck");
    JsonNode metadata = Requests.metadata(body.get("metadata"));
    Payout payout =
        payouts.create(
            new PayoutService.NewPayout(
                phone,
                amount,
                type,
                remarks,
                occasion,
                expectedName,
                metadata,
                Requests.idempotencyScope(call),
                call.apiKeyId()));
    return Reply.json(201, PayoutService.json(payout));
  }

  private Reply createB2b(HttpCall call) {
    JsonNode body = call.jsonObject();
    Requests.allowOnly(
        body,
        Set.of(
            "receiver_type",
            "receiver",
            "account_reference",
            "amount",
            "remarks",
            "occasion",
            "requester",
            "metadata"));
    String receiverType = Requests.requiredText(body, "receiver_type", "paybill or till");
    String receiver =
        Requests.requiredText(body, "receiver", "the PayBill or till number, e.g. \"600978\"");
    String accountReference =
        Requests.optionalText(body, "account_reference", "the account number at the PayBill");
    long amount = Requests.wholeKes(body, "amount");
    String remarks = Requests.requiredText(body, "remarks", "1 to 100 characters");
    String occasion = Requests.optionalText(body, "occasion", "at most 100 characters");
    String requester =
        Requests.optionalText(body, "requester", "the customer's number, e.g. 0712345678");
    Payout payment =
        payouts.createB2b(
            new PayoutService.NewB2bPayment(
                receiverType,
                receiver,
                accountReference,
                amount,
                remarks,
                occasion,
                requester,
                Requests.metadata(body.get("metadata")),
                Requests.idempotencyScope(call)));
    return Reply.json(201, PayoutService.json(payment));
  }

  private static Reply asItStands(Payout payout) {
    return Reply.json(200, PayoutService.json(payout));
  }

  private Reply get(HttpCall call, Payout.Kind kind) {
    String id = call.pathParam("id");
    return Reply.json(
        200,
        PayoutService.json(
            store
                .find(id)
                .filter(p -> p.kind() == kind)
                .orElseThrow(() -> ApiError.notFound("No " + kind.noun() + " " + id + "."))));
  }

  private Reply list(HttpCall call, Payout.Kind kind) {
    Set<PayoutStatus> statuses = Set.of();
    String status = call.query("status");
    if (status != null) {
      statuses = PayoutStatus.forApiName(status);
      if (statuses.isEmpty()) {
        throw ApiError.invalid(
            "status",
            "status must be queued, held, pending, succeeded, failed, unknown or cancelled; got '"
                + status
                + "'");
      }
    }
    String recipient;
    if (kind == Payout.Kind.B2C) {
      recipient = call.query("phone");
      if (recipient != null) {
        try {
          recipient = Msisdn.parse("phone", recipient).value();
        } catch (DarajaValidationException e) {
          throw ApiError.invalid("phone", e.getMessage());
        }
      }
    } else {
      recipient = call.query("receiver");
    }
    int limit = Requests.limit(call);
    List<Payout> page =
        store.list(
            kind,
            statuses,
            recipient,
            Requests.createdAfter(call),
            Requests.flag(call, "needs_attention"),
            Requests.cursor(call, id -> store.find(id).filter(p -> p.kind() == kind).isPresent()),
            limit + 1);
    return Requests.list(
        kind == Payout.Kind.B2C ? "/v1/payouts" : "/v1/b2b-payments",
        page,
        limit,
        PayoutService::json);
  }

  private static String id(HttpCall call) {
    return call.pathParam("id");
  }

  private Reply batchReply(PayoutBatch batch) {
    return Reply.json(200, PayoutBatchService.json(batch, batchStore.tally(batch.id())));
  }

  /**
   * A batch from JSON ({@code {"description","type","remarks","items":[…]}}, where an item may
   * leave out the batch-wide {@code type} and {@code remarks}) or from CSV ({@code text/csv}: a
   * header row naming the columns {@code phone}, {@code amount}, and optionally {@code type},
   * {@code remarks}, {@code occasion} or {@code reference}, {@code expected_name}; batch-wide
   * values as query parameters).
   */
  private Reply createBatch(HttpCall call) {
    String contentType = call.header("Content-Type");
    PayoutBatchService.NewBatch request;
    if (contentType != null
        && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("text/csv")) {
      request =
          CsvRows.parse(
                  new String(call.body(), java.nio.charset.StandardCharsets.UTF_8),
                  call.query("type"),
                  call.query("remarks"))
              .batch(call.query("description"), Requests.idempotencyScope(call), call.apiKeyId());
    } else {
      JsonNode body = call.jsonObject();
      Requests.allowOnly(body, Set.of("description", "type", "remarks", "items"));
      String type = Requests.optionalText(body, "type", "business, salary or promotion");
      String remarks = Requests.optionalText(body, "remarks", "2 to 100 characters");
      JsonNode items = body.get("items");
      if (items == null || !items.isArray()) {
        throw ApiError.invalid("items", "items is required: an array of payouts");
      }
      BatchRows rows = new BatchRows();
      for (JsonNode item : items) {
        rows.add(row(item, type, remarks, rows));
      }
      request =
          rows.batch(
              Requests.optionalText(body, "description", "a name for the batch"),
              Requests.idempotencyScope(call),
              call.apiKeyId());
    }
    PayoutBatch batch = batches.create(request);
    return Reply.json(201, PayoutBatchService.json(batch, batchStore.tally(batch.id())));
  }

  /**
   * One JSON item. A value of the wrong type is refused here, naming the row; an amount that is not
   * whole shillings, and what is wrong with a value of the right type, is reported with the other
   * rows' problems.
   */
  private static PayoutService.NewPayout row(
      JsonNode item, String type, String remarks, BatchRows rows) {
    int n = rows.current();
    if (!item.isObject()) {
      throw ApiError.invalid("items", "row " + n + " is not an object");
    }
    Requests.allowOnly(item, PAYOUT_FIELDS, "row " + n);
    return new PayoutService.NewPayout(
        rowText(item, "phone", n),
        rows.amount(() -> Requests.wholeKes("amount", item.get("amount"))),
        orDefault(rowText(item, "type", n), type),
        orDefault(rowText(item, "remarks", n), remarks),
        rowText(item, "occasion", n),
        rowText(item, "expected_name", n),
        item.hasNonNull("metadata") ? Requests.metadata(item.get("metadata")) : null,
        null,
        null);
  }

  private static String rowText(JsonNode item, String field, int n) {
    JsonNode node = item.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw ApiError.invalid("items", "row " + n + ": " + field + " must be a string");
    }
    return Requests.printableText("items", "row " + n + ": " + field, node.textValue());
  }

  private static String orDefault(String value, String fallback) {
    return value == null ? fallback : value;
  }

  private Reply getBatch(HttpCall call) {
    PayoutBatch batch =
        batchStore
            .find(id(call))
            .orElseThrow(() -> ApiError.notFound("No payout batch " + id(call) + "."));
    return batchReply(batch);
  }

  private Reply listBatches(HttpCall call) {
    int limit = Requests.limit(call);
    List<PayoutBatch> page =
        batchStore.list(Requests.cursor(call, id -> batchStore.find(id).isPresent()), limit + 1);
    return Requests.list(
        "/v1/payout-batches",
        page,
        limit,
        b -> PayoutBatchService.json(b, batchStore.tally(b.id())));
  }

  /**
   * The batch's rows in order, as payouts: JSON pages ({@code after_row}, {@code limit}), or with
   * {@code format=csv} the whole result report as CSV.
   */
  private Reply batchItems(HttpCall call) {
    PayoutBatch batch =
        batchStore
            .find(id(call))
            .orElseThrow(() -> ApiError.notFound("No payout batch " + id(call) + "."));
    String format = call.query("format");
    if (format != null && !format.equals("csv") && !format.equals("json")) {
      throw ApiError.invalid("format", "format must be csv or json, got '" + format + "'");
    }
    if ("csv".equals(format)) {
      StringBuilder csv =
          new StringBuilder(
              "row,payout_id,phone,amount,status,mpesa_receipt,recipient_name,completed_at,"
                  + "result_code,failure_reason\n");
      int after = 0;
      List<Payout> page;
      do {
        page = batchStore.items(batch.id(), after, 500);
        for (Payout p : page) {
          csv.append(p.batchRow())
              .append(',')
              .append(p.id())
              .append(',')
              .append(p.recipient())
              .append(',')
              .append(p.amount())
              .append(',')
              .append(p.status().apiName())
              .append(',')
              .append(CsvRows.quote(p.receipt()))
              .append(',')
              .append(CsvRows.quote(p.recipientName()))
              .append(',')
              .append(CsvRows.quote(io.github.darajakit.gateway.core.Json.time(p.completedAt())))
              .append(',')
              .append(CsvRows.quote(p.resultCode()))
              .append(',')
              .append(CsvRows.quote(p.failureReason()))
              .append('\n');
          after = p.batchRow();
        }
      } while (page.size() == 500);
      return new Reply(
          200,
          "text/csv; charset=utf-8",
          csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    int limit = Requests.limit(call);
    int afterRow;
    try {
      afterRow = call.query("after_row") == null ? 0 : Integer.parseInt(call.query("after_row"));
    } catch (NumberFormatException e) {
      afterRow = -1;
    }
    if (afterRow < 0) {
      throw ApiError.invalid(
          "after_row",
          "after_row must be the row number of the last item of the previous page (0 or more),"
              + " got '"
              + call.query("after_row")
              + "'");
    }
    List<Payout> page = batchStore.items(batch.id(), afterRow, limit + 1);
    return Requests.list(
        "/v1/payout-batches/" + batch.id() + "/items", page, limit, PayoutService::json);
  }
}
