package io.github.darajakit.gateway.payouts;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether the names B2C Hakikisha reports for a number can be the person a payout's {@code
 * expected_name} names (the {@code payouts.nameCheck} rule). Pure: no I/O, no clock.
 *
 * <p>Hakikisha gives the first name in the clear and the other names masked, e.g. {@code wanjiku
 * N****** K******} (⚠ REFERENCE §16 shows one sample, a first letter and six stars; Safaricom does
 * not document the format). The rule:
 *
 * <ol>
 *   <li>Both sides are compared case-insensitively, with diacritics, apostrophes and full stops
 *       removed and hyphens, commas and runs of whitespace read as one space: {@code "Zoë
 *       O'Neil-Kamau"} reads as {@code zoe oneil kamau}.
 *   <li>Every name Hakikisha returns must match a different name of {@code expected_name}, in any
 *       order (people write their names in different orders): a name in the clear (the first name)
 *       must be equal; a masked name matches a name that begins with the letters shown before its
 *       stars and ends with any shown after them. The number of stars says nothing of the hidden
 *       letters. So {@code N******} matches {@code Njeri}, {@code Nyambura} and the initial {@code
 *       N.}
 *   <li>The first name must be there: an answer without one cannot confirm anybody.
 * </ol>
 *
 * <p>Names in {@code expected_name} that Hakikisha did not return are allowed (M-Pesa may hold
 * fewer names than the merchant knows), but every name M-Pesa holds must be accounted for: {@code
 * "Wanjiku Kamau"} does not match {@code wanjiku N****** K******}, whose N is nobody in it.
 */
final class NameMatch {

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern DROPPED = Pattern.compile("['\\u2019.]");
  private static final Pattern SEPARATORS = Pattern.compile("[\\s,\\-\\u2010\\u2013]+");

  private NameMatch() {}

  /**
   * Compares {@code expectedName} with Hakikisha's answer.
   *
   * @return why they do not match, in words for a person deciding; empty if they match
   */
  static Optional<String> mismatch(
      String expectedName, String firstName, String middleName, String lastName) {
    List<String> expected = words(expectedName);
    List<String> returnedFirst = words(firstName);
    if (returnedFirst.isEmpty()) {
      return Optional.of("M-Pesa returned no first name to compare");
    }
    List<String> returned = new ArrayList<>(returnedFirst);
    returned.addAll(words(middleName));
    returned.addAll(words(lastName));
    if (assign(returned, 0, expected, new boolean[expected.size()])) {
      return Optional.empty();
    }
    List<String> unmatched = new ArrayList<>();
    for (String name : returned) {
      if (expected.stream().noneMatch(candidate -> matches(name, candidate))) {
        unmatched.add(name);
      }
    }
    return Optional.of(
        unmatched.isEmpty()
            ? "the names M-Pesa holds cannot each be a different name of the expected name"
            : "no name of the expected name matches " + String.join(", ", unmatched));
  }

  /** The comparable words of a name: see the class comment. */
  static List<String> words(String name) {
    if (name == null) {
      return List.of();
    }
    String plain = MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFKD)).replaceAll("");
    plain = DROPPED.matcher(plain.toLowerCase(Locale.ROOT)).replaceAll("");
    return Arrays.stream(SEPARATORS.split(plain.strip())).filter(w -> !w.isEmpty()).toList();
  }

  /**
   * Whether each returned name from {@code next} on can be given a different expected name not yet
   * {@code taken}. A search over few names: Hakikisha returns three at most.
   */
  private static boolean assign(
      List<String> returned, int next, List<String> expected, boolean[] taken) {
    if (next == returned.size()) {
      return true;
    }
    for (int i = 0; i < expected.size(); i++) {
      if (!taken[i] && matches(returned.get(next), expected.get(i))) {
        taken[i] = true;
        if (assign(returned, next + 1, expected, taken)) {
          return true;
        }
        taken[i] = false;
      }
    }
    return false;
  }

  /**
   * A returned name in the clear equals the expected one; a masked one fits it around its stars.
   */
  private static boolean matches(String returned, String expected) {
    int firstStar = returned.indexOf('*');
    if (firstStar < 0) {
      return returned.equals(expected);
    }
    String shownBefore = returned.substring(0, firstStar);
    String shownAfter = returned.substring(returned.lastIndexOf('*') + 1);
    return expected.length() >= shownBefore.length() + shownAfter.length()
        && expected.startsWith(shownBefore)
        && expected.endsWith(shownAfter);
  }
}
