package io.github.darajakit.client.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.DarajaCallbackParseException;
import io.github.darajakit.client.ResultCodes.Family;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: whatever a valid callback is mutated into, every parse entry point either succeeds or
 * throws {@link DarajaCallbackParseException} keeping the body, never anything else. Each seed is
 * in the test name; re-run one by narrowing {@link #seeds()}.
 */
class CallbackFuzzTest {

  private static final long BASE_SEED = 0x5AFA_2026L;
  private static final int SEEDS = 300;
  private static final int MUTANTS_PER_SEED = 12;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  private static final List<String> VALID =
      List.of(
          """
          {"Body":{"stkCallback":{"MerchantRequestID":"29115-34620561-1","CheckoutRequestID":"ws_CO_191220191020363925",
          "ResultCode":0,"ResultDesc":"The service request is processed successfully.","CallbackMetadata":{"Item":[
          {"Name":"Amount","Value":1.00},{"Name":"MpesaReceiptNumber","Value":"NLJ7RT61SV"},{"Name":"Balance"},
          {"Name":"TransactionDate","Value":20191219102115},{"Name":"PhoneNumber","Value":254708374149}]}}}}
          """,
          """
          {"Body":{"stkCallback":{"MerchantRequestID":"7588-31800016-1","CheckoutRequestID":"ws_CO_270920212128259339",
          "ResultCode":"SFC_IC0003","ResultDesc":"[STK_CB - ]The operator does not exist."}}}
          """,
          """
          {"TransactionType":"Pay Bill","TransID":"RKL51ZDR4F","TransTime":"20231121121325","TransAmount":"5.00",
          "BusinessShortCode":"600966","BillRefNumber":"Sample Transaction","InvoiceNumber":"","OrgAccountBalance":"25.00",
          "ThirdPartyTransID":"","MSISDN":"2547 ***** 126","FirstName":"NICHOLAS","MiddleName":"","LastName":""}
          """,
          """
          {"Result":{"ResultType":0,"ResultCode":0,"ResultDesc":"ok","OriginatorConversationID":"53e3-1",
          "ConversationID":"AG_20240706_2010364430d9bbdaf872","TransactionID":"SG632NMUAB","ResultParameters":{"ResultParameter":[
          {"Key":"TransactionAmount","Value":10},{"Key":"TransactionReceipt","Value":"SG632NMUAB"},
          {"Key":"ReceiverPartyPublicName","Value":"254705912645 - N"},{"Key":"TransactionCompletedDateTime","Value":"06.07.2024 22:48:52"},
          {"Key":"B2CUtilityAccountAvailableFunds","Value":8959269.60},{"Key":"B2CRecipientIsRegisteredCustomer","Value":"Y"}]},
          "ReferenceData":{"ReferenceItem":{"Key":"QueueTimeoutURL","Value":"https://x/b2cresults"}}}}
          """,
          """
          {"Result":{"ResultType":"0","ResultCode":"0","ResultDesc":"ok","OriginatorConversationID":"626f",
          "ConversationID":"123","TransactionID":"QKA81LK5CY","ResultParameters":{"ResultParameter":[
          {"Key":"Amount","Value":"190.00"},{"Key":"DebitPartyAffectedAccountBalance","Value":"Working Account|KES|346568.83|6186.83|340382.00|0.00"},
          {"Key":"TransCompletedTime","Value":"20221110110717"},{"Key":"ReceiverPartyPublicName","Value":"000000 - Biller"}]},
          "ReferenceData":{"ReferenceItem":[{"Key":"BillReferenceNumber","Value":"19008"},{"Key":"Occassion"}]}}}
          """,
          """
          {"Result":{"ResultType":0,"ResultCode":0,"ResultDesc":"ok","OriginatorConversationID":"3213-416199-2",
          "ConversationID":"AG_1","TransactionID":"MBN0000000","ResultParameters":{"ResultParameter":[
          {"Key":"ReceiptNo","Value":"MBN31H462N"},{"Key":"Conversation ID","Value":"AG_2"},{"Key":"FinalisedTime","Value":20180223054112},
          {"Key":"Amount","Value":"300"},{"Key":"TransactionReason"},{"Key":"InitiatedTime","Value":"20180223054112"}]}}}
          """,
          """
          {"Result":{"ResultType":"0","ResultCode":"0","ResultDesc":"ok","OriginatorConversationID":"16917-22577599-3",
          "ConversationID":"AG_3","TransactionID":"OA90000000","ResultParameters":{"ResultParameter":[
          {"Key":"AccountBalance","Value":"Working Account|KES|700000.00|700000.00|0.00|0.00&Utility Account|KES|228037.00|228037.00|0.00|0.00"},
          {"Key":"BOCompletedTime","Value":"20200109125710"}]}}}
          """,
          """
          {"Result":{"ResultType":0,"ResultCode":"R000002","ResultDesc":"invalid","OriginatorConversationID":"dad6",
          "ConversationID":"AG_4","TransactionID":"SKE0000000","ResultParameters":{"ResultParameter":{"Key":"OriginalTransactionID","Value":"SKC82PACB8"}}}}
          """);

  private static final List<Function<String, Object>> ENTRY_POINTS =
      List.of(
          DarajaCallbacks::parse,
          DarajaCallbacks::parseStkCallback,
          DarajaCallbacks::parseC2bValidation,
          DarajaCallbacks::parseC2bConfirmation,
          DarajaCallbacks::parseQueueTimeout,
          json -> DarajaCallbacks.parseResult(json, Family.B2C),
          json -> DarajaCallbacks.parseResult(json, Family.B2B),
          json -> DarajaCallbacks.parseResult(json, Family.TRANSACTION_STATUS),
          json -> DarajaCallbacks.parseResult(json, Family.ACCOUNT_BALANCE),
          json -> DarajaCallbacks.parseResult(json, Family.REVERSAL));

  static LongStream seeds() {
    return LongStream.range(0, SEEDS).map(i -> BASE_SEED + i);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void mutatedCallbacksParseOrRaiseOnlyTheParseException(long seed) throws Exception {
    Random random = new Random(seed);
    for (int n = 0; n < MUTANTS_PER_SEED; n++) {
      String original = VALID.get(random.nextInt(VALID.size()));
      String mutant = mutate(original, random);
      for (Function<String, Object> entry : ENTRY_POINTS) {
        try {
          Object parsed = entry.apply(mutant);
          assertThat(parsed).isNotNull();
          assertThat(parsed.toString()).isNotNull();
        } catch (DarajaCallbackParseException expected) {
          assertThat(expected.rawBody()).isEqualTo(mutant);
          assertThat(expected.getMessage()).isNotBlank();
        } catch (RuntimeException | StackOverflowError wrong) {
          fail(
              "seed " + seed + " mutant " + n + " threw " + wrong + " for body:\n" + mutant, wrong);
        }
      }
    }
  }

  /** One to four mutations, on the tree or on the text. */
  private static String mutate(String original, Random random) throws Exception {
    if (random.nextInt(5) == 0) {
      return mutateText(original, random);
    }
    JsonNode root = MAPPER.readTree(original);
    int count = 1 + random.nextInt(4);
    for (int i = 0; i < count; i++) {
      List<JsonNode> containers = new ArrayList<>();
      collect(root, containers);
      JsonNode target = containers.get(random.nextInt(containers.size()));
      if (target instanceof ObjectNode object && object.size() > 0) {
        mutateObject(object, random);
      } else if (target instanceof ArrayNode array && array.size() > 0) {
        int at = random.nextInt(array.size());
        switch (random.nextInt(3)) {
          case 0 -> array.remove(at);
          case 1 -> array.add(array.get(at).deepCopy());
          default -> array.set(at, replacement(array.get(at), random));
        }
      }
    }
    return MAPPER.writeValueAsString(root);
  }

  private static void mutateObject(ObjectNode object, Random random) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    String name = names.get(random.nextInt(names.size()));
    switch (random.nextInt(4)) {
      case 0 -> object.remove(name);
      case 1 -> {
        JsonNode value = object.remove(name);
        object.set(renamed(name, random), value);
      }
      default -> object.set(name, replacement(object.get(name), random));
    }
  }

  private static String renamed(String name, Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> name.toLowerCase();
      case 1 -> name.toUpperCase();
      case 2 -> name + " ";
      default -> name.substring(0, Math.max(0, name.length() - 1));
    };
  }

  private static JsonNode replacement(JsonNode old, Random random) {
    JsonNodeFactory f = JsonNodeFactory.withExactBigDecimals(true);
    return switch (random.nextInt(16)) {
      case 0 -> f.nullNode();
      case 1 -> f.booleanNode(random.nextBoolean());
      case 2 -> f.numberNode(random.nextInt());
      case 3 -> f.numberNode(new BigInteger(60 * 3, random));
      case 4 ->
          f.numberNode(
              new BigDecimal(
                  "1e" + (random.nextBoolean() ? "" : "-") + random.nextInt(1_000_000_000)));
      case 5 ->
          f.numberNode(new BigDecimal(random.nextInt(100_000)).movePointLeft(random.nextInt(20)));
      case 6 -> f.textNode("");
      case 7 -> f.textNode(randomText(random));
      case 8 -> f.textNode(String.valueOf(random.nextLong()));
      case 9 -> f.objectNode();
      case 10 -> f.arrayNode();
      case 11 -> f.arrayNode().add(old.deepCopy());
      case 12 -> f.objectNode().set("Key", old.deepCopy());
      case 13 -> deep(f, 10 + random.nextInt(40));
      case 14 -> f.textNode(old.asText() + "|" + randomText(random) + "&");
      default ->
          f.textNode(changeADigit(old.isValueNode() ? old.asText() : old.toString(), random));
    };
  }

  /** One digit replaced by another: dates, amounts and codes that are almost right. */
  private static String changeADigit(String text, Random random) {
    StringBuilder changed = new StringBuilder(text);
    for (int tries = 0; tries < 8 && !text.isEmpty(); tries++) {
      int at = random.nextInt(changed.length());
      if (Character.isDigit(changed.charAt(at))) {
        changed.setCharAt(at, (char) ('0' + random.nextInt(10)));
        break;
      }
    }
    return changed.toString();
  }

  private static JsonNode deep(JsonNodeFactory f, int depth) {
    JsonNode node = f.numberNode(1);
    for (int i = 0; i < depth; i++) {
      node = f.arrayNode().add(node);
    }
    return node;
  }

  private static String randomText(Random random) {
    String alphabet = "0123456789.,-+eE |&*{}[]\"\\\u00e9\u2713\n\tabcXYZ ws_CO_";
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(20);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }

  private static String mutateText(String original, Random random) {
    StringBuilder text = new StringBuilder(original);
    int at = random.nextInt(text.length());
    return switch (random.nextInt(4)) {
      case 0 -> text.substring(0, at);
      case 1 -> text.insert(at, "{[\",:}]".charAt(random.nextInt(7))).toString();
      case 2 -> text.deleteCharAt(at).toString();
      default -> text.append(random.nextBoolean() ? "{}" : " x").toString();
    };
  }

  private static void collect(JsonNode node, List<JsonNode> into) {
    if (node.isContainerNode()) {
      into.add(node);
      Iterator<JsonNode> children = node.elements();
      while (children.hasNext()) {
        collect(children.next(), into);
      }
    }
  }
}
