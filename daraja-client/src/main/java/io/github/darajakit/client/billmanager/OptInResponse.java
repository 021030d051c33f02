package io.github.darajakit.client.billmanager;

/**
 * Bill Manager's answer to an opt-in: {@code {"app_key":"AG_2376487236_126732989KJ",
 * "resmsg":"Success","rescode":"200"}} (REFERENCE §14). Keep the app key like a password: every
 * later Bill Manager request carries it ({@code client.billManager().withAppKey(appKey)}).
 *
 * @param appKey {@code app_key}: the biller's key for every later request; {@code ""} in an
 *     update's answer, which carries none
 * @param rescode {@code "200"}
 * @param resmsg {@code "Success"}
 * @param rawJson the answer as received, for audit: it holds the app key
 */
public record OptInResponse(String appKey, String rescode, String resmsg, String rawJson) {

  /** Never prints the app key or the raw answer that holds it. */
  @Override
  public String toString() {
    return "OptInResponse[rescode=" + rescode + ", resmsg=" + resmsg + ", appKey=***]";
  }
}
