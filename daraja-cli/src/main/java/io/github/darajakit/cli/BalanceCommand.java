package io.github.darajakit.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.darajakit.client.ResultCodes;
import io.github.darajakit.client.account.AccountBalanceRequest;
import io.github.darajakit.client.callbacks.Account;
import io.github.darajakit.client.callbacks.AccountBalanceResult;
import io.github.darajakit.emulator.Sandbox;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code daraja balance}: a shortcode's account balances. */
@Command(
    name = "balance",
    mixinStandardHelpOptions = true,
    description = {
      "Asks Daraja's Account Balance API for a shortcode's accounts and shows them.",
      "",
      "Example:",
      "  daraja balance --short-code 600000"
    })
final class BalanceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DarajaOptions daraja;
  @Mixin ResultOptions results;
  @Mixin Output output;

  @Option(
      names = "--short-code",
      description =
          "The shortcode (default: MPESA_B2C_SHORTCODE, else MPESA_SHORTCODE; 600000 on the"
              + " emulator).")
  String shortCode;

  @Override
  public Integer call() {
    String party = shortCode != null ? shortCode : defaultShortCode(daraja);
    return InitiatorRun.run(
        spec,
        output,
        daraja,
        results,
        "balance request",
        ResultCodes.Family.ACCOUNT_BALANCE,
        (client, resultUrl, timeoutUrl) ->
            client
                .account()
                .balance(
                    AccountBalanceRequest.builder()
                        .partyA(party)
                        .remarks("Balance")
                        .resultUrl(resultUrl)
                        .queueTimeOutUrl(timeoutUrl)
                        .build()),
        (result, data) -> {
          AccountBalanceResult balance = (AccountBalanceResult) result;
          data.put("short_code", party);
          ArrayNode accounts = data.putArray("accounts");
          StringBuilder text = new StringBuilder("Balances of " + party + ":\n");
          text.append(String.format("%-34s %16s %16s%n", "Account", "Current", "Available"));
          for (Account a : balance.accounts()) {
            accounts
                .addObject()
                .put("name", a.name())
                .put("currency", a.currency())
                .put("current", a.current().toPlainString())
                .put("available", a.available().toPlainString())
                .put("reserved", a.reserved().toPlainString())
                .put("uncleared", a.unclear().toPlainString());
            text.append(
                String.format(
                    "%-34s %12s %3s %12s %3s%n",
                    a.name(),
                    a.current().toPlainString(),
                    a.currency(),
                    a.available().toPlainString(),
                    a.currency()));
          }
          return text.toString().stripTrailing();
        });
  }

  /** The shortcode initiator queries are about when none is given. */
  static String defaultShortCode(DarajaOptions daraja) {
    String code =
        daraja.variable(
            "MPESA_B2C_SHORTCODE",
            daraja.variable("MPESA_SHORTCODE", daraja.isEmulator() ? Sandbox.SHORTCODE_2 : null));
    if (code == null) {
      throw new UsageException("give --short-code or set MPESA_B2C_SHORTCODE or MPESA_SHORTCODE");
    }
    return code;
  }
}
